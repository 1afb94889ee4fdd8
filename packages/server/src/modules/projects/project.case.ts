// 项目化推进 as a registered case type: "open" means not yet closed (销号) or carried over.
import { registerCaseType } from '../../core/cases/registry.js';
import { projectWorkflow } from './project.workflow.js';

export const projectCaseType = registerCaseType({
  workflow: projectWorkflow,
  table: 'projects',
  openSql: 'c.resolved_at IS NULL',
  workflowTest: new URL('./project.workflow.test.ts', import.meta.url),
});
