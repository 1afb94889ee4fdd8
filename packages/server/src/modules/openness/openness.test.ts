// 三务公开: a village composes, photographs, publishes and corrects a period's disclosure; bad input
// changes nothing; the levels above see the due board; citizens read it without logging in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisclosureBoard, DisclosureView, PublicDisclosures, PublicUnit } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { todayInChina } from '../../core/calendar.js';
import { createOpennessService, dueIn, parseAmount, quarterOf } from './openness.service.js';
import { createRegisterSources } from '../../core/register-sources.js';
import { createLedgerService } from '../ledger/index.js';
import { PNG, upload } from './test-support.js';

const month = todayInChina().slice(0, 7);
const nextMonth = (() => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y! + 1}-01` : `${y}-${String(m! + 1).padStart(2, '0')}`;
})();

let t: TestApp;
let yushe: Client;
let wuli: Client;
let county: Client;
let village: number;
beforeAll(async () => {
  t = await buildTestApp();
  [yushe, wuli, county] = await Promise.all([t.as('yushe'), t.as('wuli'), t.as('county')]);
  village = await orgId(t.db, '榆舍村');
});
afterAll(() => t.close());

const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

describe('periods and amounts', () => {
  it('a quarterly kind is due only in its quarter’s last month', () => {
    expect(quarterOf('2026-11')).toBe('2026-Q4');
    expect(dueIn('2026-11', { party: 'month', village: 'month', finance: 'quarter' })).toEqual([{ kind: 'party', period: '2026-11' }, { kind: 'village', period: '2026-11' }]);
    expect(dueIn('2026-12', { party: 'month', village: 'month', finance: 'quarter' })).toContainEqual({ kind: 'finance', period: '2026-Q4' });
  });
  it('amounts are yuan with two decimals at most, never negative', () => {
    expect(parseAmount('1,234.5', 'a')).toBe(123450);
    expect(parseAmount('', 'a')).toBeNull();
    expect(() => parseAmount('-3', 'a')).toThrow(/negative/);
    expect(() => parseAmount('十元', 'a')).toThrow();
    expect(() => parseAmount('1.234', 'a')).toThrow();
  });
});

describe('a village publishes its disclosure', () => {
  let id: number;

  it('refuses a future period, a negative or non-numeric amount, an amount outside 财务 — nothing written', async () => {
    const before = await count('disclosures');
    const future = await yushe.post('/api/openness/disclosures', { orgId: village, kind: 'finance', period: nextMonth, items: [{ title: '收支', content: '' }] });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('未来');
    const negative = await yushe.post('/api/openness/disclosures', { orgId: village, kind: 'finance', period: month, items: [{ title: '办公经费', content: '', amount: '-200' }] });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().message).toContain('负数');
    const text = await yushe.post('/api/openness/disclosures', { orgId: village, kind: 'finance', period: month, items: [{ title: '办公经费', content: '', amount: '两百元' }] });
    expect(text.statusCode).toBe(400);
    expect(text.json().details.fields[0].field).toBe('items.0.amount');
    const party = await yushe.post('/api/openness/disclosures', { orgId: village, kind: 'party', period: month, items: [{ title: '党费', content: '', amount: '20' }] });
    expect(party.statusCode).toBe(400);
    expect(await count('disclosures')).toBe(before);
  });

  it('refuses a unit outside the account’s scope with 404', async () => {
    const other = await orgId(t.db, '彭镇村');
    const res = await yushe.post('/api/openness/disclosures', { orgId: other, kind: 'party', period: month, items: [] });
    expect(res.statusCode).toBe(404);
  });

  it('composes a draft, takes only an image as the board photo, and publishes', async () => {
    const res = await yushe.post('/api/openness/disclosures', {
      orgId: village, kind: 'finance', period: month,
      items: [{ title: '村办公经费支出', content: '购置办公用品、水电费', amount: '1,250.50' }, { title: '党建活动经费', content: '主题党日活动', amount: '800' }],
    });
    expect(res.statusCode).toBe(201);
    const d = res.json() as DisclosureView;
    id = d.id;
    expect(d.current).toBeNull();
    expect(d.draft!.items.map((i) => i.amountFen)).toEqual([125050, 80000]);
    // publishing without the photo is refused
    const early = await yushe.post(`/api/openness/disclosures/${id}/publish`, { version: d.draft!.version });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('公开栏照片');
    // a PDF is not a photo
    const pdf = await upload(yushe, `/api/openness/disclosures/${id}/photo`, Buffer.from('%PDF-1.4 not a photo'), 'board.jpg', 'image/jpeg');
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().message).toContain('图片');
    expect(await count('disclosure_files')).toBe(0);
    const photo = await upload(yushe, `/api/openness/disclosures/${id}/photo`, PNG, '公开栏.png', 'image/png');
    expect(photo.statusCode).toBe(201);
    const withPhoto = photo.json() as DisclosureView;
    expect(withPhoto.draft!.photo!.mimeType).toBe('image/png');
    const published = await yushe.post(`/api/openness/disclosures/${id}/publish`, { version: withPhoto.draft!.version });
    expect(published.statusCode).toBe(200);
    expect((published.json() as DisclosureView).current!.revision).toBe(1);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_type = 'disclosure' AND object_id = $1 ORDER BY id`, [String(id)]);
    expect(audit.map((a) => a.action)).toEqual(['disclosure.create', 'disclosure.photo', 'disclosure.publish']);
  });

  it('a second disclosure of the same unit, kind and period is refused', async () => {
    const res = await yushe.post('/api/openness/disclosures', { orgId: village, kind: 'finance', period: month, items: [] });
    expect(res.statusCode).toBe(409);
    expect(res.json().details.disclosureId).toBe(id);
  });

  it('citizens see it without logging in, with the board photo, on the page and the unit page', async () => {
    const page = await t.anonymous.get(`/api/public/units/${village}/disclosures`);
    expect(page.statusCode).toBe(200);
    const p = page.json() as PublicDisclosures;
    expect(p.month).toBe(month);
    const finance = p.disclosures.find((d) => d.kind === 'finance')!;
    expect(finance.items.map((i) => i.title)).toEqual(['村办公经费支出', '党建活动经费']);
    expect(finance.corrected).toBe(false);
    const img = await t.anonymous.get(finance.photoUrl!);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    const unit = (await t.anonymous.get(`/api/public/units/${village}`)).json() as PublicUnit;
    const section = unit.sections.find((s) => s.key === 'disclosures')!;
    expect(section.items[0]!.title).toContain('财务公开');
    expect(section.more!.href).toBe(`/public/units/${village}/disclosures`);
  });

  it('a published disclosure is never edited in place: a correction is a new revision the public sees as corrected', async () => {
    const d = (await yushe.get(`/api/openness/disclosures/${id}`)).json() as DisclosureView;
    const edit = await yushe.request('PUT', `/api/openness/disclosures/${id}/draft`, { version: d.current!.version, items: [{ title: '改了', content: '' }] });
    expect(edit.statusCode).toBe(409);
    const opened = await yushe.post(`/api/openness/disclosures/${id}/corrections`, { reason: '办公经费金额录入有误' });
    expect(opened.statusCode).toBe(201);
    const draft = (opened.json() as DisclosureView).draft!;
    expect(draft.revision).toBe(2);
    // the public still sees revision 1 until the correction is published
    expect(((await t.anonymous.get(`/api/public/units/${village}/disclosures`)).json() as PublicDisclosures).disclosures.find((x) => x.kind === 'finance')!.revision).toBe(1);
    const saved = await yushe.request('PUT', `/api/openness/disclosures/${id}/draft`, { version: draft.version, items: [{ title: '村办公经费支出', content: '购置办公用品、水电费', amount: '1,205.50' }, { title: '党建活动经费', content: '主题党日活动', amount: '800' }] });
    expect(saved.statusCode).toBe(200);
    const stale = await yushe.post(`/api/openness/disclosures/${id}/publish`, { version: draft.version });
    expect(stale.statusCode).toBe(412);
    const done = await yushe.post(`/api/openness/disclosures/${id}/publish`, { version: (saved.json() as DisclosureView).draft!.version });
    expect(done.statusCode).toBe(200);
    const view = done.json() as DisclosureView;
    expect(view.current!.revision).toBe(2);
    expect(view.history.map((h) => h.revision)).toEqual([1]);
    const pub = ((await t.anonymous.get(`/api/public/units/${village}/disclosures`)).json() as PublicDisclosures).disclosures.find((x) => x.kind === 'finance')!;
    expect(pub).toMatchObject({ revision: 2, corrected: true, reason: '办公经费金额录入有误' });
    expect(pub.items[0]!.amountFen).toBe(120550);
    // revision 1's items are kept
    const kept = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM disclosure_items i JOIN disclosure_revisions r ON r.id = i.revision_id WHERE r.disclosure_id = $1 AND r.revision = 1`, [id]);
    expect(kept[0]!.n).toBe(2);
  });

  it('another county’s or township’s account cannot read it', async () => {
    const other = await t.as('jiaotong');
    expect((await other.get(`/api/openness/disclosures/${id}`)).statusCode).toBe(404);
  });

  it('the township’s board shows who published and who has not', async () => {
    const res = await wuli.get(`/api/openness/board?month=${month}`);
    expect(res.statusCode).toBe(200);
    const b = res.json() as DisclosureBoard;
    const villages = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orgs WHERE path LIKE (SELECT path FROM orgs WHERE name = '五里镇') || '%' AND type IN ('village', 'community') AND status = 'active'`);
    expect(b.total.units).toBe(villages[0]!.n);
    expect(b.total.expected).toBe(villages[0]!.n * 3);
    const mine = b.units.find((u) => u.org.id === village)!;
    expect(mine.kinds.find((k) => k.kind === 'finance')!.state).toMatch(/published|late/);
    expect(mine.kinds.find((k) => k.kind === 'party')!.state).toBe('missing');
    expect(b.rows.reduce((n, r) => n + r.units, 0)).toBe(b.total.units);
    // drill down: the station's own board lists only its villages
    const station = await orgId(t.db, '榆舍党建工作站');
    const down = (await wuli.get(`/api/openness/board?orgId=${station}&month=${month}`)).json() as DisclosureBoard;
    expect(down.units.every((u) => b.units.some((x) => x.org.id === u.org.id))).toBe(true);
    expect(down.total.units).toBeLessThan(b.total.units);
    expect((await wuli.get(`/api/openness/board?month=${nextMonth}`)).statusCode).toBe(400);
  });

  it('the home page warns the village near and after the day, and the township after it', async () => {
    const svc = createOpennessService({ db: t.db, ledger: createLedgerService({ db: t.db }), sources: createRegisterSources() });
    const [v] = await t.db.query<{ path: string; county_id: number }>(`SELECT path, county_id FROM orgs WHERE id = $1`, [village]);
    const actor = { accountId: 0, username: 'x', roles: ['village_admin' as const], scope: { orgId: village, path: v!.path, countyId: v!.county_id }, ip: 'test' };
    expect(await svc.todayItems(t.db, actor, `${month}-02`)).toEqual([]);
    const soon = await svc.todayItems(t.db, actor, `${month}-20`);
    expect(soon[0]).toMatchObject({ kind: 'disclosure_due', due: `${month}-25` });
    expect(soon[0]!.title).toContain('党务公开');
    expect(soon[0]!.title).not.toContain('财务公开');
    expect((await svc.todayItems(t.db, actor, `${month}-27`))[0]!.kind).toBe('disclosure_overdue');
    const township = { ...actor, roles: ['township_admin' as const], scope: { ...actor.scope, orgId: await orgId(t.db, '五里镇'), path: (await t.db.query<{ path: string }>(`SELECT path FROM orgs WHERE name = '五里镇'`))[0]!.path } };
    expect(await svc.todayItems(t.db, township, `${month}-20`)).toEqual([]);
    expect((await svc.todayItems(t.db, township, `${month}-27`))[0]!.kind).toBe('disclosures_overdue_below');
  });
});

describe('the county’s settings', () => {
  it('only the county changes the disclosure day, and a bad book is refused', async () => {
    const s = (await county.get('/api/openness/settings')).json();
    expect(s.disclosureDay).toBe(25);
    expect(s.books.length).toBe(11);
    const body = { disclosureDay: 20, unitTypes: s.unitTypes, cadence: { ...s.cadence, finance: 'quarter' }, books: s.books };
    expect((await yushe.request('PUT', '/api/openness/settings', body)).statusCode).toBe(403);
    const bad = await county.request('PUT', '/api/openness/settings', { ...body, books: [...s.books, { code: 'x', name: '党员名册', group: 'book', source: 'manual', columns: [{ key: 'c1', label: '姓名' }] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('重复');
    const wrongColumn = await county.request('PUT', '/api/openness/settings', { ...body, books: [{ code: 'roster', name: '党员名册', group: 'book', source: 'roster', columns: [{ key: 'phone', label: '电话' }] }] });
    expect(wrongColumn.statusCode).toBe(400);
    const ok = await county.request('PUT', '/api/openness/settings', body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().disclosureDay).toBe(20);
    // a monthly 财务 period is now refused
    const monthly = await yushe.post('/api/openness/disclosures', { orgId: village, kind: 'finance', period: '2026-01', items: [] });
    expect(monthly.statusCode).toBe(400);
    expect(monthly.json().message).toContain('季度');
    // restore
    expect((await county.request('PUT', '/api/openness/settings', { ...body, disclosureDay: 25, cadence: s.cadence })).statusCode).toBe(200);
  });
});
