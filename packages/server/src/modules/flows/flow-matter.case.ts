// 小微权力 matters as a registered case type: open while running; an overdue step escalates to the
// township above the unit (the county for a township's own matter) — 失职预警 on the timeline.
import { registerCaseType } from '../../core/cases/registry.js';
import { idsOnPath, townshipAbove } from '../../core/org-tree.js';
import { flowMatterWorkflow } from './flow-matter.workflow.js';

export const flowMatterCaseType = registerCaseType({
  workflow: flowMatterWorkflow,
  table: 'flow_matters',
  openSql: 'c.resolved_at IS NULL', // done and cancelled are resolved: open is running
  escalateTo: async (q, c) => {
    const township = await townshipAbove(q, c.org_path);
    if (township && township.id !== c.org_id) return township.id;
    return idsOnPath(c.org_path)[0] ?? null;
  },
  workflowTest: new URL('./flow-matter.workflow.test.ts', import.meta.url),
});
