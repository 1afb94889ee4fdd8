// The routes of 星级化管理: the star board with its drill-down, the year's rating (post assessments). Pages are lazy chunks.
import { Fragment, lazy } from 'react';
import { Route } from 'react-router';
import { Allowed } from '../../app/Allowed';

const StarsPage = lazy(() => import('./pages/StarsPage').then((m) => ({ default: m.StarsPage })));
const PointsPage = lazy(() => import('./pages/PointsPage').then((m) => ({ default: m.PointsPage })));
const DesignationsPage = lazy(() => import('./pages/DesignationsPage').then((m) => ({ default: m.DesignationsPage })));
const DesignationPage = lazy(() => import('./pages/DesignationPage').then((m) => ({ default: m.DesignationPage })));

/** Routes inside the signed-in shell (paths relative to /). */
export function recognitionRoutes() {
  return (
    <Fragment>
      <Route path="stars" element={<Allowed action="recognition:read"><StarsPage /></Allowed>} />
      <Route path="points" element={<Allowed action="recognition:read"><PointsPage /></Allowed>} />
      <Route path="designations" element={<Allowed action="recognition:read"><DesignationsPage /></Allowed>} />
      <Route path="designations/:id" element={<Allowed action="recognition:read"><DesignationPage /></Allowed>} />
    </Fragment>
  );
}
