import { iniciarPortalAzuton, type FaturaAzuton } from './azuton';
import { iniciarPortalDigitalnet } from './digitalnet';
import { iniciarPortalEmbratel } from './embratel';
import { iniciarPortalOi } from './oi';
import { iniciarPortalSat } from './sat';
import { iniciarPortalVivo } from './vivo';

/** Estado de demonstração dos portais simulados (dados inventados) e as portas padrão. */
export const PORTA_EMBRATEL = Number(process.env.PORTA_SIMULADOR_EMBRATEL ?? 8091);
export const PORTA_SAT = Number(process.env.PORTA_SIMULADOR_SAT ?? 8092);
export const PORTA_OI = Number(process.env.PORTA_SIMULADOR_OI ?? 8093);
export const PORTA_DIGITALNET = Number(process.env.PORTA_SIMULADOR_DIGITALNET ?? 8094);
export const PORTA_VIVO = Number(process.env.PORTA_SIMULADOR_VIVO ?? 8095);
export const PORTA_AZUTON = Number(process.env.PORTA_SIMULADOR_AZUTON ?? 8096);

const competencia = (deslocamento: number): { mes: string; vencimento: string } => {
  const data = new Date();
  data.setUTCDate(1);
  data.setUTCMonth(data.getUTCMonth() + deslocamento);
  const mes = `${data.getUTCFullYear()}${String(data.getUTCMonth() + 1).padStart(2, '0')}`;
  return { mes, vencimento: `10/${mes.slice(4)}/${mes.slice(0, 4)}` };
};

/** Contas da demonstração: as dos clientes Embratel do semeador (`src/demonstracao`) e a do exemplo de depuração. */
export const iniciarEmbratelDemonstracao = (porta = PORTA_EMBRATEL) =>
  iniciarPortalEmbratel(
    {
      usuario: 'usuario.demo',
      senha: 'Demo#Portal1',
      acessos: { 'alfa.demo': 'SenhaInventada1', 'beta.demo': 'SenhaInventada2' },
      // Mês corrente, os dois anteriores e 11/2026 (o dos exemplos em worker-rpa/exemplos).
      faturas: [
        ...new Map(
          [0, -1, -2]
            .map(competencia)
            .concat({ mes: '202611', vencimento: '10/11/2026' })
            .map((c) => [c.mes, c])
        ).values(),
      ].flatMap(({ mes, vencimento }) => {
        return [
          { conta: '12345678901-2345', mes, vencimento, valor: '1.234,56', icms: true, iss: true },
          {
            conta: '10987654321-0001',
            mes,
            vencimento: vencimento.replace(/^10/, '15'),
            valor: '389,90',
            icms: true,
          },
          {
            conta: '10000000001-0001',
            mes,
            vencimento: vencimento.replace(/^10/, '05'),
            valor: '2.450,00',
            icms: true,
            iss: true,
          },
          {
            conta: '10000000002-0002',
            mes,
            vencimento: vencimento.replace(/^10/, '12'),
            valor: '780,35',
            iss: true,
          },
        ];
      }),
    },
    porta
  );

/** Meses AAAA-MM de demonstração: o corrente, os dois anteriores e 2026-11 (o dos exemplos). */
const mesesDemonstracao = (): string[] =>
  [...new Set([0, -1, -2].map((d) => competencia(d).mes).concat('202611'))].map(
    (m) => `${m.slice(0, 4)}-${m.slice(4)}`
  );

/** Contas da Oi: a do cliente Oi do semeador (Gama, linha 67 3000-0001) e a do exemplo de depuração. */
export const iniciarOiDemonstracao = (porta = PORTA_OI) =>
  iniciarPortalOi(
    {
      email: 'contas@demo.invalid',
      senha: 'Demo#Oi1',
      acessos: { 'gama@demo.invalid': 'SenhaInventada3' },
      contas: mesesDemonstracao().flatMap((mes) => {
        const [ano, mm] = mes.split('-');
        return [
          {
            id: `GAMA-${ano}${mm}`,
            cnpj: '04252011000110',
            linha: '6730000001',
            mes,
            vencimento: `18/${mm}/${ano}`,
            valor: '412,70',
          },
          {
            id: `DEMO-${ano}${mm}`,
            cnpj: '11222333000181',
            linha: '(67) 3333-4444',
            mes,
            vencimento: `20/${mm}/${ano}`,
            valor: '199,90',
          },
        ];
      }),
    },
    porta
  );

/** Digitalnet: o acesso do exemplo de depuração, com dois contratos (um com fatura a cada mês de demonstração). */
export const iniciarDigitalnetDemonstracao = (porta = PORTA_DIGITALNET) =>
  iniciarPortalDigitalnet(
    {
      login: '11222333000181',
      senha: 'Demo#Dig1',
      contratos: [
        { id: 'CTR-DEMO-00', nome: 'CTR-DEMO-00 RUA DA DEMONSTRACAO 1', cnpj: '11222333000181' },
        {
          id: 'CTR-DEMO-01',
          nome: 'CTR-DEMO-01 AVENIDA DA DEMONSTRACAO 2',
          cnpj: '11222333000181',
          fatura: { id: 'DIG-DEMO-1', vencimento: '25/11/2026', valor: '189,90' },
        },
      ],
    },
    porta
  );

/** Vivo: o acesso do exemplo de depuração, com o cliente dele e outro de CNPJ parecido. */
export const iniciarVivoDemonstracao = (porta = PORTA_VIVO) =>
  iniciarPortalVivo(
    {
      email: 'gestor@demo.invalid',
      cpf: '52998224725',
      senha: 'Demo#Vivo1',
      clientes: [
        { id: 'VIVO-DEMO-1', cnpj: '11299988000100', nome: 'OUTRA EMPRESA DEMONSTRACAO' },
        { id: 'VIVO-DEMO-2', cnpj: '11222333000181', nome: 'EMPRESA DEMONSTRACAO' },
      ],
    },
    porta
  );

/** Azuton: a fatura do cliente de demonstração (o mesmo CNPJ do exemplo da Vivo, inventado). */
export const FATURA_AZUTON_DEMONSTRACAO: FaturaAzuton = {
  id: 'AZU-DEMO-1',
  numero: '500123',
  cliente: 'EMPRESA DEMONSTRACAO',
  cnpj: '11222333000181',
  vencimento: competencia(0).vencimento,
  valor: '321,09',
};

export const iniciarAzutonDemonstracao = (porta = PORTA_AZUTON) =>
  iniciarPortalAzuton({ faturas: [FATURA_AZUTON_DEMONSTRACAO] }, porta);

export const iniciarSatDemonstracao = (porta = PORTA_SAT) =>
  iniciarPortalSat(
    {
      usuario: 'robo.sat',
      senha: 'Demo#Sat1',
      clientes: [
        { id: 1, nome: 'EMPRESA DEMONSTRACAO' },
        { id: 2, nome: 'ALFA LOGISTICA' },
        { id: 3, nome: 'BETA ALIMENTOS' },
        { id: 4, nome: 'EMPRESA TESTE' },
      ],
      filiais: ['CAMPO GRANDE - MS', 'DOURADOS - MS', 'CUIABÁ - MT', 'SÃO PAULO - SP'],
    },
    porta
  );
