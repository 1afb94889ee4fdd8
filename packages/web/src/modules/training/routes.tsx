// The routes of 教育培训: the calendar, catalogue, talks and coverage on one page with tabs, and a
// session's page with phone attendance. Pages are lazy chunks.
import { Fragment, lazy } from 'react';
import { Route } from 'react-router';
import { Allowed } from '../../app/Allowed';

const TrainingPage = lazy(() => import('./pages/TrainingPage').then((m) => ({ default: m.TrainingPage })));
const TrainingSessionPage = lazy(() => import('./pages/TrainingSessionPage').then((m) => ({ default: m.TrainingSessionPage })));

export function trainingRoutes() {
  return (
    <Fragment>
      <Route path="training" element={<Allowed action="training:read"><TrainingPage /></Allowed>} />
      <Route path="training/sessions/:id" element={<Allowed action="training:read"><TrainingSessionPage /></Allowed>} />
    </Fragment>
  );
}
