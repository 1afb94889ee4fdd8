// 评分表 as a registered case type: its workflow, its row table, and "open" (not yet published).
import { registerCaseType } from '../../core/cases/registry.js';
import { sheetWorkflow } from './sheets.workflow.js';

export const sheetCaseType = registerCaseType({
  workflow: sheetWorkflow,
  table: 'score_sheets',
  openSql: 'c.closed_at IS NULL',
  workflowTest: new URL('./sheets.workflow.test.ts', import.meta.url),
});
