// The routes of 经费与阵地: the roll-up and a unit's lines, one allocation's spending, the standards,
// allowances, former cadres and awards; the facility board, a unit's checklist (phone-first),
// venues and a venue's duty roster (phone-first). Pages are lazy chunks.
import { Fragment, lazy } from 'react';
import { Route } from 'react-router';
import { Allowed } from '../../app/Allowed';

const FundsPage = lazy(() => import('./pages/FundsPage').then((m) => ({ default: m.FundsPage })));
const AllocationPage = lazy(() => import('./pages/AllocationPage').then((m) => ({ default: m.AllocationPage })));
const StandardsPage = lazy(() => import('./pages/StandardsPage').then((m) => ({ default: m.StandardsPage })));
const AllowanceStandardsPage = lazy(() => import('./pages/AllowanceStandardsPage').then((m) => ({ default: m.AllowanceStandardsPage })));
const AllowancesPage = lazy(() => import('./pages/AllowancesPage').then((m) => ({ default: m.AllowancesPage })));
const FormerCadresPage = lazy(() => import('./pages/FormerCadresPage').then((m) => ({ default: m.FormerCadresPage })));
const AwardsPage = lazy(() => import('./pages/AwardsPage').then((m) => ({ default: m.AwardsPage })));
const FacilitiesPage = lazy(() => import('./pages/FacilitiesPage').then((m) => ({ default: m.FacilitiesPage })));
const ChecklistPage = lazy(() => import('./pages/ChecklistPage').then((m) => ({ default: m.ChecklistPage })));
const VenuesPage = lazy(() => import('./pages/VenuesPage').then((m) => ({ default: m.VenuesPage })));
const VenuePage = lazy(() => import('./pages/VenuePage').then((m) => ({ default: m.VenuePage })));

export function fundsRoutes() {
  return (
    <Fragment>
      <Route path="funds" element={<Allowed action="funds:read"><FundsPage /></Allowed>} />
      <Route path="funds/allocations/:id" element={<Allowed action="funds:read"><AllocationPage /></Allowed>} />
      <Route path="funds/standards" element={<Allowed action="funds:configure"><StandardsPage /></Allowed>} />
      <Route path="funds/allowance-standards" element={<Allowed action="funds:configure"><AllowanceStandardsPage /></Allowed>} />
      <Route path="funds/allowances" element={<Allowed action="funds:read"><AllowancesPage /></Allowed>} />
      <Route path="funds/former-cadres" element={<Allowed action="funds:read"><FormerCadresPage /></Allowed>} />
      <Route path="funds/awards" element={<Allowed action="funds:read"><AwardsPage /></Allowed>} />
      <Route path="facilities" element={<Allowed action="funds:read"><FacilitiesPage /></Allowed>} />
      <Route path="facilities/units/:id/:kind" element={<Allowed action="funds:read"><ChecklistPage /></Allowed>} />
      <Route path="venues" element={<Allowed action="funds:read"><VenuesPage /></Allowed>} />
      <Route path="venues/:id" element={<Allowed action="funds:read"><VenuePage /></Allowed>} />
    </Fragment>
  );
}
