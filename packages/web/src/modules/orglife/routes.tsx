// The routes of 组织生活: the branch's meetings by month, the meeting form (phone-first, roster
// tap-to-tick), the board of who is behind, the 主题党日 filings. Pages are lazy chunks.
import { Fragment, lazy } from 'react';
import { Route } from 'react-router';
import { Allowed } from '../../app/Allowed';

const OrglifePage = lazy(() => import('./pages/OrglifePage').then((m) => ({ default: m.OrglifePage })));
const MeetingFormPage = lazy(() => import('./pages/MeetingFormPage').then((m) => ({ default: m.MeetingFormPage })));
const MeetingPage = lazy(() => import('./pages/MeetingPage').then((m) => ({ default: m.MeetingPage })));
const BoardPage = lazy(() => import('./pages/BoardPage').then((m) => ({ default: m.BoardPage })));
const FilingsPage = lazy(() => import('./pages/FilingsPage').then((m) => ({ default: m.FilingsPage })));
const ConsultationsPage = lazy(() => import('./pages/ConsultationsPage').then((m) => ({ default: m.ConsultationsPage })));
const FilingPage = lazy(() => import('./pages/FilingPage').then((m) => ({ default: m.FilingPage })));
const AppraisalsPage = lazy(() => import('./pages/AppraisalsPage').then((m) => ({ default: m.AppraisalsPage })));
const SessionsPage = lazy(() => import('./pages/SessionsPage').then((m) => ({ default: m.SessionsPage })));
const SessionPage = lazy(() => import('./pages/SessionPage').then((m) => ({ default: m.SessionPage })));
const ResearchPage = lazy(() => import('./pages/ResearchPage').then((m) => ({ default: m.ResearchPage })));
const PartyGroupsPage = lazy(() => import('./pages/PartyGroupsPage').then((m) => ({ default: m.PartyGroupsPage })));
const ResearchRoundPage = lazy(() => import('./pages/ResearchRoundPage').then((m) => ({ default: m.ResearchRoundPage })));

export function orglifeRoutes() {
  return (
    <Fragment>
      <Route path="orglife" element={<Allowed action="orglife:read"><OrglifePage /></Allowed>} />
      <Route path="orglife/meetings/new" element={<Allowed action="orglife:record"><MeetingFormPage /></Allowed>} />
      <Route path="orglife/meetings/:id" element={<Allowed action="orglife:read"><MeetingPage /></Allowed>} />
      <Route path="orglife/party-groups" element={<Allowed action="orglife:read"><PartyGroupsPage /></Allowed>} />
      <Route path="orglife/board" element={<Allowed action="orglife:read"><BoardPage /></Allowed>} />
      <Route path="orglife/filings" element={<Allowed action="orglife:read"><FilingsPage /></Allowed>} />
      <Route path="orglife/consultations" element={<Allowed action="orglife:read"><ConsultationsPage /></Allowed>} />
      <Route path="orglife/filings/:id" element={<Allowed action="orglife:read"><FilingPage /></Allowed>} />
      <Route path="orglife/appraisals" element={<Allowed action="orglife:read"><AppraisalsPage /></Allowed>} />
      <Route path="orglife/report-sessions" element={<Allowed action="orglife:read"><SessionsPage /></Allowed>} />
      <Route path="orglife/report-sessions/:id" element={<Allowed action="orglife:read"><SessionPage /></Allowed>} />
      <Route path="orglife/research" element={<Allowed action="orglife:read"><ResearchPage /></Allowed>} />
      <Route path="orglife/research/:id" element={<Allowed action="orglife:read"><ResearchRoundPage /></Allowed>} />
    </Fragment>
  );
}
