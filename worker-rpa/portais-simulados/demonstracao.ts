import { iniciarPortalEmbratel } from './embratel';
import { iniciarPortalSat } from './sat';

/** Estado de demonstração dos portais simulados (dados inventados) e as portas padrão. */
export const PORTA_EMBRATEL = Number(process.env.PORTA_SIMULADOR_EMBRATEL ?? 8091);
export const PORTA_SAT = Number(process.env.PORTA_SIMULADOR_SAT ?? 8092);

const competencia = (deslocamento: number): { mes: string; vencimento: string } => {
  const data = new Date();
  data.setUTCDate(1);
  data.setUTCMonth(data.getUTCMonth() + deslocamento);
  const mes = `${data.getUTCFullYear()}${String(data.getUTCMonth() + 1).padStart(2, '0')}`;
  return { mes, vencimento: `10/${mes.slice(4)}/${mes.slice(0, 4)}` };
};

/** Contas da demonstração: as dos clientes Embratel do semeador (`src/demonstracao`) e a do exemplo de depuração. */
export const iniciarEmbratelDemonstracao = (porta = PORTA_EMBRATEL) =>
  iniciarPortalEmbratel({
    usuario: 'usuario.demo',
    senha: 'Demo#Portal1',
    acessos: { 'alfa.demo': 'SenhaInventada1', 'beta.demo': 'SenhaInventada2' },
    // Mês corrente, os dois anteriores e 11/2026 (o dos exemplos em worker-rpa/exemplos).
    faturas: [...new Map([0, -1, -2].map(competencia).concat({ mes: '202611', vencimento: '10/11/2026' }).map((c) => [c.mes, c])).values()].flatMap(({ mes, vencimento }) => {
      return [
        { conta: '12345678901-2345', mes, vencimento, valor: '1.234,56', icms: true, iss: true },
        { conta: '10987654321-0001', mes, vencimento: vencimento.replace(/^10/, '15'), valor: '389,90', icms: true },
        { conta: '10000000001-0001', mes, vencimento: vencimento.replace(/^10/, '05'), valor: '2.450,00', icms: true, iss: true },
        { conta: '10000000002-0002', mes, vencimento: vencimento.replace(/^10/, '12'), valor: '780,35', iss: true },
      ];
    }),
  }, porta);

export const iniciarSatDemonstracao = (porta = PORTA_SAT) =>
  iniciarPortalSat({
    usuario: 'robo.sat',
    senha: 'Demo#Sat1',
    clientes: [{ id: 1, nome: 'EMPRESA DEMONSTRACAO' }, { id: 2, nome: 'ALFA LOGISTICA' }, { id: 3, nome: 'BETA ALIMENTOS' }, { id: 4, nome: 'EMPRESA TESTE' }],
    filiais: ['CAMPO GRANDE - MS', 'DOURADOS - MS', 'CUIABÁ - MT', 'SÃO PAULO - SP'],
  }, porta);
