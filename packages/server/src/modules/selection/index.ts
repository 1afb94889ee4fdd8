// 公开选拔 · 换届 · 结对培养's front door (issue 16): the public selection case type, election
// rounds, mentoring pairs. Persons and posts are read and written through the people service it is
// handed, never through its repository.
import type { FastifyPluginAsync } from 'fastify';
import type { SelectionService } from './selection.service.js';
import { selectionRoutes } from './selection.routes.js';
import './selection.case.js';

export { createSelectionService, type SelectionService } from './selection.service.js';

export const selectionModule: FastifyPluginAsync<{ selection: SelectionService }> = async (app, opts) => {
  await app.register(selectionRoutes, opts);
};
