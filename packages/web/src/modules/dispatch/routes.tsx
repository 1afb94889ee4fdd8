// The routes of two down, two up (两下两上: directives, fan-out, reports, board) and inspections
// (督查问责). Pages are lazy chunks.
import { Fragment, lazy } from 'react';
import { Route } from 'react-router';
import { Allowed } from '../../app/Allowed';

const InboxPage = lazy(() => import('./pages/InboxPage').then((m) => ({ default: m.InboxPage })));
const ComposePage = lazy(() => import('./pages/ComposePage').then((m) => ({ default: m.ComposePage })));
const AssignmentPage = lazy(() => import('./pages/AssignmentPage').then((m) => ({ default: m.AssignmentPage })));
const BoardPage = lazy(() => import('./pages/BoardPage').then((m) => ({ default: m.BoardPage })));
const InspectionListPage = lazy(() => import('./pages/inspections/InspectionListPage').then((m) => ({ default: m.InspectionListPage })));
const InspectionNewPage = lazy(() => import('./pages/inspections/InspectionNewPage').then((m) => ({ default: m.InspectionNewPage })));
const InspectionDetailPage = lazy(() => import('./pages/inspections/InspectionDetailPage').then((m) => ({ default: m.InspectionDetailPage })));
const BulletinsPage = lazy(() => import('./pages/inspections/BulletinsPage').then((m) => ({ default: m.BulletinsPage })));
const AccountabilityPage = lazy(() => import('./pages/inspections/AccountabilityPage').then((m) => ({ default: m.AccountabilityPage })));

/** Routes inside the signed-in shell (paths relative to /). */
export function dispatchRoutes() {
  return (
    <Fragment>
      <Route path="dispatch" element={<Allowed action="dispatch:read"><InboxPage /></Allowed>} />
      <Route path="dispatch/new" element={<Allowed action="dispatch:issue"><ComposePage /></Allowed>} />
      <Route path="dispatch/assignments/:id" element={<Allowed action="dispatch:read"><AssignmentPage /></Allowed>} />
      <Route path="dispatch/:id" element={<Allowed action="dispatch:read"><BoardPage /></Allowed>} />
      <Route path="inspections" element={<Allowed action="dispatch:read"><InspectionListPage /></Allowed>} />
      <Route path="inspections/new" element={<Allowed action="inspection:write"><InspectionNewPage /></Allowed>} />
      <Route path="inspections/bulletins" element={<Allowed action="dispatch:read"><BulletinsPage /></Allowed>} />
      <Route path="inspections/accountability" element={<Allowed action="dispatch:read"><AccountabilityPage /></Allowed>} />
      <Route path="inspections/:id" element={<Allowed action="dispatch:read"><InspectionDetailPage /></Allowed>} />
    </Fragment>
  );
}
