// The routes of 小微权力: matters (rolled up, drill down) and one matter's page, 失职预警, the
// county's flows and their editor, duty lists. Pages are lazy chunks.
import { Fragment, lazy } from 'react';
import { Route } from 'react-router';
import { Allowed } from '../../app/Allowed';

const MattersPage = lazy(() => import('./pages/MattersPage').then((m) => ({ default: m.MattersPage })));
const NewMatterPage = lazy(() => import('./pages/NewMatterPage').then((m) => ({ default: m.NewMatterPage })));
const MatterPage = lazy(() => import('./pages/MatterPage').then((m) => ({ default: m.MatterPage })));
const OverduePage = lazy(() => import('./pages/OverduePage').then((m) => ({ default: m.OverduePage })));
const FlowsPage = lazy(() => import('./pages/FlowsPage').then((m) => ({ default: m.FlowsPage })));
const FlowEditorPage = lazy(() => import('./pages/FlowEditorPage').then((m) => ({ default: m.FlowEditorPage })));
const DutiesPage = lazy(() => import('./pages/DutiesPage').then((m) => ({ default: m.DutiesPage })));

export function flowsRoutes() {
  return (
    <Fragment>
      <Route path="flows" element={<Allowed action="flow:read"><MattersPage /></Allowed>} />
      <Route path="flows/matters/new" element={<Allowed action="flow:act"><NewMatterPage /></Allowed>} />
      <Route path="flows/matters/:id" element={<Allowed action="flow:read"><MatterPage /></Allowed>} />
      <Route path="flows/overdue" element={<Allowed action="flow:read"><OverduePage /></Allowed>} />
      <Route path="flows/templates" element={<Allowed action="flow:read"><FlowsPage /></Allowed>} />
      <Route path="flows/templates/:id" element={<Allowed action="flow:read"><FlowEditorPage /></Allowed>} />
      <Route path="flows/duties" element={<Allowed action="flow:read"><DutiesPage /></Allowed>} />
    </Fragment>
  );
}
