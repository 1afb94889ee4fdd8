// 任务清单 tasks as a registered case type: "open" means the owner has not yet reported it done.
import { registerCaseType } from '../../core/cases/registry.js';
import { taskWorkflow } from './tasks.workflow.js';

export const taskCaseType = registerCaseType({
  workflow: taskWorkflow,
  table: 'tasks',
  openSql: 'c.resolved_at IS NULL',
  workflowTest: new URL('./tasks.workflow.test.ts', import.meta.url),
});
