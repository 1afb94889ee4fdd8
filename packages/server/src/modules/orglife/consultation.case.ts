// 工作会商 (major matters) as a registered case type: open until carried out.
import { registerCaseType } from '../../core/cases/registry.js';
import { consultationWorkflow } from './consultation.workflow.js';

export const consultationCaseType = registerCaseType({
  workflow: consultationWorkflow,
  table: 'consultations',
  openSql: 'c.closed_at IS NULL',
  workflowTest: new URL('./consultation.workflow.test.ts', import.meta.url),
});
