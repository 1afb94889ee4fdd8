import { describe, expect, it } from 'vitest';
import type { Role, TaskState } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions, testActor } from '../../core/cases/workflow-testing.js';
import { taskWorkflow, type TaskExtra } from './tasks.workflow.js';

// 宜君县 /1/, 五里镇 /1/10/ (keeps the list), 榆舍站 /1/10/20/, 榆舍村 /1/10/20/30/ (owns the task), 彭镇 /1/11/, 交通局 /1/50/
const actor = (role: Role, path: string, accountId: number): Actor => testActor(role, path, accountId);
const actors = {
  county: actor('county_admin', '/1/', 1),
  township: actor('township_admin', '/1/10/', 2),
  station: actor('station_admin', '/1/10/20/', 3),
  village: actor('village_admin', '/1/10/20/30/', 4),
  otherTownship: actor('township_admin', '/1/11/', 5),
  department: actor('department_admin', '/1/50/', 6),
  auditor: actor('auditor', '/1/', 7),
  sysAdmin: actor('sys_admin', '/1/', 9),
  secAdmin: actor('sec_admin', '/1/', 10),
  auditAdmin: actor('audit_admin', '/1/', 11),
};
const view = (status: TaskState, orgPath = '/1/10/20/30/', listOrgPath = '/1/10/'): CaseView<TaskExtra> => ({
  id: 1, countyId: 1, orgId: 30, orgPath, status, deadline: '2026-12-31', extra: { listOrgPath },
});
const none = { county: [], township: [], station: [], village: [], otherTownship: [], department: [], auditor: [], sysAdmin: [], secAdmin: [], auditAdmin: [] };

describe('the task workflow', () => {
  it('is well formed', () => {
    expect(validateWorkflow(taskWorkflow)).toEqual([]);
  });

  it('a township list\'s task owned by a village: every state × every transition × every role', () => {
    expect(exhaustiveTransitions(taskWorkflow, actors, (s) => view(s), {
      assigned: { ...none, village: ['start', 'submit'] },
      in_progress: { ...none, village: ['submit'] },
      // the list's keeper (or above it) confirms or returns; the station between them does not keep the list
      submitted: { ...none, county: ['return', 'confirm'], township: ['return', 'confirm'] },
      completed: { ...none },
    })).toEqual([]);
  });

  it('a task the township owns on its own list: the level above confirms, never the owner itself', () => {
    // the owner org's own accounts work on it — not its stations or villages (as 责任单位 in the ledger)
    expect(exhaustiveTransitions(taskWorkflow, actors, (s) => view(s, '/1/10/', '/1/10/'), {
      assigned: { ...none, township: ['start', 'submit'] },
      in_progress: { ...none, township: ['submit'] },
      submitted: { ...none, county: ['return', 'confirm'] },
      completed: { ...none },
    })).toEqual([]);
    expect(checkTransition(taskWorkflow, 'confirm', actors.township, view('submitted', '/1/10/', '/1/10/'), {})).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('names the missing fields', () => {
    expect(checkTransition(taskWorkflow, 'submit', actors.village, view('in_progress'), {})).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'comment' }] });
    expect(checkTransition(taskWorkflow, 'return', actors.township, view('submitted'), { comment: '' })).toMatchObject({ ok: false, reason: 'missing' });
  });
});
