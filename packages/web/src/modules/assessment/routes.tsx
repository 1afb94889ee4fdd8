// The routes of 考核: score sheets (the review queue is their 待审核 tab), schemes, results. Pages are lazy chunks.
import { Fragment, lazy } from 'react';
import { Route } from 'react-router';
import { Allowed } from '../../app/Allowed';

const SheetsPage = lazy(() => import('./pages/SheetsPage').then((m) => ({ default: m.SheetsPage })));
const SheetPage = lazy(() => import('./pages/SheetPage').then((m) => ({ default: m.SheetPage })));
const SchemesPage = lazy(() => import('./pages/SchemesPage').then((m) => ({ default: m.SchemesPage })));
const SchemePage = lazy(() => import('./pages/SchemePage').then((m) => ({ default: m.SchemePage })));
const SubsidiesPage = lazy(() => import('./pages/SubsidiesPage').then((m) => ({ default: m.SubsidiesPage })));
const ResultsPage = lazy(() => import('./pages/ResultsPage').then((m) => ({ default: m.ResultsPage })));

/** Routes inside the signed-in shell (paths relative to /). */
export function assessmentRoutes() {
  return (
    <Fragment>
      <Route path="assessment" element={<Allowed action="assessment:read"><SheetsPage /></Allowed>} />
      <Route path="assessment/sheets/:id" element={<Allowed action="assessment:read"><SheetPage /></Allowed>} />
      <Route path="assessment/schemes" element={<Allowed action="assessment:read"><SchemesPage /></Allowed>} />
      <Route path="assessment/schemes/:id" element={<Allowed action="assessment:read"><SchemePage /></Allowed>} />
      <Route path="assessment/subsidies" element={<Allowed action="assessment:read"><SubsidiesPage /></Allowed>} />
      <Route path="assessment/results" element={<Allowed action="assessment:read"><ResultsPage /></Allowed>} />
    </Fragment>
  );
}
