// 公开选拔 as a registered case type: "open" means not yet appointed or cancelled.
import { registerCaseType } from '../../core/cases/registry.js';
import { selectionWorkflow } from './selection.workflow.js';

export const selectionCaseType = registerCaseType({
  workflow: selectionWorkflow,
  table: 'public_selections',
  openSql: 'c.resolved_at IS NULL',
  workflowTest: new URL('./selection.workflow.test.ts', import.meta.url),
});
