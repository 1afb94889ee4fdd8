// 项目化推进's front door: projects as a case type (proposal → review → approval → progress →
// year-end account → 销号 or carry-over), their milestones, people, files and links, the monthly
// reports the dispatch engine issues (issueDueReports, called by the scheduler), the board and
// the aim × class matrix. Posts and people come through the people service, report requests
// through the dispatch service, inspections and accountability through the inspections service.
import type { FastifyPluginAsync } from 'fastify';
import type { ProjectService } from './projects.service.js';
import { projectRoutes } from './projects.routes.js';
import './project.case.js';

export { createProjectService, reportDue, DEFAULT_REPORT_DAY, type ProjectService } from './projects.service.js';

export const projectsModule: FastifyPluginAsync<{ projects: ProjectService }> = async (app, opts) => {
  await app.register(projectRoutes, opts);
};
