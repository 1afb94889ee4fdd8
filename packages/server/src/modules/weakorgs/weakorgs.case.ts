// 软弱涣散整顿 as a registered case type: "open" means proposed, being rectified or awaiting acceptance.
import { registerCaseType } from '../../core/cases/registry.js';
import { weakOrgWorkflow } from './weakorgs.workflow.js';

export const weakOrgCaseType = registerCaseType({
  workflow: weakOrgWorkflow,
  table: 'weak_orgs',
  openSql: 'c.resolved_at IS NULL',
  workflowTest: new URL('./weakorgs.workflow.test.ts', import.meta.url),
});
