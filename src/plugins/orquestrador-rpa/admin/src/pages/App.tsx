import { Box, Flex, Main } from '@strapi/design-system';
import { NavLink, Route, Routes } from 'react-router-dom';
import { AcaoRbac } from '@orquestrador-rpa/contrato';
import { usePermitido } from '../componentes/comuns';
import { useTextos } from '../textos';
import { Dashboard } from './Dashboard';
import { Aprovacoes } from './Aprovacoes';
import { Processos } from './Processos';
import { Processo } from './Processo';
import { Execucoes } from './Execucoes';
import { LogsAoVivo } from './LogsAoVivo';
import { Notificacoes } from './Notificacoes';
import { Agendamentos } from './Agendamentos';
import { ImportarClientes } from './ImportarClientes';
import { Conciliacao } from './Conciliacao';
import { Relatorios } from './Relatorios';
import { Carencias } from './Carencias';

const PAGINAS = [
  ['', 'nav.dashboard', 'Dashboard', 'nav-dashboard'],
  ['aprovacoes', 'nav.aprovacoes', 'Aprovações', 'nav-aprovacoes'],
  ['processos', 'nav.processos', 'Processos', 'nav-processos'],
  ['execucoes', 'nav.execucoes', 'Execuções', 'nav-execucoes'],
  ['conciliacao', 'nav.conciliacao', 'Conciliação', 'nav-conciliacao'],
  ['relatorios', 'nav.relatorios', 'Relatórios', 'nav-relatorios'],
  ['logs', 'nav.logs', 'Logs ao vivo', 'nav-logs'],
  ['agendamentos', 'nav.agendamentos', 'Agendamentos', 'nav-agendamentos'],
  ['importar-clientes', 'nav.importar', 'Importar clientes', 'nav-importar'],
  ['notificacoes', 'nav.notificacoes', 'Notificações', 'nav-notificacoes'],
  ['carencias', 'nav.carencias', 'Contas em carência', 'nav-carencias'],
] as const;

/** Páginas do plugin com a navegação entre elas. */
export const App = () => {
  const t = useTextos();
  // Caixa de saída, agendamentos e importação: só para quem tem a ação (o servidor confere de novo).
  const restritas: Record<string, boolean | undefined> = {
    notificacoes: usePermitido(AcaoRbac.GERENCIAR_NOTIFICACOES),
    agendamentos: usePermitido(AcaoRbac.GERENCIAR_AGENDAMENTOS),
    'importar-clientes': usePermitido(AcaoRbac.IMPORTAR_CLIENTES),
    carencias: usePermitido(AcaoRbac.CONFIRMAR_CONTAS),
  };
  const paginas = PAGINAS.filter(([caminho]) => !(caminho in restritas) || restritas[caminho]);
  const estilo = ({ isActive }: { isActive: boolean }) => ({
    fontWeight: isActive ? 700 : 400,
    textDecoration: 'none',
    color: 'inherit',
  });
  return (
    <Main>
      <Box paddingLeft={8} paddingRight={8} paddingTop={6} color="neutral800">
        <Flex gap={6} tag="nav" aria-label={t('menu.titulo', 'Orquestrador RPA')} wrap="wrap">
          {paginas.map(([caminho, id, padrao, teste]) => (
            <NavLink key={teste} end={caminho === ''} to={caminho} style={estilo} data-testid={teste}>
              {t(id, padrao)}
            </NavLink>
          ))}
        </Flex>
      </Box>
      <Routes>
        <Route index element={<Dashboard />} />
        <Route path="aprovacoes" element={<Aprovacoes />} />
        <Route path="processos" element={<Processos />} />
        <Route path="processos/:id" element={<Processo />} />
        <Route path="execucoes" element={<Execucoes />} />
        <Route path="logs" element={<LogsAoVivo />} />
        <Route path="conciliacao" element={<Conciliacao />} />
        <Route path="relatorios" element={<Relatorios />} />
        <Route path="agendamentos" element={<Agendamentos />} />
        <Route path="notificacoes" element={<Notificacoes />} />
        <Route path="importar-clientes" element={<ImportarClientes />} />
        <Route path="carencias" element={<Carencias />} />
      </Routes>
    </Main>
  );
};
