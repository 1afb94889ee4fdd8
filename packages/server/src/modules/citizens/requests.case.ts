// 群众事项 as a registered case type: "open" means it still waits for the handler (not yet
// resolved; an archived request reopened by staff or by an unsatisfied rating is open again).
import { registerCaseType } from '../../core/cases/registry.js';
import { requestWorkflow } from './requests.workflow.js';

export const requestCaseType = registerCaseType({
  workflow: requestWorkflow,
  table: 'citizen_requests',
  openSql: 'c.resolved_at IS NULL',
  workflowTest: new URL('./requests.workflow.test.ts', import.meta.url),
});
