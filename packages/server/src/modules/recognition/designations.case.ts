// 称号认定 as a registered case type: "open" means waiting for someone — nominated, checked,
// approved, or under its yearly review.
import { registerCaseType } from '../../core/cases/registry.js';
import { designationWorkflow } from './designations.workflow.js';

export const designationCaseType = registerCaseType({
  workflow: designationWorkflow,
  table: 'designations',
  openSql: 'c.resolved_at IS NULL',
  workflowTest: new URL('./designations.workflow.test.ts', import.meta.url),
});
