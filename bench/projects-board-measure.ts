// A quick measurement of the county project board without the synthetic province: the demo county
// on a fresh database (PGlite, or PostgreSQL with DATABASE_URL), `seedProjects` per village, then
// the board through the service (what the route runs) and its statements run directly, one at a
// time: p50 / p99 in ms. Usage: npx tsx bench/projects-board-measure.ts [perVillage] [rounds]
import { openPglite, openPostgres } from '../packages/server/src/db/db.js';
import { migrate } from '../packages/server/src/db/migrate.js';
import { createPiiCipher } from '../packages/server/src/core/pii.js';
import { guardScope } from '../packages/server/src/core/scope.js';
import { todayInChina } from '../packages/server/src/core/calendar.js';
import { loadDemoCounty } from '../packages/server/src/cli/demo-county.js';
import { createPeopleService } from '../packages/server/src/modules/people/index.js';
import { createDispatchService } from '../packages/server/src/modules/dispatch/index.js';
import { createInspectionService } from '../packages/server/src/modules/inspections/index.js';
import { createLedgerService } from '../packages/server/src/modules/ledger/index.js';
import { createProjectService } from '../packages/server/src/modules/projects/index.js';
import { projectBoardSql, seedProjects } from './scenarios.js';

const perVillage = Number(process.argv[2] ?? 10);
const rounds = Number(process.argv[3] ?? 300);
const pii = createPiiCipher(Buffer.alloc(32, 7));
const raw = process.env.DATABASE_URL ? await openPostgres(process.env.DATABASE_URL, 4) : await openPglite();
await migrate(raw);
const demo = await loadDemoCounty(raw, pii, { demoPassword: 'Bench#Pass2026x' });
const [county] = await raw.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE id = $1`, [demo.countyId]);
const today = todayInChina();
const made = await seedProjects(raw, county!, today, perVillage);
await raw.query('ANALYZE');
const db = guardScope(raw);
const ledger = createLedgerService({ db });
const projects = createProjectService({ db, people: createPeopleService({ db, pii }), dispatch: createDispatchService({ db }), inspections: createInspectionService({ db, ledger }) });
const actor = { accountId: 1, username: 'bench.county', roles: ['county_admin' as const], scope: { orgId: county!.id, path: county!.path, countyId: county!.id }, ip: '127.0.0.1' };
const counts = await raw.query<{ m: number; r: number }>(`SELECT (SELECT count(*)::int FROM project_milestones) AS m, (SELECT count(*)::int FROM project_reports) AS r`);
const board = await projects.board(actor, {});
console.log(`projects ${made}, milestones ${counts[0]!.m}, reports ${counts[0]!.r}; board: ${board.totals.lateReports} late, ${board.totals.overdueMilestones} overdue, ${board.rows.length} rows`);

async function measure(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(1);
  console.log(`${label.padEnd(34)} p50 ${p(0.5)} ms  p99 ${p(0.99)} ms  (${rounds} calls, one at a time)`);
}
await measure('board (service, as the route)', () => projects.board(actor, {}));
const root = { path: county!.path, countyId: Number(county!.id) };
await measure('board statements (raw SQL)', () => projectBoardSql(raw, actor.scope, Number(today.slice(0, 4)), today));
const repo = await import('../packages/server/src/modules/projects/projects.repository.js');
const y = Number(today.slice(0, 4));
await measure('  the board statement (boardOf)', () => repo.boardOf(raw, root, y, today));
await raw.close();
