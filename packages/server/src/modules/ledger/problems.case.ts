// 问题台账 as a registered case type: its workflow, its row table, "open" (not yet 销号), and
// escalation of an overdue problem to the township above it (or the county).
import { registerCaseType } from '../../core/cases/registry.js';
import { townshipAbove } from '../../core/org-tree.js';
import { problemWorkflow } from './ledger.workflow.js';

export const problemCaseType = registerCaseType({
  workflow: problemWorkflow,
  table: 'problems',
  openSql: 'c.closed_at IS NULL',
  escalateTo: async (q, c) => (await townshipAbove(q, c.org_path))?.id ?? c.county_id,
  workflowTest: new URL('./ledger.workflow.test.ts', import.meta.url),
});
