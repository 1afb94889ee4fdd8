// The exhaustive transition check every registered workflow's test runs: every state × every
// transition × every role (at least one actor per role), against a table of what each actor may
// fire in each state. registry.test.ts fails for a registered type whose test does not call it.
import { ROLES, type Role } from '@lianxin/contract';
import type { Actor } from '../access.js';
import { availableTransitions, checkTransition, type CaseView, type WorkflowDef } from './workflow.js';

/** A test account: one role, scoped to a path of the small tree below. */
export const testActor = (role: Role, path: string, accountId: number, username = `${role}@${path}`): Actor => ({
  accountId, username, roles: [role], scope: { orgId: 0, path, countyId: 1 }, ip: '127.0.0.1',
});

/**
 * One account of every role on a small tree — 县 /1/, 五里镇 /1/10/, 榆舍站 /1/10/20/, 榆舍村
 * /1/10/20/30/, its neighbour 尧头村 /1/10/20/31/, another station /1/10/21/, 彭镇 /1/11/,
 * 交通局 /1/50/ — for the exhaustive tests; a test adds the accounts its workflow singles out.
 */
export const TEST_ACTORS = {
  county: testActor('county_admin', '/1/', 1, 'county'),
  township: testActor('township_admin', '/1/10/', 2, 'wuli'),
  station: testActor('station_admin', '/1/10/20/', 3, 'yushe.station'),
  village: testActor('village_admin', '/1/10/20/30/', 4, 'yushe'),
  otherTownship: testActor('township_admin', '/1/11/', 5, 'peng'),
  department: testActor('department_admin', '/1/50/', 6, 'jiaotong'),
  auditor: testActor('auditor', '/1/', 7, 'auditor'),
  sysAdmin: testActor('sys_admin', '/1/', 9, 'sysadmin'),
  secAdmin: testActor('sec_admin', '/1/', 10, 'secadmin'),
  auditAdmin: testActor('audit_admin', '/1/', 11, 'auditadmin'),
  otherVillage: testActor('village_admin', '/1/10/20/31/', 12, 'yaotou'),
  otherStation: testActor('station_admin', '/1/10/21/', 13, 'other.station'),
} as const;

export function exhaustiveTransitions<S extends string, T extends string, X>(
  def: WorkflowDef<S, T, X>,
  actors: Record<string, Actor>,
  view: (status: S) => CaseView<X>,
  /** state → actor key → the transitions it may fire there, in the workflow's order. */
  expected: Record<S, Record<string, T[]>>,
): string[] {
  const problems: string[] = [];
  for (const role of ROLES) {
    if (!Object.values(actors).some((a) => a.roles.includes(role))) problems.push(`no actor with the role ${role}`);
  }
  const names = Object.keys(def.transitions) as T[];
  for (const state of def.states) {
    const byActor = expected[state];
    if (!byActor) {
      problems.push(`no expectation for the state ${state}`);
      continue;
    }
    for (const [key, actor] of Object.entries(actors)) {
      const mine = byActor[key];
      if (!mine) {
        problems.push(`no expectation for ${key} in ${state}`);
        continue;
      }
      for (const name of names) {
        // every required field given: only state and permission decide
        const input = Object.fromEntries((def.transitions[name].requires ?? []).map((f) => [f.field, 'x']));
        const check = checkTransition(def, name, actor, view(state), input);
        const may = mine.includes(name);
        if (check.ok !== may) problems.push(`${key} ${may ? 'cannot' : 'can'} fire ${name} in ${state}${check.ok ? '' : ` (${check.reason})`}`);
        if (!check.ok && check.reason === 'state' && def.transitions[name].from.includes(state)) problems.push(`${name} from ${state}: state refusal for a listed state`);
      }
      const offered = availableTransitions(def, actor, view(state));
      if (offered.join() !== mine.join()) problems.push(`${key} in ${state} is offered [${offered.join()}], expected [${mine.join()}]`);
    }
  }
  return problems;
}
