// The routes of the problem ledger (问题台账) and the three lists (三个清单): pages inside the
// shell (the public closures page, 反馈公示, is the light app in src/public/). Pages are lazy chunks.
import { Fragment, lazy } from 'react';
import { Route } from 'react-router';
import { Allowed } from '../../app/Allowed';

const LedgerListPage = lazy(() => import('./pages/LedgerListPage').then((m) => ({ default: m.LedgerListPage })));
const RegisterProblemPage = lazy(() => import('./pages/RegisterProblemPage').then((m) => ({ default: m.RegisterProblemPage })));
const ProblemDetailPage = lazy(() => import('./pages/ProblemDetailPage').then((m) => ({ default: m.ProblemDetailPage })));
const SupervisionPage = lazy(() => import('./pages/SupervisionPage').then((m) => ({ default: m.SupervisionPage })));
const StatsPage = lazy(() => import('./pages/StatsPage').then((m) => ({ default: m.StatsPage })));
const ListsPage = lazy(() => import('./pages/ListsPage').then((m) => ({ default: m.ListsPage })));
const LedgerSettingsPage = lazy(() => import('./pages/LedgerSettingsPage').then((m) => ({ default: m.LedgerSettingsPage })));

/** Routes inside the signed-in shell (paths relative to /). */
export function ledgerRoutes() {
  return (
    <Fragment>
      <Route path="ledger" element={<Allowed action="ledger:read"><LedgerListPage /></Allowed>} />
      <Route path="ledger/new" element={<Allowed action="ledger:register"><RegisterProblemPage /></Allowed>} />
      <Route path="ledger/supervision" element={<Allowed action="ledger:read"><SupervisionPage /></Allowed>} />
      <Route path="ledger/settings" element={<Allowed action="ledger:configure"><LedgerSettingsPage /></Allowed>} />
      <Route path="ledger/stats" element={<Allowed action="ledger:read"><StatsPage /></Allowed>} />
      <Route path="ledger/:id" element={<Allowed action="ledger:read"><ProblemDetailPage /></Allowed>} />
      <Route path="lists" element={<Allowed action="ledger:read"><ListsPage /></Allowed>} />
    </Fragment>
  );
}
