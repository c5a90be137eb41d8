/** Profundidade máxima do populate na API REST (ver src/seguranca/limite-populate.ts). */
export { default } from '../seguranca/limite-populate';
