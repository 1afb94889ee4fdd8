// Every audit action code the server writes has words on the audit page: the static codes found in
// the server's source, and the codes the case engine composes (case type × transition or kind).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionLabel, AUDIT_RESULT_LABELS, AUDIT_RESULTS, hasAuditLabel } from './audit-labels.js';
import { PROBLEM_TRANSITIONS, TASK_TRANSITIONS } from './ledger.js';
import { REQUEST_TRANSITIONS } from './citizens.js';
import { SHEET_TRANSITIONS } from './assessment.js';
import { DEVELOPMENT_TRANSITIONS } from './cadres.js';
import { WEAK_TRANSITIONS } from './weakorgs.js';
import { MATTER_TRANSITIONS } from './flows.js';
import { PROJECT_TRANSITIONS } from './projects.js';
import { RESEARCH_TRANSITIONS } from './appraisal.js';
import { DESIGNATION_TRANSITIONS } from './designations.js';

const server = path.resolve(import.meta.dirname, '../../server/src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('audit action words', () => {
  it('every static code the server writes has a label', () => {
    const codes = new Set<string>();
    for (const file of sources(server)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:\baction: |\baudit\(tx, actor, )'([a-z_]+\.[a-z_]+)'/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(20);
    expect([...codes].filter((c) => !hasAuditLabel(c))).toEqual([]);
  });

  it('every code the case engine and the whistles compose has a label', () => {
    const composed = [
      ...['open', 'comment', 'supervision', 'attach', ...PROBLEM_TRANSITIONS].map((x) => `problem.${x}`),
      ...['open', 'comment', 'supervision', 'attach', ...TASK_TRANSITIONS].map((x) => `task.${x}`),
      ...['open', 'comment', 'supervision', 'attach', 'hand_over', 'rate', 'report_up', 'message', ...REQUEST_TRANSITIONS].map((x) => `request.${x}`),
      ...['open', 'score', ...SHEET_TRANSITIONS].map((x) => `score_sheet.${x}`),
      ...['open', ...DEVELOPMENT_TRANSITIONS].map((x) => `development.${x}`),
      ...['open', 'plan', 'add_problem', ...WEAK_TRANSITIONS].map((x) => `weak_org.${x}`),
      ...['open', 'attach', 'escalate', ...MATTER_TRANSITIONS].map((x) => `flow_matter.${x}`),
      ...['open', 'attach', 'edit', 'milestone_add', 'milestone_done', 'member_claim', 'link', 'excellent', 'report_issue', ...PROJECT_TRANSITIONS].map((x) => `project.${x}`),
      ...['add', 'train', 'appoint', 'remove'].map((x) => `reserve.${x}`),
      ...['problem', 'task', 'request'].map((x) => `${x}.escalate`),
      ...['report', 'claim', 'record', 'finish', 'decline'].map((x) => `whistle.${x}`),
      ...['open', 'attach', ...RESEARCH_TRANSITIONS].map((x) => `research.${x}`),
      ...['open', 'attach', 'criteria', ...DESIGNATION_TRANSITIONS].map((x) => `designation.${x}`),
    ];
    expect(composed.filter((c) => !hasAuditLabel(c))).toEqual([]);
  });

  it('reads as people say it', () => {
    expect(auditActionLabel('problem.close', 'zh')).toBe('问题销号');
    expect(auditActionLabel('problem.return', 'zh')).toBe('问题台账 · 退回重改');
    expect(auditActionLabel('request.claim', 'en')).toBe('Citizen request taken on');
    expect(auditActionLabel('unknown.thing', 'zh')).toBe('unknown.thing');
    expect(AUDIT_RESULTS.map((r) => AUDIT_RESULT_LABELS[r].zh)).toEqual(['成功', '失败', '被拒绝']);
  });
});
