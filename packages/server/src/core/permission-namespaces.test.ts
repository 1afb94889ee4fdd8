// One permission namespace per module (issue 11): every route a module declares is guarded by an
// action of that module's namespace, read from the route files of its folder; and the actions
// renamed or split to get there are held by exactly the roles that held the old ones.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLE_ACTIONS, type Action } from '@lianxin/contract';

const modulesDir = fileURLToPath(new URL('../modules', import.meta.url));

/** Each module folder's namespace (the part of an action before the colon). */
const NAMESPACE: Record<string, string> = {
  accounts: 'account', assessment: 'assessment', audit: 'audit', auth: 'auth', cadres: 'cadre', citizens: 'citizen',
  dispatch: 'dispatch', flows: 'flow', funds: 'funds', health: 'health', home: 'home', inspections: 'inspection',
  ledger: 'ledger', lists: 'list', openness: 'openness', orglife: 'orglife', orgs: 'org', people: 'person',
  projects: 'project', recognition: 'recognition', selection: 'selection', training: 'training', weakorgs: 'weakorg',
};
/** Policies that are no action: anyone, or any signed-in account. */
const NO_ACTION = new Set(['public', 'authenticated']);

/** The policies of route files that are not their module's namespace: `module/file: policy`. */
function strayPolicies(files: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const module = file.split('/')[0]!;
    for (const m of text.matchAll(/policy:\s*'([^']+)'/g)) {
      const policy = m[1]!;
      if (NO_ACTION.has(policy)) continue;
      if (policy.split(':')[0] !== NAMESPACE[module]) found.push(`${file}: ${policy}`);
    }
  }
  return found;
}

function routeFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const module of fs.readdirSync(modulesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)) {
    for (const f of fs.readdirSync(path.join(modulesDir, module)).filter((f) => f.endsWith('.routes.ts'))) {
      files[`${module}/${f}`] = fs.readFileSync(path.join(modulesDir, module, f), 'utf8');
    }
  }
  return files;
}

describe('one permission namespace per module', () => {
  it('every module folder has its namespace declared, and every action belongs to one', () => {
    const modules = fs.readdirSync(modulesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(modules.filter((m) => !NAMESPACE[m])).toEqual([]);
    const spaces = new Set(Object.values(NAMESPACE));
    expect(ACTIONS.filter((a) => !spaces.has(a.split(':')[0]!))).toEqual([]);
  });

  it('every route of a module is guarded by its own namespace', () => {
    const files = routeFiles();
    expect(Object.keys(files).length).toBeGreaterThan(15);
    expect(Object.values(files).join('\n').match(/policy:\s*'[a-z]+:[a-z_]+'/g)!.length).toBeGreaterThan(200);
    expect(strayPolicies(files)).toEqual([]);
  });

  it('the check catches a route guarded by another module\'s action', () => {
    expect(strayPolicies({
      'lists/lists.routes.ts': `config: { policy: 'list:read' } … config: { policy: 'ledger:handle' } … config: { policy: 'public' }`,
      'people/people.routes.ts': `config: { policy: 'post:write' }`,
      'inspections/inspections.routes.ts': `config: { policy: 'inspection:read' }`,
    })).toEqual(['lists/lists.routes.ts: ledger:handle', 'people/people.routes.ts: post:write']);
  });
});

/**
 * Who held each action before the namespaces were made one per module (main at 0e8ac47), and
 * what replaces it on the routes that moved: a renamed action, or one split off for a module.
 */
const BEFORE: Record<string, { roles: string[]; now: Action[] }> = {
  'post:write': { roles: ['county_admin', 'township_admin'], now: ['person:post', 'cadre:post'] },
  'accountability:write': { roles: ['county_admin', 'township_admin'], now: ['inspection:accountability'] },
  'facility:write': { roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin', 'department_admin'], now: ['funds:facility'] },
  'whistle:blow': { roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'], now: ['citizen:whistle'] },
  'whistle:answer': { roles: ['department_admin'], now: ['citizen:answer'] },
  'ledger:read': { roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin', 'department_admin'], now: ['ledger:read', 'list:read'] },
  'ledger:handle': { roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin', 'department_admin'], now: ['ledger:handle', 'list:handle'] },
  'ledger:register': { roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin'], now: ['ledger:register', 'inspection:problem'] },
  'dispatch:read': { roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin', 'department_admin'], now: ['dispatch:read', 'inspection:read'] },
  'person:read': { roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin', 'department_admin'], now: ['person:read', 'cadre:read'] },
  'person:write': { roles: ['county_admin', 'township_admin', 'village_admin', 'department_admin'], now: ['person:write', 'cadre:write'] },
  'person:export': { roles: ['county_admin', 'township_admin', 'station_admin', 'village_admin', 'department_admin'], now: ['person:export', 'cadre:export'] },
};

const holders = (action: Action) => Object.entries(ROLE_ACTIONS).filter(([, actions]) => actions.includes(action)).map(([role]) => role).sort();

describe('roles keep exactly their abilities', () => {
  for (const [old, { roles, now }] of Object.entries(BEFORE)) {
    it(`${old} → ${now.join(', ')}: held by the same roles`, () => {
      for (const action of now) expect(holders(action), action).toEqual([...roles].sort());
    });
  }

  it('the renamed actions are gone', () => {
    expect(ACTIONS.filter((a) => ['post:write', 'accountability:write', 'facility:write', 'whistle:blow', 'whistle:answer'].includes(a))).toEqual([]);
  });
});
