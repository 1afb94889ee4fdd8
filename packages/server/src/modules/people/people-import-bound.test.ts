// A server runs a bounded number of roster imports at once: one more is told to retry (429), and
// the places free again when the imports end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, testPii } from '../../test/helpers.js';
import type { Db } from '../../db/db.js';
import type { Actor } from '../../core/access.js';
import { createPeopleImport, MAX_CONCURRENT_PERSON_IMPORTS, type SheetRow } from './people.import.js';

let db: Db;
let actor: Actor;
beforeAll(async () => {
  db = await freshDb();
  const [a] = await db.query<{ id: number; org: number; path: string }>(
    `SELECT a.id, o.id AS org, o.path FROM accounts a JOIN orgs o ON o.id = a.scope_org_id WHERE a.username = 'county'`,
  );
  actor = { accountId: a!.id, username: 'county', roles: ['county_admin'], scope: { orgId: a!.org, path: a!.path, countyId: a!.org }, ip: '127.0.0.1', mustChangePassword: false, mustEnrollTotp: false };
});
afterAll(() => db.close());

const rows: SheetRow[] = Array.from({ length: 50 }, (_, i) => ({ row: i + 2, cells: { name: `导入${i}`, gender: '男', org: '榆舍村' } }));

describe('roster imports at once', () => {
  it(`runs at most ${MAX_CONCURRENT_PERSON_IMPORTS}; one more started at the same moment is refused with 429 in Chinese`, async () => {
    const importer = createPeopleImport({ db, pii: testPii, today: () => '2026-12-03' });
    const starts = await Promise.allSettled(Array.from({ length: MAX_CONCURRENT_PERSON_IMPORTS + 1 }, () => importer.start(actor, rows, 'all_or_nothing', 'zh')));
    expect(starts.filter((s) => s.status === 'fulfilled')).toHaveLength(MAX_CONCURRENT_PERSON_IMPORTS);
    const refused = starts.find((s) => s.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(refused.reason.messages.zh).toContain('导入');
    await importer.idle();
    // the places are free again
    const next = await importer.start(actor, rows, 'all_or_nothing', 'zh');
    expect(next).toBeGreaterThan(0);
    await importer.idle();
  });
});
