// The routes of 项目化推进: the list, a project, the proposal form, the board and the matrix. Lazy chunks.
import { Fragment, lazy } from 'react';
import { Route } from 'react-router';
import { Allowed } from '../../app/Allowed';

const ProjectsPage = lazy(() => import('./pages/ProjectsPage').then((m) => ({ default: m.ProjectsPage })));
const ProjectPage = lazy(() => import('./pages/ProjectPage').then((m) => ({ default: m.ProjectPage })));
const ProjectFormPage = lazy(() => import('./pages/ProjectFormPage').then((m) => ({ default: m.ProjectFormPage })));
const ProjectBoardPage = lazy(() => import('./pages/ProjectBoardPage').then((m) => ({ default: m.ProjectBoardPage })));
const ProjectSelectionPage = lazy(() => import('./pages/ProjectSelectionPage').then((m) => ({ default: m.ProjectSelectionPage })));
const ProjectMatrixPage = lazy(() => import('./pages/ProjectMatrixPage').then((m) => ({ default: m.ProjectMatrixPage })));

export function projectsRoutes() {
  return (
    <Fragment>
      <Route path="projects" element={<Allowed action="project:read"><ProjectsPage /></Allowed>} />
      <Route path="projects/new" element={<Allowed action="project:write"><ProjectFormPage /></Allowed>} />
      <Route path="projects/board" element={<Allowed action="project:read"><ProjectBoardPage /></Allowed>} />
      <Route path="projects/matrix" element={<Allowed action="project:read"><ProjectMatrixPage /></Allowed>} />
      <Route path="projects/selection" element={<Allowed action="assessment:read"><ProjectSelectionPage /></Allowed>} />
      <Route path="projects/:id" element={<Allowed action="project:read"><ProjectPage /></Allowed>} />
    </Fragment>
  );
}
