import { describe, expect, it } from 'vitest';
import type { Role } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions } from '../../core/cases/workflow-testing.js';
import { consultationWorkflow, type ConsultationExtra } from './consultation.workflow.js';

// 五里镇 /1/10/, 榆舍站 /1/10/20/, 榆舍村 /1/10/20/30/, 彭镇 /1/11/
const actor = (username: string, role: Role, path: string, accountId = 1): Actor => ({
  accountId, username, roles: [role], scope: { orgId: 0, path, countyId: 1 }, ip: '127.0.0.1',
});
const view = (status: string): CaseView<ConsultationExtra> => ({ id: 1, countyId: 1, orgId: 20, orgPath: '/1/10/20/', status, deadline: null, extra: {} });

describe('the 工作会商 workflow', () => {
  it('is well formed; a return needs a comment, carrying out a report', () => {
    expect(validateWorkflow(consultationWorkflow)).toEqual([]);
    const wuli = actor('wuli', 'township_admin', '/1/10/', 2);
    const station = actor('yushe.station', 'station_admin', '/1/10/20/', 3);
    expect(checkTransition(consultationWorkflow, 'return', wuli, view('submitted'), {})).toMatchObject({ ok: false, reason: 'missing' });
    expect(checkTransition(consultationWorkflow, 'carry_out', station, view('agreed'), { comment: '' })).toMatchObject({ ok: false, reason: 'missing' });
    expect(checkTransition(consultationWorkflow, 'carry_out', station, view('submitted'), { comment: 'x' })).toEqual({ ok: false, reason: 'state' });
  });

  it('every state × every transition × every role', () => {
    const actors = {
      village: actor('yushe', 'village_admin', '/1/10/20/30/', 4),
      station: actor('yushe.station', 'station_admin', '/1/10/20/', 3),
      otherStation: actor('other.station', 'station_admin', '/1/10/21/', 12),
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
    expect(exhaustiveTransitions(consultationWorkflow, actors, (s) => view(s), {
      submitted: { ...none, township: ['agree', 'return'] },
      returned: { ...none, station: ['resubmit'] },
      agreed: { ...none, station: ['carry_out'] },
      carried_out: { ...none },
    })).toEqual([]);
  });
});
