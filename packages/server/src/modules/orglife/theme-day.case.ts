// 主题党日 备案 as a registered case type: its workflow, its row table, "open" (not yet held).
import { registerCaseType } from '../../core/cases/registry.js';
import { filingWorkflow } from './theme-day.workflow.js';

export const filingCaseType = registerCaseType({
  workflow: filingWorkflow,
  table: 'theme_day_filings',
  openSql: 'c.closed_at IS NULL',
  workflowTest: new URL('./theme-day.workflow.test.ts', import.meta.url),
});
