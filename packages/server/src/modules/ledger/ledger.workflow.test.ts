import { describe, expect, it } from 'vitest';
import type { Role } from '@lianxin/contract';
import type { Actor } from '../../core/access.js';
import { availableTransitions, checkTransition, validateWorkflow, type CaseView } from '../../core/cases/workflow.js';
import { exhaustiveTransitions, testActor } from '../../core/cases/workflow-testing.js';
import { awaitsCheckBy, defaultCheckerRole, problemWorkflow, signerFor, type ProblemExtra } from './ledger.workflow.js';

// 五里镇 /1/10/, 榆舍站 /1/10/20/, 榆舍村 /1/10/20/30/, 彭镇 /1/11/
const actor = (username: string, role: Role, path: string, accountId = 1): Actor => testActor(role, path, accountId, username);
const village = actor('yushe', 'village_admin', '/1/10/20/30/', 4);
const station = actor('yushe.station', 'station_admin', '/1/10/20/', 3);
const township = actor('wuli', 'township_admin', '/1/10/', 2);
const otherTownship = actor('peng', 'township_admin', '/1/11/', 5);
const county = actor('county', 'county_admin', '/1/', 6);

const view = (status: string, extra: Partial<ProblemExtra> = {}): CaseView<ProblemExtra> => ({
  id: 1, countyId: 1, orgId: 30, orgPath: '/1/10/20/30/', status, deadline: '2026-12-31',
  extra: { responsibleOrgPath: '/1/10/20/30/', checkerAccountId: null, closureSigner: 'station_admin', pathTypes: ['county', 'township', 'station', 'village'], ...extra },
});

describe('where the level that signs or checks is missing', () => {
  it('the next level up signs the closure', () => {
    expect(signerFor('station_admin', ['county', 'township', 'station', 'village'])).toBe('station_admin');
    expect(signerFor('station_admin', ['county', 'township', 'village'])).toBe('township_admin');
    expect(signerFor('station_admin', ['county', 'department'])).toBe('county_admin');
    expect(signerFor('township_admin', ['county', 'department'])).toBe('county_admin');
    expect(signerFor('township_admin', ['county', 'township', 'station', 'village'])).toBe('township_admin');
  });

  it('a village of a township without stations: its township checks and signs', () => {
    // 彭镇 /1/11/ has no stations; its village 彭村 /1/11/40/
    const pengVillage = { orgPath: '/1/11/40/', extra: { responsibleOrgPath: '/1/11/40/', closureSigner: signerFor('station_admin', ['county', 'township', 'village']), pathTypes: ['county', 'township', 'village'] } };
    const at = (status: string) => ({ ...view(status, pengVillage.extra), orgPath: pengVillage.orgPath });
    expect(availableTransitions(problemWorkflow, otherTownship, at('submitted'))).toEqual(['return', 'accept']);
    expect(availableTransitions(problemWorkflow, otherTownship, at('accepted'))).toEqual(['close']);
    expect(availableTransitions(problemWorkflow, county, at('accepted'))).toEqual([]);
  });

  it("a township's own problem: only the township rectifies (not its stations or villages); the county checks and signs", () => {
    const own = { responsibleOrgPath: '/1/10/', closureSigner: signerFor('station_admin', ['county']), pathTypes: ['county'] };
    const at = (status: string) => ({ ...view(status, own), orgId: 10, orgPath: '/1/10/' });
    expect(availableTransitions(problemWorkflow, township, at('registered'))).toEqual(['start']);
    expect(availableTransitions(problemWorkflow, station, at('registered'))).toEqual([]);
    expect(availableTransitions(problemWorkflow, village, at('rectifying'))).toEqual([]);
    expect(availableTransitions(problemWorkflow, township, at('submitted'))).toEqual([]);
    expect(availableTransitions(problemWorkflow, county, at('submitted'))).toEqual(['return', 'accept']);
    expect(availableTransitions(problemWorkflow, county, at('accepted'))).toEqual(['close']);
  });

  it('a department\'s problem: the county checks and signs', () => {
    const dept = { responsibleOrgPath: '/1/50/', closureSigner: signerFor('station_admin', ['county', 'department']), pathTypes: ['county', 'department'] };
    const at = (status: string) => ({ ...view(status, dept), orgId: 50, orgPath: '/1/50/' });
    const department = actor('jiaotong', 'department_admin', '/1/50/', 7);
    expect(availableTransitions(problemWorkflow, department, at('registered'))).toEqual(['start']);
    expect(availableTransitions(problemWorkflow, county, at('submitted'))).toEqual(['return', 'accept']);
    expect(availableTransitions(problemWorkflow, department, at('submitted'))).toEqual([]);
    expect(availableTransitions(problemWorkflow, county, at('accepted'))).toEqual(['close']);
  });
});

describe('the problem workflow', () => {
  it('is well formed: every state reachable, every transition between known states', () => {
    expect(validateWorkflow(problemWorkflow)).toEqual([]);
  });

  it('offers each account exactly its next step, in every state', () => {
    const expected: Record<string, Record<string, string[]>> = {
      registered: { yushe: ['start'], 'yushe.station': [], wuli: [], peng: [], county: [] },
      rectifying: { yushe: ['submit'], 'yushe.station': [], wuli: [], peng: [], county: [] },
      submitted: { yushe: [], 'yushe.station': ['return', 'accept'], wuli: ['return', 'accept'], peng: [], county: [] },
      accepted: { yushe: [], 'yushe.station': ['close'], wuli: [], peng: [], county: [] },
      closed: { yushe: [], 'yushe.station': ['publish'], wuli: ['publish'], peng: [], county: ['publish'] },
      published: { yushe: [], 'yushe.station': [], wuli: [], peng: [], county: [] },
    };
    for (const [status, byActor] of Object.entries(expected)) {
      for (const a of [village, station, township, otherTownship, county]) {
        expect(availableTransitions(problemWorkflow, a, view(status)), `${a.username} in ${status}`).toEqual(byActor[a.username]);
      }
    }
  });

  it('lets only the designated checker accept when one is named', () => {
    const named = view('submitted', { checkerAccountId: 2 });
    expect(availableTransitions(problemWorkflow, township, named)).toEqual(['return', 'accept']);
    expect(availableTransitions(problemWorkflow, station, named)).toEqual([]);
  });

  it('lets a county configure the township as closure signer', () => {
    const c = view('accepted', { closureSigner: 'township_admin' });
    expect(availableTransitions(problemWorkflow, township, c)).toEqual(['close']);
    expect(availableTransitions(problemWorkflow, station, c)).toEqual([]);
  });

  it('names the missing fields and refuses out-of-order steps', () => {
    expect(checkTransition(problemWorkflow, 'start', village, view('registered'), {})).toMatchObject({ ok: false, reason: 'missing', missing: [{ field: 'measures' }] });
    expect(checkTransition(problemWorkflow, 'return', station, view('submitted'), { comment: '  ' })).toMatchObject({ ok: false, reason: 'missing' });
    expect(checkTransition(problemWorkflow, 'close', station, view('submitted'), { comment: 'x' })).toEqual({ ok: false, reason: 'state' });
    expect(checkTransition(problemWorkflow, 'accept', village, view('submitted'), {})).toEqual({ ok: false, reason: 'forbidden' });
    expect(checkTransition(problemWorkflow, 'nope', village, view('submitted'), {})).toEqual({ ok: false, reason: 'unknown' });
    expect(checkTransition(problemWorkflow, 'start', village, view('registered'), { measures: '召开支委会' })).toEqual({ ok: true });
  });
});

describe('the problem workflow, exhaustively', () => {
  it('every state × every transition × every role', () => {
    const others = {
      department: actor('jiaotong', 'department_admin', '/1/50/', 7),
      auditor: actor('auditor', 'auditor', '/1/', 8),
      sysAdmin: actor('sysadmin', 'sys_admin', '/1/', 9),
      secAdmin: actor('secadmin', 'sec_admin', '/1/', 10),
      auditAdmin: actor('auditadmin', 'audit_admin', '/1/', 11),
    };
    const actors = { village, station, township, otherTownship, county, ...others };
    const none = Object.fromEntries(Object.keys(actors).map((k) => [k, []]));
    expect(exhaustiveTransitions(problemWorkflow, actors, (s) => view(s), {
      registered: { ...none, village: ['start'] },
      rectifying: { ...none, village: ['submit'] },
      submitted: { ...none, station: ['return', 'accept'], township: ['return', 'accept'] },
      accepted: { ...none, station: ['close'] },
      closed: { ...none, station: ['publish'], township: ['publish'], county: ['publish'] },
      published: { ...none },
    })).toEqual([]);
  });
});

describe('whom a submitted problem waits on (the home page asks this of the ledger)', () => {
  it('the default checker is the station over the case, else the township, else the county', () => {
    expect(defaultCheckerRole(['county', 'township', 'station', 'village'])).toBe('station_admin');
    expect(defaultCheckerRole(['county', 'township', 'village'])).toBe('township_admin');
    expect(defaultCheckerRole(['county', 'department'])).toBe('county_admin');
  });

  it('waits on the station, not the township above it; on the named checker alone when one is named', () => {
    const submitted = view('submitted');
    expect(awaitsCheckBy(station, submitted)).toBe(true);
    expect(awaitsCheckBy(township, submitted)).toBe(false);
    expect(awaitsCheckBy(village, submitted)).toBe(false);
    expect(awaitsCheckBy(county, submitted)).toBe(false);
    const noStation = view('submitted', { pathTypes: ['county', 'township', 'village'] });
    expect(awaitsCheckBy(township, noStation)).toBe(true);
    expect(awaitsCheckBy(station, noStation)).toBe(false);
    const named = view('submitted', { checkerAccountId: township.accountId });
    expect(awaitsCheckBy(township, named)).toBe(true);
    expect(awaitsCheckBy(station, named)).toBe(false);
  });
});
