import {
  acaoRbacCompleta,
  type AcaoRbac,
  competenciaAtual,
  type NomeRotaPainel,
  urlPainel,
  type EstadoProcesso,
  type StatusExecucao,
} from '@orquestrador-rpa/contrato';
import { useAuth, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Badge,
  Box,
  Button,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useRotuloStatus, useTextos } from '../textos';

/** Peças comuns das páginas do plugin (cores e campos do design system: tema claro e escuro). */

type ErroHttp = { response?: { status?: number; data?: { error?: { message?: string } } } };

/** Mensagem do servidor (já em português) ou a padrão. */
export const mensagemDeErro = (erro: unknown, padrao: string): string =>
  (erro as ErroHttp).response?.data?.error?.message ?? padrao;
export const statusDoErro = (erro: unknown): number | undefined => (erro as ErroHttp).response?.status;

export const Quadro = ({
  titulo,
  children,
  acoes,
}: {
  titulo: string;
  children: ReactNode;
  acoes?: ReactNode;
}) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={5} width="100%">
    <Flex justifyContent="space-between" alignItems="center" gap={2} wrap="wrap">
      <Typography variant="delta" tag="h2">
        {titulo}
      </Typography>
      {acoes}
    </Flex>
    {children}
  </Box>
);

export const Cabecalho = ({
  titulo,
  subtitulo,
  children,
}: {
  titulo: string;
  subtitulo?: string;
  children?: ReactNode;
}) => (
  <Flex justifyContent="space-between" alignItems="flex-end" paddingBottom={6} wrap="wrap" gap={4}>
    <Box>
      <Typography tag="h1" variant="alpha">
        {titulo}
      </Typography>
      {subtitulo && (
        <Box paddingTop={1}>
          <Typography variant="epsilon" textColor="neutral600">
            {subtitulo}
          </Typography>
        </Box>
      )}
    </Box>
    {children}
  </Flex>
);

const COR_STATUS: Partial<Record<EstadoProcesso | StatusExecucao, [string, string]>> = {
  AGUARDANDO_APROVACAO: ['warning100', 'warning700'],
  ENVIADO_SAT: ['success100', 'success700'],
  CONCLUIDO: ['success100', 'success700'],
  FALHA_DOWNLOAD: ['danger100', 'danger700'],
  FALHA_ENVIO_SAT: ['danger100', 'danger700'],
  CONFERIR_SAT: ['warning100', 'warning700'],
  REJEITADA: ['danger100', 'danger700'],
  FALHOU: ['danger100', 'danger700'],
  INTERROMPIDA: ['danger100', 'danger700'],
};

export const BadgeStatus = ({ status }: { status: string }) => {
  const [fundo, texto] = COR_STATUS[status as EstadoProcesso | StatusExecucao] ?? [
    'primary100',
    'primary700',
  ];
  const rotulo = useRotuloStatus();
  return (
    <Badge backgroundColor={fundo} textColor={texto}>
      {rotulo(status)}
    </Badge>
  );
};

/** Campo de filtro de texto (ou mês/data, pelo `type`). */
export const FiltroTexto = ({
  rotulo,
  valor,
  aoMudar,
  tipo = 'text',
  id,
}: {
  rotulo: string;
  valor: string;
  aoMudar: (v: string) => void;
  tipo?: string;
  id: string;
}) => (
  <Field.Root name={id} id={id}>
    <Field.Label>{rotulo}</Field.Label>
    <TextInput
      type={tipo}
      value={valor}
      onChange={(e: { target: { value: string } }) => aoMudar(e.target.value)}
      data-testid={`filtro-${id}`}
    />
  </Field.Root>
);

/** Filtro de lista fechada; a primeira opção ("Todos") limpa o filtro. */
export const FiltroLista = ({
  rotulo,
  valor,
  aoMudar,
  opcoes,
  id,
}: {
  rotulo: string;
  valor: string;
  aoMudar: (v: string) => void;
  opcoes: Array<[string, string]>;
  id: string;
}) => {
  const t = useTextos();
  return (
    <Field.Root name={id} id={id}>
      <Field.Label>{rotulo}</Field.Label>
      <SingleSelect
        value={valor || '__todos'}
        onChange={(v: string | number) => aoMudar(v === '__todos' ? '' : String(v))}
        data-testid={`filtro-${id}`}
      >
        <SingleSelectOption value="__todos">{t('filtro.todos', 'Todos')}</SingleSelectOption>
        {opcoes.map(([chave, rotuloOpcao]) => (
          <SingleSelectOption key={chave} value={chave}>
            {rotuloOpcao}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
};

/** Navegação entre páginas de uma lista paginada no servidor. */
export const Paginacao = ({
  pagina,
  porPagina,
  total,
  aoMudar,
}: {
  pagina: number;
  porPagina: number;
  total: number;
  aoMudar: (p: number) => void;
}) => {
  const t = useTextos();
  const paginas = Math.max(1, Math.ceil(total / porPagina));
  return (
    <Flex justifyContent="space-between" paddingTop={4} gap={2}>
      <Typography variant="pi" textColor="neutral600">
        {t('paginacao.resumo', '{total} registro(s) · página {pagina} de {paginas}', {
          total,
          pagina,
          paginas,
        })}
      </Typography>
      <Flex gap={2}>
        <Button variant="tertiary" disabled={pagina <= 1} onClick={() => aoMudar(pagina - 1)}>
          {t('paginacao.anterior', 'Anterior')}
        </Button>
        <Button variant="tertiary" disabled={pagina >= paginas} onClick={() => aoMudar(pagina + 1)}>
          {t('paginacao.proxima', 'Próxima')}
        </Button>
      </Flex>
    </Flex>
  );
};

/** Monta a query string só com os filtros preenchidos. */
export const consulta = (filtros: Record<string, string | number>): string =>
  new URLSearchParams(
    Object.entries(filtros)
      .filter(([, v]) => v !== '' && v !== undefined)
      .map(([k, v]) => [k, String(v)])
  ).toString();

export const dataHora = (iso: string | null): string => (iso ? new Date(iso).toLocaleString('pt-BR') : '—');

/** Filtros de uma lista guardados na URL (o link leva a mesma seleção); mudar um filtro volta à página 1. */
export const useFiltrosNaUrl = <C extends string>(campos: readonly C[]) => {
  const [parametros, definirParametros] = useSearchParams();
  const [pagina, definirPagina] = useState(1);
  const filtros = Object.fromEntries(campos.map((c) => [c, parametros.get(c) ?? ''])) as Record<C, string>;
  const filtrar = (campo: C, valor: string) => {
    const novos = new URLSearchParams(parametros);
    if (valor) novos.set(campo, valor);
    else novos.delete(campo);
    definirParametros(novos, { replace: true });
    definirPagina(1);
  };
  return { filtros, filtrar, pagina, definirPagina, chave: `${parametros.toString()}#${pagina}` };
};

/** Entrega um arquivo recebido da API ao navegador como download. */
export const baixarArquivo = (conteudo: Blob, nome: string): void => {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(conteudo);
  link.download = nome;
  link.click();
  URL.revokeObjectURL(link.href);
};

/** Cabeçalho de tabela: cada coluna pelo id do texto e o português padrão. */
export const CabecalhoTabela = ({ colunas }: { colunas: ReadonlyArray<readonly [string, string]> }) => {
  const t = useTextos();
  return (
    <Thead>
      <Tr>
        {colunas.map(([id, padrao]) => (
          <Th key={id}>
            <Typography variant="sigma">{t(id, padrao)}</Typography>
          </Th>
        ))}
      </Tr>
    </Thead>
  );
};

/** Selo colorido de um estado (fundo e texto do design system). */
export const Selo = ({ cor, texto }: { cor: readonly [string, string]; texto: string }) => (
  <Badge backgroundColor={cor[0]} textColor={cor[1]}>
    {texto}
  </Badge>
);

/**
 * A pessoa tem a ação do plugin? Lido das permissões do login (reage quando elas chegam): o
 * `useRBAC` confere uma vez só e, montado antes de as permissões carregarem, fica em "não".
 */
export const usePermitido = (acao: AcaoRbac): boolean => {
  const permissoes = useAuth('orquestrador-rpa', (estado) => estado.permissions);
  return permissoes.some((p) => p.action === acaoRbacCompleta(acao));
};

/** Escolha da competência (AAAA-MM); vazio volta ao mês corrente. */
export const SeletorMes = ({
  mes,
  aoMudar,
  idTeste,
}: {
  mes: string;
  aoMudar: (mes: string) => void;
  idTeste: string;
}) => {
  const t = useTextos();
  return (
    <label>
      <Typography variant="pi" textColor="neutral600">
        {t('dashboard.mes', 'Competência')}{' '}
      </Typography>
      <input
        type="month"
        value={mes}
        onChange={(e) => aoMudar(e.target.value || competenciaAtual())}
        data-testid={idTeste}
      />
    </label>
  );
};

/** Dados de uma rota do painel para a competência escolhida; recarrega quando o mês muda. */
export const useDadosDoMes = <T,>(rota: NomeRotaPainel, mes: string, mensagemDeFalha: string) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [dados, definirDados] = useState<T | null>(null);
  const carregar = useCallback(() => {
    get<{ data: T }>(`${urlPainel(rota)}?mes_ano=${mes}`)
      .then(({ data }) => definirDados(data.data))
      .catch(() => toggleNotification({ type: 'danger', message: mensagemDeFalha }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [get, mes, rota]);
  useEffect(carregar, [carregar]);
  return { dados, carregar };
};
