import { limitePorMinuto } from '../seguranca/limite-taxa';
import { configuracao } from '../configuracao';

/**
 * Rotas públicas do link de decisão: limite por IP (o token é a credencial; quem tenta adivinhá-lo
 * ou martela a página é freado antes de qualquer consulta ao banco).
 */
export default limitePorMinuto({
  porMinuto: () => configuracao().limites.decisoesPorMinuto,
  chave: (_strapi, ctx) => ctx.ip,
  mensagem: (limite, espera) =>
    `Pedidos demais a links de decisão deste endereço (limite de ${limite} por minuto). Tente de novo em ${espera} s.`,
});
