/** Partes temporárias do multipart apagadas ao fim de toda requisição (ver src/seguranca/multipart.ts). */
export { default } from '../seguranca/multipart';
