import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { freshDb, orgId, testPii } from '../test/helpers.js';
import { createChallenges } from './challenge.js';
import { createPublicSections, type PublicUnitRef } from './public-sections.js';
import { createRequestService } from '../modules/citizens/index.js';

let db: Db;
beforeAll(async () => { db = await freshDb(); });
afterAll(async () => { await db.close(); });

describe("a unit's public page shows the sections modules register", () => {
  it('in their registered order, with the unit and today, leaving out sections with nothing to show', async () => {
    const sections = createPublicSections();
    const seen: PublicUnitRef[] = [];
    sections.register(20, async (_q, unit, today) => ({ key: 'second', title: '今日值班', items: [{ title: '张三 · 党支部书记', detail: null, at: today, href: null }], more: null }));
    sections.register(10, async (_q, unit) => {
      seen.push(unit);
      return { key: 'first', title: '小微权力清单', items: [{ title: `${unit.name}的职责`, detail: '13项', at: null, href: `/public/units/${unit.id}/duties` }], more: { label: '全部职责', href: `/public/units/${unit.id}/duties` } };
    });
    sections.register(30, async () => ({ key: 'empty', title: '三务公开', items: [], more: null }));
    sections.register(40, async () => null);

    const requests = createRequestService({ db, pii: testPii, challenges: createChallenges(Buffer.alloc(32, 1)), publicSections: sections });
    const stationId = await orgId(db, '榆舍党建工作站');
    const page = await requests.publicUnit(stationId);

    expect(page.sections.map((s) => s.key)).toEqual(['first', 'second']);
    expect(page.sections[0]!.items[0]!.title).toBe('榆舍党建工作站的职责');
    expect(page.sections[1]!.items[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(seen[0]).toMatchObject({ id: stationId, name: '榆舍党建工作站', type: 'station' });
    expect(seen[0]!.path).toMatch(/^\/\d+\/.+\/$/);
    expect(seen[0]!.countyId).toBeGreaterThan(0);
  });

  it('answers no sections when no module registered one', async () => {
    const requests = createRequestService({ db, pii: testPii, challenges: createChallenges(Buffer.alloc(32, 1)) });
    expect((await requests.publicUnit(await orgId(db, '榆舍党建工作站'))).sections).toEqual([]);
  });
});
