/** Limite por IP nas rotas públicas do link de decisão (ver src/seguranca/limite-taxa.ts). */
export { limiteDecisoes as default } from '../seguranca/limite-taxa';
