import { describe, expect, it } from 'vitest';
import type { DevelopmentState, Role } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions } from '../../core/cases/workflow-testing.js';
import { developmentWorkflow } from './development.workflow.js';

// 宜君县 /1/, 五里镇 /1/10/, 榆舍站 /1/10/20/, 榆舍村 /1/10/20/30/ (the branch), 彭镇 /1/11/, 交通局 /1/50/
const actor = (role: Role, path: string, accountId: number): Actor => ({ accountId, username: `${role}@${path}`, roles: [role], scope: { orgId: 0, path, countyId: 1 }, ip: '127.0.0.1' });
const actors = {
  county: actor('county_admin', '/1/', 1),
  township: actor('township_admin', '/1/10/', 2),
  station: actor('station_admin', '/1/10/20/', 3),
  village: actor('village_admin', '/1/10/20/30/', 4),
  otherTownship: actor('township_admin', '/1/11/', 5),
  otherVillage: actor('village_admin', '/1/10/20/31/', 12),
  department: actor('department_admin', '/1/50/', 6),
  auditor: actor('auditor', '/1/', 7),
  sysAdmin: actor('sys_admin', '/1/', 9),
  secAdmin: actor('sec_admin', '/1/', 10),
  auditAdmin: actor('audit_admin', '/1/', 11),
};
const view = (status: DevelopmentState, orgPath = '/1/10/20/30/'): CaseView => ({ id: 1, countyId: 1, orgId: 30, orgPath, status, deadline: null, extra: undefined });
const none = { county: [], township: [], station: [], village: [], otherTownship: [], otherVillage: [], department: [], auditor: [], sysAdmin: [], secAdmin: [], auditAdmin: [] };

describe('the member development workflow', () => {
  it('is well formed', () => {
    expect(validateWorkflow(developmentWorkflow)).toEqual([]);
  });

  it('a village branch\'s applicant: the branch and the committees above name activists and targets; only a committee admits and makes full', () => {
    expect(exhaustiveTransitions(developmentWorkflow, actors, (s) => view(s), {
      applicant: { ...none, county: ['make_activist'], township: ['make_activist'], village: ['make_activist'] },
      activist: { ...none, county: ['make_target'], township: ['make_target'], village: ['make_target'] },
      target: { ...none, county: ['admit'], township: ['admit'] },
      probationary: { ...none, county: ['make_full'], township: ['make_full'] },
      full: { ...none },
    })).toEqual([]);
  });

  it('a department\'s branch: the department names activists and targets, the county committee approves', () => {
    expect(exhaustiveTransitions(developmentWorkflow, actors, (s) => view(s, '/1/50/'), {
      applicant: { ...none, county: ['make_activist'], department: ['make_activist'] },
      activist: { ...none, county: ['make_target'], department: ['make_target'] },
      target: { ...none, county: ['admit'] },
      probationary: { ...none, county: ['make_full'] },
      full: { ...none },
    })).toEqual([]);
  });

  it('a step out of order is a state refusal, not a permission one', () => {
    expect(checkTransition(developmentWorkflow, 'make_target', actors.village, view('applicant'), {})).toEqual({ ok: false, reason: 'state' });
    expect(checkTransition(developmentWorkflow, 'admit', actors.village, view('target'), {})).toEqual({ ok: false, reason: 'forbidden' });
  });
});
