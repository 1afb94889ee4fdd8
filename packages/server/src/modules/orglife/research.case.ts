// 调查研究 rounds as a registered case type: open until the township has appraised the report.
import { registerCaseType } from '../../core/cases/registry.js';
import { researchWorkflow } from './research.workflow.js';

export const researchCaseType = registerCaseType({
  workflow: researchWorkflow,
  table: 'research_rounds',
  openSql: 'c.closed_at IS NULL',
  workflowTest: new URL('./research.workflow.test.ts', import.meta.url),
});
