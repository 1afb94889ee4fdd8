import { describe, expect, it } from 'vitest';
import type { RequestState, Role } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import { checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions, testActor } from '../../core/cases/workflow-testing.js';
import { requestWorkflow, type RequestExtra } from './requests.workflow.js';

// 宜君县 /1/, 五里镇 /1/10/, 榆舍站 /1/10/20/ (where the request lies), 榆舍村 /1/10/20/30/, 彭镇 /1/11/, 交通局 /1/50/
const actor = (role: Role, path: string, accountId: number): Actor => testActor(role, path, accountId);
const OWNER = 3;
const actors = {
  county: actor('county_admin', '/1/', 1),
  township: actor('township_admin', '/1/10/', 2),
  owner: actor('station_admin', '/1/10/20/', OWNER),
  colleague: actor('station_admin', '/1/10/20/', 8),
  village: actor('village_admin', '/1/10/20/30/', 4),
  otherTownship: actor('township_admin', '/1/11/', 5),
  department: actor('department_admin', '/1/50/', 6),
  auditor: actor('auditor', '/1/', 7),
  sysAdmin: actor('sys_admin', '/1/', 9),
  secAdmin: actor('sec_admin', '/1/', 10),
  auditAdmin: actor('audit_admin', '/1/', 11),
};
const view = (status: RequestState, ownerId: number | null = OWNER): CaseView<RequestExtra> => ({
  id: 1, countyId: 1, orgId: 20, orgPath: '/1/10/20/', status, deadline: null, extra: { ownerId },
});
const none = { county: [], township: [], owner: [], colleague: [], village: [], otherTownship: [], department: [], auditor: [], sysAdmin: [], secAdmin: [], auditAdmin: [] };

describe('the citizen request workflow', () => {
  it('is well formed', () => {
    expect(validateWorkflow(requestWorkflow)).toEqual([]);
  });

  it('every state × every transition × every role: exactly the expected steps', () => {
    expect(exhaustiveTransitions(requestWorkflow, actors, (s) => view(s), {
      // 首问负责: any office covering the unit takes it on
      received: { ...none, county: ['claim'], township: ['claim'], owner: ['claim'], colleague: ['claim'] },
      // only the owner promises and resolves
      claimed: { ...none, owner: ['promise', 'resolve'] },
      promised: { ...none, owner: ['resolve'] },
      // the owner or an office over the unit archives; offices over it reopen
      resolved: { ...none, county: ['archive', 'reopen'], township: ['archive', 'reopen'], owner: ['archive', 'reopen'], colleague: ['archive', 'reopen'] },
      archived: { ...none, county: ['reopen'], township: ['reopen'], owner: ['reopen'], colleague: ['reopen'] },
    })).toEqual([]);
  });

  it('names the missing fields', () => {
    expect(checkTransition(requestWorkflow, 'promise', actors.owner, view('claimed'), {})).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'promisedDate' }] });
    expect(checkTransition(requestWorkflow, 'resolve', actors.owner, view('claimed'), { comment: '已办' })).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'resolved' }] });
    expect(checkTransition(requestWorkflow, 'reopen', actors.county, view('archived'), { comment: ' ' })).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'comment' }] });
  });
});
