import { Box, Flex, Main } from '@strapi/design-system';
import { NavLink, Route, Routes } from 'react-router-dom';
import { useTextos } from '../textos';
import { Dashboard } from './Dashboard';
import { Aprovacoes } from './Aprovacoes';

/** Páginas do plugin com a navegação entre elas. */
export const App = () => {
  const t = useTextos();
  const estilo = ({ isActive }: { isActive: boolean }) => ({ fontWeight: isActive ? 700 : 400, textDecoration: 'none', color: 'inherit' });
  return (
    <Main>
      <Box paddingLeft={8} paddingRight={8} paddingTop={6}>
        <Flex gap={6} tag="nav" aria-label={t('menu.titulo', 'Orquestrador RPA')}>
          <NavLink end to="" style={estilo} data-testid="nav-dashboard">{t('nav.dashboard', 'Dashboard')}</NavLink>
          <NavLink to="aprovacoes" style={estilo} data-testid="nav-aprovacoes">{t('nav.aprovacoes', 'Aprovações')}</NavLink>
        </Flex>
      </Box>
      <Routes>
        <Route index element={<Dashboard />} />
        <Route path="aprovacoes" element={<Aprovacoes />} />
      </Routes>
    </Main>
  );
};
