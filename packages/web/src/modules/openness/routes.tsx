// The routes of 三务公开: the due/overdue board (a village's own three kinds), composing and publishing
// a disclosure (phone first), finance audits, registers and the county's settings. Pages are lazy chunks.
import { Fragment, lazy } from 'react';
import { Route } from 'react-router';
import { Allowed } from '../../app/Allowed';

const OpennessPage = lazy(() => import('./pages/OpennessPage').then((m) => ({ default: m.OpennessPage })));
const ComposePage = lazy(() => import('./pages/ComposePage').then((m) => ({ default: m.ComposePage })));
const DisclosurePage = lazy(() => import('./pages/DisclosurePage').then((m) => ({ default: m.DisclosurePage })));
const AuditsPage = lazy(() => import('./pages/AuditsPage').then((m) => ({ default: m.AuditsPage })));
const RegistersPage = lazy(() => import('./pages/RegistersPage').then((m) => ({ default: m.RegistersPage })));
const RegisterPage = lazy(() => import('./pages/RegisterPage').then((m) => ({ default: m.RegisterPage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })));
export const RegisterPrintPage = lazy(() => import('./pages/RegisterPrintPage').then((m) => ({ default: m.RegisterPrintPage })));

export function opennessRoutes() {
  return (
    <Fragment>
      <Route path="openness" element={<Allowed action="openness:read"><OpennessPage /></Allowed>} />
      <Route path="openness/board" element={<Allowed action="openness:read"><OpennessPage /></Allowed>} />
      <Route path="openness/compose" element={<Allowed action="openness:publish"><ComposePage /></Allowed>} />
      <Route path="openness/disclosures/:id" element={<Allowed action="openness:read"><DisclosurePage /></Allowed>} />
      <Route path="openness/audits" element={<Allowed action="openness:read"><AuditsPage /></Allowed>} />
      <Route path="openness/registers" element={<Allowed action="openness:read"><RegistersPage /></Allowed>} />
      <Route path="openness/registers/:code" element={<Allowed action="openness:read"><RegisterPage /></Allowed>} />
      <Route path="openness/settings" element={<Allowed action="openness:configure"><SettingsPage /></Allowed>} />
    </Fragment>
  );
}
