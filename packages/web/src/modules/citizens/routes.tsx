// The routes of serving citizens: requests, whistles, diary, grids and households, 连心卡 inside
// the shell (the public request pages, phone first and without login, are the light app in
// src/public/). Pages are lazy chunks.
import { Fragment, lazy } from 'react';
import { Route } from 'react-router';
import { Allowed } from '../../app/Allowed';

const RequestsPage = lazy(() => import('./pages/RequestsPage').then((m) => ({ default: m.RequestsPage })));
const RequestDetailPage = lazy(() => import('./pages/RequestDetailPage').then((m) => ({ default: m.RequestDetailPage })));
const WhistlesPage = lazy(() => import('./pages/WhistlesPage').then((m) => ({ default: m.WhistlesPage })));
const DiaryPage = lazy(() => import('./pages/DiaryPage').then((m) => ({ default: m.DiaryPage })));
const GridsPage = lazy(() => import('./pages/GridsPage').then((m) => ({ default: m.GridsPage })));
const CardsPage = lazy(() => import('./pages/CardsPage').then((m) => ({ default: m.CardsPage })));
const CardsPrintPage = lazy(() => import('./pages/CardsPrintPage').then((m) => ({ default: m.CardsPrintPage })));

/** Routes inside the signed-in shell (paths relative to /). */
export function citizensRoutes() {
  return (
    <Fragment>
      <Route path="citizens" element={<Allowed action="citizen:read"><RequestsPage /></Allowed>} />
      <Route path="citizens/:id" element={<Allowed action="citizen:read"><RequestDetailPage /></Allowed>} />
      <Route path="whistles" element={<Allowed action="citizen:read"><WhistlesPage /></Allowed>} />
      <Route path="diary" element={<Allowed action="citizen:read"><DiaryPage /></Allowed>} />
      <Route path="grids" element={<Allowed action="citizen:read"><GridsPage /></Allowed>} />
      <Route path="cards" element={<Allowed action="citizen:read"><CardsPage /></Allowed>} />
      <Route path="cards/print" element={<Allowed action="citizen:handle"><CardsPrintPage /></Allowed>} />
    </Fragment>
  );
}
