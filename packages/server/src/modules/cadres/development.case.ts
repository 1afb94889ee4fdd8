// 发展党员 as a registered case type: "open" means the person is not yet a full member.
import { registerCaseType } from '../../core/cases/registry.js';
import { developmentWorkflow } from './development.workflow.js';

export const developmentCaseType = registerCaseType({
  workflow: developmentWorkflow,
  table: 'member_developments',
  openSql: 'c.resolved_at IS NULL',
  workflowTest: new URL('./development.workflow.test.ts', import.meta.url),
});
