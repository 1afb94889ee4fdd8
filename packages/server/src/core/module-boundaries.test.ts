// Modules have a front door: a file of modules/A reaches modules/B only through B's index.ts; the
// app and the core reach a module only through its index.ts; a repository (a module's SQL) is
// imported by its own module alone. The listed exceptions are the data loaders that write
// fixtures and demo data straight into the tables, each named with its reason.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('..', import.meta.url));
const root = path.resolve(src, '../../..');
const modulesDir = path.join(src, 'modules');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesUnder(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Every relative import of a file (static, side-effect, re-export and dynamic), resolved to a path under the repository. */
function importsOf(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const specs = [
    ...text.matchAll(/(?:^|\s)(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/(?:^|\s)import\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
  return specs.filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), s).replace(/\.js$/, '.ts'));
}

const moduleOf = (file: string): string | null => {
  const rel = path.relative(modulesDir, file);
  return rel.startsWith('..') ? null : rel.split(path.sep)[0]!;
};
const isFrontDoor = (file: string) => path.basename(file) === 'index.ts' && path.dirname(path.dirname(file)) === modulesDir;
const rel = (file: string) => path.relative(root, file);

/** Data loaders that write rows straight into a module's tables (demo county, synthetic scale data, the bench's raw-SQL baseline). */
const LOADERS = [/^packages\/server\/src\/cli\//, /^bench\//];

/** The violations of the front-door rules among these files. */
function violations(files: readonly string[], read: (f: string) => string = (f) => fs.readFileSync(f, 'utf8')): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = moduleOf(file);
    const loader = LOADERS.some((r) => r.test(rel(file)));
    for (const target of importsOf(file, read(file))) {
      const to = moduleOf(target);
      if (to === null || to === from) continue;
      if (/\.repository\.ts$/.test(target) && !loader) found.push(`${rel(file)} imports ${rel(target)}: a repository is its own module's`);
      else if (!isFrontDoor(target) && !loader) found.push(`${rel(file)} imports ${rel(target)}: use modules/${to}/index.ts`);
    }
  }
  return found;
}

describe('module front doors', () => {
  it('every module has an index.ts', () => {
    const modules = fs.readdirSync(modulesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(modules.length).toBeGreaterThan(5);
    expect(modules.filter((m) => !fs.existsSync(path.join(modulesDir, m, 'index.ts')))).toEqual([]);
  });

  it('no file reaches into another module except through its index.ts, and no repository is imported across modules', () => {
    const files = [...filesUnder(src), ...(fs.existsSync(path.join(root, 'bench')) ? filesUnder(path.join(root, 'bench')) : [])];
    expect(violations(files)).toEqual([]);
  });

  it('the scan catches a module importing another module\'s service or repository, and the app importing a routes file', () => {
    const texts: Record<string, string> = {
      [path.join(modulesDir, 'home/home.service.ts')]: `import { x } from '../ledger/ledger.service.js';\nimport type { Y } from '../ledger/index.js';`,
      [path.join(modulesDir, 'inspections/x.ts')]: `export { y } from '../ledger/ledger.repository.js';\nimport '../lists/tasks.case.js';`,
      [path.join(src, 'app.ts')]: `import { r } from './modules/orgs/orgs.routes.js';\nconst m = await import('./modules/people/index.js');`,
      [path.join(src, 'cli/demo-county.ts')]: `import { insertOrg } from '../modules/orgs/orgs.repository.js';`,
    };
    expect(violations(Object.keys(texts), (f) => texts[f]!).map((v) => v.split(':')[0])).toEqual([
      'packages/server/src/modules/home/home.service.ts imports packages/server/src/modules/ledger/ledger.service.ts',
      'packages/server/src/modules/inspections/x.ts imports packages/server/src/modules/ledger/ledger.repository.ts',
      'packages/server/src/modules/inspections/x.ts imports packages/server/src/modules/lists/tasks.case.ts',
      'packages/server/src/app.ts imports packages/server/src/modules/orgs/orgs.routes.ts',
    ]);
  });
});

// ---- SQL lives in repositories ----

/**
 * A statement, or a call that runs one, outside a module's `*.repository.ts` (its tests excepted):
 * SELECT … FROM, INSERT INTO, UPDATE t SET, DELETE FROM, WITH x AS (, or the database's
 * `query`/`exec`. Comments are skipped. A fragment a module declares as data — a case type's "open"
 * predicate in its `*.case.ts` (`c.closed_at IS NULL`) — is not a statement and may stand there.
 */
const SQL_STATEMENT = /\b(?:SELECT\s[\s\S]{0,400}?\bFROM|INSERT\s+INTO|UPDATE\s+[a-z_]+\s+SET|DELETE\s+FROM|WITH\s+[a-z_]+\s+AS\s*\()\b|\.query\s*[<(]|\b(?:db|tx|q)\.exec\s*\(/;
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** The files of modules/ that hold SQL but are neither a repository nor a test. */
function sqlOutsideRepositories(files: readonly string[], read: (f: string) => string = (f) => fs.readFileSync(f, 'utf8')): string[] {
  return files
    .filter((f) => moduleOf(f) !== null && !/\.(?:repository|test)\.ts$/.test(f) && SQL_STATEMENT.test(withoutComments(read(f))))
    .map((f) => path.relative(src, f).split(path.sep).join('/'))
    .sort();
}

describe('SQL lives in repositories', () => {
  it('no file of a module but its repositories (and tests) writes or runs SQL', () => {
    expect(sqlOutsideRepositories(filesUnder(modulesDir))).toEqual([]);
  });

  it('the scan catches a statement or a query call in a service or a route, and not in a repository, a test, a comment or a case type\'s predicate', () => {
    const texts: Record<string, string> = {
      [path.join(modulesDir, 'citizens/cards.service.ts')]: 'const rows = await db.query<{ n: number }>(x, [1]);',
      [path.join(modulesDir, 'auth/auth.service.ts')]: 'const S = `\n  SELECT a.id\n  FROM accounts a`;',
      [path.join(modulesDir, 'home/home.service.ts')]: 'await run(`UPDATE sessions SET ended_at = now()`);',
      [path.join(modulesDir, 'health/health.routes.ts')]: "await opts.db.query('SELECT 1');",
      [path.join(modulesDir, 'orgs/orgs.service.ts')]: 'await tx.exec(script);',
      [path.join(modulesDir, 'ledger/ledger.repository.ts')]: 'await q.query(`SELECT 1 FROM problems`);',
      [path.join(modulesDir, 'ledger/ledger.test.ts')]: 'await t.db.query(`DELETE FROM problems`);',
      [path.join(modulesDir, 'ledger/ledger.service.ts')]: '// reads SELECT … FROM problems through the repository\nconst m = /x/.exec(s); /* INSERT INTO t */',
      [path.join(modulesDir, 'ledger/problems.case.ts')]: "open: 'c.closed_at IS NULL',",
    };
    expect(sqlOutsideRepositories(Object.keys(texts), (f) => texts[f]!)).toEqual([
      'modules/auth/auth.service.ts',
      'modules/citizens/cards.service.ts',
      'modules/health/health.routes.ts',
      'modules/home/home.service.ts',
      'modules/orgs/orgs.service.ts',
    ]);
  });
});

// ---- SQL names only its own module's tables (and the core's) ----

/**
 * The core's tables, which every module may name: the org tree, the accounts acting, the case
 * engine (cases, their timeline and files), the dispatch engine's calls, audit, jobs, idempotency.
 */
const CORE_TABLES = [
  'orgs', 'accounts', 'cases', 'case_events', 'attachments', 'dispatch_calls', 'dispatch_call_answers',
  'audit_log', 'audit_heads', 'idempotency_keys', 'jobs', 'answer_generations',
];

/** Each module's own tables (those its migrations create); only its own files name them in SQL. */
const OWNED: Record<string, string[]> = {
  auth: ['sessions', 'login_failures'],
  orgs: ['station_designations', 'tree_generations'],
  people: ['persons', 'posts', 'reserve_cadres', 'org_person_counts'],
  ledger: ['problems', 'ledger_settings'],
  lists: ['tasks', 'responsibilities'],
  dispatch: ['directives', 'assignments', 'directive_series', 'dispatch_attachments', 'bulletins'],
  inspections: ['inspections', 'inspection_findings', 'accountability_records'],
  citizens: ['citizen_requests', 'whistles', 'whistle_parts', 'visits', 'households', 'grid_registrations', 'grid_deeds'],
  orglife: ['orglife_settings', 'meetings', 'meeting_attendees', 'theme_day_filings', 'meeting_sitins', 'consultations', 'member_appraisals', 'report_sessions', 'session_reports', 'session_ballots', 'session_ratings', 'research_rounds', 'meeting_visits', 'meeting_files', 'meeting_tallies'],
  assessment: ['assessment_schemes', 'score_sheets', 'score_entries', 'allowance_standards', 'performance_subsidy_rules', 'assessment_settings', 'score_appeals', 'assessment_result_rows', 'assessment_result_months', 'assessment_result_lost'],
  weakorgs: ['weak_orgs', 'weak_org_problems'],
  cadres: ['member_developments', 'development_paths', 'development_path_editions', 'first_secretary_subsidy_rates'], // development_paths: dropped by 395 (editions),
  projects: ['projects', 'project_people', 'project_milestones', 'project_reports', 'project_links', 'project_settings', 'project_board_rows', 'project_board_due'],
  flows: ['flow_templates', 'flow_editions', 'flow_matters', 'flow_matter_steps', 'flow_matter_documents', 'duty_templates', 'duty_lists'],
  openness: ['openness_settings', 'disclosures', 'disclosure_files', 'disclosure_revisions', 'disclosure_items', 'finance_audits', 'finance_audit_findings', 'register_rows'],
  funds: ['fund_standards', 'fund_allocations', 'fund_spendings', 'former_cadre_rules', 'fund_awards', 'facility_templates', 'facility_checklists', 'facility_checklist_items', 'venues', 'duty_shifts'],
  recognition: ['star_rules', 'star_ratings', 'star_rating_rows', 'point_rules', 'point_awards', 'designation_kind_sets', 'designations', 'recognition_consequences'],
  training: ['training_categories', 'training_courses', 'training_sessions', 'training_attendance', 'training_talks'],
  selection: ['public_selections', 'selection_candidates', 'election_rounds', 'election_villages', 'election_candidates', 'mentoring_pairs', 'mentoring_mentors', 'mentoring_contacts'],
};


const SQL_TABLE = /\b(?:FROM|JOIN|UPDATE|INTO|DELETE\s+FROM)\s+(?:ONLY\s+)?([a-z_][a-z0-9_]*)\b/g;
const ownerOf = new Map(Object.entries(OWNED).flatMap(([m, tables]) => tables.map((t) => [t, m] as const)));

/** Each SQL naming of another module's table among these files: `file names table (owner)`. */
function crossings(files: readonly string[], read: (f: string) => string = (f) => fs.readFileSync(f, 'utf8')): string[] {
  const found = new Set<string>();
  for (const file of files) {
    const from = moduleOf(file);
    if (from === null || /\.test\.ts$/.test(file)) continue;
    for (const m of read(file).matchAll(SQL_TABLE)) {
      const owner = ownerOf.get(m[1]!);
      if (owner && owner !== from) found.add(`${path.relative(src, file).split(path.sep).join('/')} names ${m[1]} (${owner})`);
    }
  }
  return [...found].sort();
}

describe('module tables', () => {
  it('every table the migrations create is the core\'s or exactly one module\'s', () => {
    const migrations = path.join(src, 'db/migrations');
    const created = fs.readdirSync(migrations).filter((f) => f.endsWith('.sql'))
      .flatMap((f) => [...fs.readFileSync(path.join(migrations, f), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_][a-z0-9_]*)/gi)].map((m) => m[1]!.toLowerCase()));
    expect(created.length).toBeGreaterThan(50);
    const declared = [...CORE_TABLES, ...Object.values(OWNED).flat()];
    expect(declared.filter((t, i) => declared.indexOf(t) !== i), 'declared twice').toEqual([]);
    expect([...new Set(created)].filter((t) => !declared.includes(t)), 'a new table: name its module in OWNED (or CORE_TABLES)').toEqual([]);
    const modules = fs.readdirSync(modulesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(Object.keys(OWNED).filter((m) => !modules.includes(m))).toEqual([]);
  });

  // No allow-list: a module that shows another's rows beside its own in one statement uses the
  // owner's SQL fragment (people's `personSql`, dispatch's `requestSql`, ledger's `problemSql`, …).
  it('a module\'s SQL names only its own tables and the core\'s (readers use the owners\' fragments)', () => {
    expect(crossings(filesUnder(modulesDir))).toEqual([]);
  });

  it('the scan catches SQL naming another module\'s table, and not its own, the core\'s or a test\'s', () => {
    const texts: Record<string, string> = {
      [path.join(modulesDir, 'home/home.repository.ts')]: 'q.query(`SELECT count(*) FROM cases c JOIN citizen_requests r ON r.case_id = c.id JOIN orgs o ON o.id = c.org_id`)',
      [path.join(modulesDir, 'projects/projects.repository.ts')]: 'const x = `SELECT 1 FROM project_reports r JOIN assignments a ON a.id = r.assignment_id`;',
      [path.join(modulesDir, 'ledger/x.service.ts')]: 'await tx.query(`UPDATE problems SET x = 1`); await tx.query(`INSERT INTO tasks (id) VALUES (1)`);',
      [path.join(modulesDir, 'ledger/ledger.test.ts')]: 'await t.db.query(`DELETE FROM persons`)',
    };
    expect(crossings(Object.keys(texts), (f) => texts[f]!)).toEqual([
      'modules/home/home.repository.ts names citizen_requests (citizens)',
      'modules/ledger/x.service.ts names tasks (lists)',
      'modules/projects/projects.repository.ts names assignments (dispatch)',
    ]);
  });
});
