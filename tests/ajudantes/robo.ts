import type { Core } from '@strapi/strapi';
import { TOKEN_ROBO_TESTE } from './strapi';
import { api } from './dados';
import { assinarTokenDoJob } from '../../src/seguranca/token-job';

type Registro = Record<string, unknown>;

/**
 * Um worker de mentira falando com as rotas `/api/robo/...`: `ROBO_TOKEN` mais o token que o Strapi
 * assinou para o job daquela execução (`X-Token-Execucao`).
 */
export const roboApi = (strapi: Core.Strapi) => {
  const pedir = (metodo: 'get' | 'post', id: string, acao: string) => {
    const bruto = api(strapi, TOKEN_ROBO_TESTE).bruto();
    return bruto[metodo](`/api/robo/execucoes/${id}/${acao}`)
      .set('Authorization', `Bearer ${TOKEN_ROBO_TESTE}`)
      .set('X-Token-Execucao', assinarTokenDoJob(id))
      .set('X-Worker', 'maquina-teste:1');
  };
  return {
    iniciar: (id: string, tentativa = 1) => pedir('post', id, 'iniciar').send({ tentativa }),
    pontoSemRetorno: (id: string) => pedir('post', id, 'ponto-sem-retorno'),
    fatura: (id: string) => pedir('get', id, 'fatura'),
    concluir: (
      id: string,
      resultado: Registro,
      tentaraNovamente = false,
      anexos: Array<[string, Buffer, string]> = []
    ) => {
      let pedido = pedir('post', id, 'concluir')
        .field('resultado', JSON.stringify(resultado))
        .field('tentara_novamente', String(tentaraNovamente));
      for (const [campo, conteudo, nome] of anexos) pedido = pedido.attach(campo, conteudo, nome);
      return pedido;
    },
  };
};

export const sucessoDoDownload = (vencimento = '2025-06-10') => ({
  sucesso: true,
  status: 'SUCESSO',
  mensagem: 'baixada',
  dados_extraidos: { data_vencimento: vencimento },
});
export const falhaDoRobo = (tipo_erro: string, mensagem = 'falhou') => ({
  sucesso: false,
  status: 'ERRO',
  mensagem,
  tipo_erro,
  logs_execucao: ['linha 1', 'linha 2'],
});
