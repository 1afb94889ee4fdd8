// A quick measurement of the 失职预警 overdue list without the synthetic province: the demo county on
// a fresh database (PGlite, or PostgreSQL with DATABASE_URL), `seedFlowMatters` per village, then the
// list through the service (what GET /api/flow-matters/overdue runs) beside its two statements run
// directly in parallel (the bench's raw column): p50 / p99 in ms, one at a time and `concurrency` at
// once. Usage: npx tsx bench/flows-overdue-measure.ts [perVillage] [rounds] [concurrency]
import { openPglite, openPostgres } from '../packages/server/src/db/db.js';
import { migrate } from '../packages/server/src/db/migrate.js';
import { createPiiCipher } from '../packages/server/src/core/pii.js';
import { guardScope } from '../packages/server/src/core/scope.js';
import { todayInChina } from '../packages/server/src/core/calendar.js';
import { loadDemoCounty } from '../packages/server/src/cli/demo-county.js';
import { createFlowsService } from '../packages/server/src/modules/flows/index.js';
import * as flowsRepo from '../packages/server/src/modules/flows/flows.repository.js';
import { seedFlowMatters } from './scenarios.js';

const perVillage = Number(process.argv[2] ?? 20);
const rounds = Number(process.argv[3] ?? 300);
const concurrency = Number(process.argv[4] ?? 8);
const pii = createPiiCipher(Buffer.alloc(32, 7));
const raw = process.env.DATABASE_URL ? await openPostgres(process.env.DATABASE_URL, concurrency) : await openPglite();
await migrate(raw);
const demo = await loadDemoCounty(raw, pii, { demoPassword: 'Bench#Pass2026x' });
const [county] = await raw.query<{ id: number; path: string }>(`SELECT id, path FROM orgs WHERE id = $1`, [demo.countyId]);
const today = todayInChina();
const seeded = await seedFlowMatters(raw, today, perVillage);
await raw.query('ANALYZE');
const db = guardScope(raw);
const flows = createFlowsService({ db, meeting: async () => { throw new Error('no meetings here'); }, meetingTypes: async () => [] });
const actor = { accountId: 1, username: 'bench.county', roles: ['county_admin' as const], scope: { orgId: county!.id, path: county!.path, countyId: county!.id }, ip: '127.0.0.1' };
const list = await flows.overdue(actor, { page: 1, pageSize: 50 });
console.log(`matters ${seeded.matters}, overdue ${seeded.overdue}; list total ${list.total}, ${list.byUnit.length} units, ${list.items.length} items`);

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
  const t0 = performance.now();
  let done = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (done < rounds) {
      done++;
      await fn();
    }
  }));
  const rps = (rounds / ((performance.now() - t0) / 1000)).toFixed(0);
  console.log(`${label.padEnd(34)} p50 ${p(0.5)} ms  p99 ${p(0.99)} ms  (${rounds} one at a time) · ${rps}/s at ${concurrency} at once`);
}
const like = `${county!.path}%`;
await measure('overdue list (service, as the route)', () => flows.overdue(actor, { page: 1, pageSize: 50 }));
await measure('its statements (raw SQL, parallel)', () => Promise.all([flowsRepo.overdue(raw, like, today, 1, 50), flowsRepo.overdueByUnit(raw, like, county!.path, today)]));
await raw.close();
