/** Limite de exportações por minuto e por pessoa (ver src/seguranca/limite-taxa.ts). */
export { default } from '../seguranca/limite-taxa';
