// The providers (antd theme and locale, i18n, TanStack Query) and the routes. Every page is a
// lazy chunk: the login route loads only what it needs.
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme as antTheme } from 'antd';
import { Loading } from './Loading';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ApiError, setUnauthorizedListener } from './api';
import { forgetSession, meKey, useMe } from './auth';
import { I18nProvider, initialLang, type Lang } from './i18n';
import { Allowed } from './Allowed';
import { ledgerRoutes } from '../modules/ledger/routes';
import { dispatchRoutes } from '../modules/dispatch/routes';
import { citizensRoutes } from '../modules/citizens/routes';
import { assessmentRoutes } from '../modules/assessment/routes';
import { recognitionRoutes } from '../modules/recognition/routes';
import { orglifeRoutes } from '../modules/orglife/routes';
import { trainingRoutes } from '../modules/training/routes';
import { fundsRoutes } from '../modules/funds/routes';
import { flowsRoutes } from '../modules/flows/routes';
import { projectsRoutes } from '../modules/projects/routes';
import { opennessRoutes, RegisterPrintPage } from '../modules/openness/routes';

const LoginPage = lazy(() => import('./LoginPage').then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() => import('./ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })));
const TotpSetupPage = lazy(() => import('./TotpSetupPage').then((m) => ({ default: m.TotpSetupPage })));
const AppShell = lazy(() => import('./AppShell').then((m) => ({ default: m.AppShell })));
const HomePage = lazy(() => import('../modules/home/pages/HomePage').then((m) => ({ default: m.HomePage })));
const OrgTreePage = lazy(() => import('../modules/orgs/pages/OrgTreePage').then((m) => ({ default: m.OrgTreePage })));
const PeopleListPage = lazy(() => import('../modules/people/pages/PeopleListPage').then((m) => ({ default: m.PeopleListPage })));
const PersonDetailPage = lazy(() => import('../modules/people/pages/PersonDetailPage').then((m) => ({ default: m.PersonDetailPage })));
const CadreLedgerPage = lazy(() => import('../modules/cadres/pages/CadreLedgerPage').then((m) => ({ default: m.CadreLedgerPage })));
const ReservePage = lazy(() => import('../modules/cadres/pages/ReservePage').then((m) => ({ default: m.ReservePage })));
const WeakOrgsPage = lazy(() => import('../modules/weakorgs/pages/WeakOrgsPage').then((m) => ({ default: m.WeakOrgsPage })));
const WeakOrgPage = lazy(() => import('../modules/weakorgs/pages/WeakOrgPage').then((m) => ({ default: m.WeakOrgPage })));
const FirstSecretariesPage = lazy(() => import('../modules/cadres/pages/FirstSecretariesPage').then((m) => ({ default: m.FirstSecretariesPage })));
const FirstSecretaryPage = lazy(() => import('../modules/cadres/pages/FirstSecretaryPage').then((m) => ({ default: m.FirstSecretaryPage })));
const DevelopmentPathPage = lazy(() => import('../modules/cadres/pages/DevelopmentPathPage').then((m) => ({ default: m.DevelopmentPathPage })));
const DevelopmentBoardPage = lazy(() => import('../modules/cadres/pages/DevelopmentBoardPage').then((m) => ({ default: m.DevelopmentBoardPage })));
const ImportPage = lazy(() => import('../modules/people/pages/ImportPage').then((m) => ({ default: m.ImportPage })));
const SelectionsPage = lazy(() => import('../modules/selection/pages/SelectionsPage').then((m) => ({ default: m.SelectionsPage })));
const SelectionPage = lazy(() => import('../modules/selection/pages/SelectionPage').then((m) => ({ default: m.SelectionPage })));
const AuditPage = lazy(() => import('../modules/audit/pages/AuditPage').then((m) => ({ default: m.AuditPage })));
const AccountLinksPage = lazy(() => import('../modules/accounts/pages/AccountLinksPage').then((m) => ({ default: m.AccountLinksPage })));
const AccountsPage = lazy(() => import('../modules/accounts/pages/AccountsPage').then((m) => ({ default: m.AccountsPage })));
const ErrorPage = lazy(() => import('./ErrorPage').then((m) => ({ default: m.ErrorPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (403, 404, 401) do not get better by retrying.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

const DAYJS_LOCALE: Record<Lang, string> = { zh: 'zh-cn', en: 'en' };
dayjs.locale(DAYJS_LOCALE[initialLang()]);


/** On a 401 of a signed-in user: forget the account and return to the login page with a message. */
function SessionWatcher() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    setUnauthorizedListener(() => {
      if (!client.getQueryData(meKey)) return;
      forgetSession();
      client.clear();
      client.setQueryData(meKey, null);
      const next = location.pathname + location.search;
      navigate(`/login?reason=expired&next=${encodeURIComponent(next)}`, { replace: true });
    });
    return () => setUnauthorizedListener(undefined);
  }, [client, navigate, location]);
  return null;
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <Loading />;
  if (error) return <ErrorPage kind="network" onRetry={() => void refetch()} />;
  if (!me) {
    const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  if (me.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  if (!me.mustChangePassword && me.mustEnrollTotp && location.pathname !== '/setup-2fa') return <Navigate to="/setup-2fa" replace />;
  return <>{children}</>;
}


function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <SessionWatcher />
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/change-password"
          element={
            <RequireAuth>
              <ChangePasswordPage />
            </RequireAuth>
          }
        />
        <Route
          path="/setup-2fa"
          element={
            <RequireAuth>
              <TotpSetupPage />
            </RequireAuth>
          }
        />
        {/* a register as a bare A4 page to print or save as PDF (no shell around it) */}
        <Route path="/print/openness/registers/:code" element={<RequireAuth><Allowed action="openness:read"><RegisterPrintPage /></Allowed></RequireAuth>} />
        <Route
          element={
            <RequireAuth>
              <AppShell />
            </RequireAuth>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="orgs" element={<Allowed action="org:read"><OrgTreePage /></Allowed>} />
          <Route path="people" element={<Allowed action="person:read"><PeopleListPage /></Allowed>} />
          <Route path="people/import" element={<Allowed action="person:import"><ImportPage /></Allowed>} />
          <Route path="people/:id" element={<Allowed action="person:read"><PersonDetailPage /></Allowed>} />
          <Route path="cadres" element={<Allowed action="person:read"><CadreLedgerPage /></Allowed>} />
          <Route path="reserve" element={<Allowed action="person:read"><ReservePage /></Allowed>} />
          <Route path="developments" element={<Allowed action="person:read"><DevelopmentBoardPage /></Allowed>} />
          <Route path="developments/path" element={<Allowed action="cadre:read"><DevelopmentPathPage /></Allowed>} />
          <Route path="first-secretaries" element={<Allowed action="person:read"><FirstSecretariesPage /></Allowed>} />
          <Route path="first-secretaries/:id" element={<Allowed action="person:read"><FirstSecretaryPage /></Allowed>} />
          <Route path="weak-orgs" element={<Allowed action="weakorg:read"><WeakOrgsPage /></Allowed>} />
          <Route path="weak-orgs/:id" element={<Allowed action="weakorg:read"><WeakOrgPage /></Allowed>} />
          <Route path="audit" element={<Allowed action="audit:read"><AuditPage /></Allowed>} />
          <Route path="accounts" element={<Allowed action="account:read"><AccountsPage /></Allowed>} />
          <Route path="account-links" element={<Allowed action="account:link"><AccountLinksPage /></Allowed>} />
          {ledgerRoutes()}
          {dispatchRoutes()}
          {citizensRoutes()}
          {assessmentRoutes()}
          {orglifeRoutes()}
          {trainingRoutes()}
          {fundsRoutes()}
          {flowsRoutes()}
          {projectsRoutes()}
          {opennessRoutes()}
          {recognitionRoutes()}
          <Route path="selection" element={<Allowed action="selection:read"><SelectionsPage /></Allowed>} />
          <Route path="selection/:id" element={<Allowed action="selection:read"><SelectionPage /></Allowed>} />
          <Route path="*" element={<ErrorPage kind="notFound" />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang());
  const themeConfig = useMemo(
    () => ({
      algorithm: antTheme.defaultAlgorithm,
      token: {
        colorPrimary: '#b7161b',
        colorLink: '#b7161b',
        borderRadius: 6,
        fontFamily:
          "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, sans-serif",
      },
      components: { Layout: { headerBg: '#ffffff', siderBg: '#ffffff' } },
    }),
    [],
  );
  return (
    <I18nProvider
      onChange={(next) => {
        dayjs.locale(DAYJS_LOCALE[next]);
        setLang(next);
      }}
    >
      <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={themeConfig}>
        <AntApp>
          <QueryClientProvider client={queryClient}>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </I18nProvider>
  );
}
