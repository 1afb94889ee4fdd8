import { describe, expect, it } from 'vitest';
import type { Role } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions } from '../../core/cases/workflow-testing.js';
import { filingWorkflow, type FilingExtra } from './theme-day.workflow.js';

// 五里镇 /1/10/, 榆舍站 /1/10/20/, 榆舍村 /1/10/20/30/, 彭镇 /1/11/
const actor = (username: string, role: Role, path: string, accountId = 1): Actor => ({
  accountId, username, roles: [role], scope: { orgId: 0, path, countyId: 1 }, ip: '127.0.0.1',
});
const view = (status: string): CaseView<FilingExtra> => ({ id: 1, countyId: 1, orgId: 30, orgPath: '/1/10/20/30/', status, deadline: '2026-12-31', extra: {} });

describe('the 主题党日 filing workflow', () => {
  it('is well formed', () => {
    expect(validateWorkflow(filingWorkflow)).toEqual([]);
  });

  it('a return needs a comment, a refile a revised plan, holding it a meeting record', () => {
    const wuli = actor('wuli', 'township_admin', '/1/10/', 2);
    const yushe = actor('yushe', 'village_admin', '/1/10/20/30/', 4);
    expect(checkTransition(filingWorkflow, 'return', wuli, view('filed'), { comment: ' ' })).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'comment' }] });
    expect(checkTransition(filingWorkflow, 'refile', yushe, view('returned'), {})).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'plan' }] });
    expect(checkTransition(filingWorkflow, 'hold', yushe, view('approved'), {})).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'meeting' }] });
    expect(checkTransition(filingWorkflow, 'hold', yushe, view('filed'), { meeting: {} })).toEqual({ ok: false, reason: 'state' });
  });

  it('every state × every transition × every role', () => {
    const actors = {
      village: actor('yushe', 'village_admin', '/1/10/20/30/', 4),
      otherVillage: actor('yaotou', 'village_admin', '/1/10/20/31/', 12),
      station: actor('yushe.station', 'station_admin', '/1/10/20/', 3),
      township: actor('wuli', 'township_admin', '/1/10/', 2),
      otherTownship: actor('peng', 'township_admin', '/1/11/', 5),
      county: actor('county', 'county_admin', '/1/', 6),
      department: actor('jiaotong', 'department_admin', '/1/50/', 7),
      auditor: actor('auditor', 'auditor', '/1/', 8),
      sysAdmin: actor('sysadmin', 'sys_admin', '/1/', 9),
      secAdmin: actor('secadmin', 'sec_admin', '/1/', 10),
      auditAdmin: actor('auditadmin', 'audit_admin', '/1/', 11),
    };
    const none = Object.fromEntries(Object.keys(actors).map((k) => [k, []]));
    expect(exhaustiveTransitions(filingWorkflow, actors, (s) => view(s), {
      filed: { ...none, township: ['return', 'approve'] },
      returned: { ...none, village: ['refile'] },
      approved: { ...none, village: ['hold'] },
      held: { ...none },
    })).toEqual([]);
  });
});
