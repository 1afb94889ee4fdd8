// Every level keeps its own problem list (seed 003): a village registers in its own ledger and the
// station still checks and closes; problem sources are county data edited in 台账设置.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerSettings, ProblemDetail, ProblemSummary } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { addDays } from '../../core/cases/case-engine.js';
import { todayInChina } from '../../core/calendar.js';

let t: TestApp;
let yushe: Client;
let station: Client;
let county: Client;
let village: number;
const today = todayInChina();

beforeAll(async () => {
  t = await buildTestApp();
  yushe = await t.as('yushe');
  station = await t.as('yushe.station');
  county = await t.as('county');
  village = await orgId(t.db, '榆舍村');
});
afterAll(() => t.close());

const problem = (extra: Record<string, unknown> = {}) => ({ orgId: village, source: 'heart_talk', category: '党员教育管理', description: '谈心谈话中党员反映学习资料发放不及时', deadline: addDays(today, 20), ...extra });
const fire = (client: Client, p: { id: number; version: number }, transition: string, body: Record<string, unknown> = {}) =>
  client.post(`/api/ledger/problems/${p.id}/transitions/${transition}`, { version: p.version, ...body });

describe('a village keeps its own problem list', () => {
  it('registers a problem of its own; the station checks and closes it', async () => {
    const res = await yushe.post('/api/ledger/problems', problem());
    expect(res.statusCode, res.body).toBe(201);
    let p = res.json() as ProblemDetail;
    expect(p).toMatchObject({ status: 'registered', source: 'heart_talk', sourceLabel: '谈心谈话', org: { name: '榆舍村' }, responsibleOrg: { name: '榆舍村' }, actions: ['start'] });
    const [audit] = await t.db.query<{ username: string }>(`SELECT username FROM audit_log WHERE action = 'problem.open' AND object_id = $1`, [String(p.id)]);
    expect(audit).toEqual({ username: 'yushe' });

    p = (await fire(yushe, p, 'start', { measures: '每月按时发放学习资料' })).json();
    p = (await fire(yushe, p, 'submit', { comment: '已发放' })).json();
    expect(p.status).toBe('submitted');
    // the village does not check its own work
    expect(p.actions).toEqual([]);
    expect((await fire(yushe, p, 'accept')).statusCode).toBe(403);
    // the station sees it in its list and checks and closes it
    const listed = (await station.get('/api/ledger/problems?source=heart_talk')).json() as { items: ProblemSummary[] };
    expect(listed.items.map((i) => i.id)).toContain(p.id);
    p = (await station.get(`/api/ledger/problems/${p.id}`)).json();
    expect(p.actions).toEqual(expect.arrayContaining(['accept', 'return']));
    p = (await fire(station, p, 'accept')).json();
    const closed = await fire(station, p, 'close', { comment: '同意销号' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
  });

  it('registers only within its own scope and cannot name itself the checker', async () => {
    const other = await yushe.post('/api/ledger/problems', problem({ orgId: await orgId(t.db, '尧头村') }));
    expect(other.statusCode).toBe(400);
    expect(other.json().details.fields.map((f: { field: string }) => f.field)).toContain('orgId');
    const [self] = await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'yushe'`);
    const before = await t.db.query(`SELECT 1 FROM problems`);
    const selfCheck = await yushe.post('/api/ledger/problems', problem({ checkerAccountId: self!.id }));
    expect(selfCheck.statusCode).toBe(400);
    expect(selfCheck.json().details.fields).toEqual([expect.objectContaining({ field: 'checkerAccountId', message: '验收人不能是责任单位自己的账号' })]);
    expect(await t.db.query(`SELECT 1 FROM problems`)).toHaveLength(before.length);
  });
});

describe('problem sources are county data', () => {
  it('starts from the defaults, with 谈心谈话 and 走访', async () => {
    const s = (await yushe.get('/api/ledger/settings')).json() as LedgerSettings;
    expect(s.sources.filter((x) => x.active).map((x) => x.label)).toEqual(expect.arrayContaining(['上级督查反馈', '群众反映', '谈心谈话', '走访', '巡察', '其他']));
    // every problem already registered keeps its source, which the county's list names
    const codes = await t.db.query<{ source: string }>(`SELECT DISTINCT source FROM problems`);
    for (const { source } of codes) expect(s.sources.map((x) => x.code)).toContain(source);
  });

  it('lets the county add, rename and retire sources, audited; retired ones keep their label on old problems', async () => {
    const toured = await yushe.post('/api/ledger/problems', problem({ source: 'inspection_tour', description: '巡察指出村务公开不及时' }));
    expect(toured.statusCode, toured.body).toBe(201);
    const before = (await county.get('/api/ledger/settings')).json() as LedgerSettings;
    const kept = before.sources.filter((x) => x.active && x.code !== 'inspection_tour').map((x) => ({ code: x.code, label: x.code === 'visit' ? '入户走访' : x.label }));
    const put = (sources: unknown) => county.request('PUT', '/api/ledger/settings', { categories: before.categories, supervisionDays: before.supervisionDays, closureSigner: before.closureSigner, sources });

    // bad input changes nothing
    const dup = await put([...kept, { label: '谈心谈话' }]);
    expect(dup.statusCode).toBe(400);
    expect(dup.json().details.fields[0].field).toBe(`sources.${kept.length}.label`);
    expect((await put([{ code: 'no_such', label: 'x' }])).statusCode).toBe(400);
    expect((await county.get('/api/ledger/settings')).json()).toEqual(before);

    const saved = await put([...kept, { label: '主题党日' }]);
    expect(saved.statusCode, saved.body).toBe(200);
    const s = saved.json() as LedgerSettings;
    expect(s.sources.find((x) => x.label === '主题党日')).toEqual({ code: 'custom_1', label: '主题党日', active: true });
    expect(s.sources.find((x) => x.code === 'visit')).toEqual({ code: 'visit', label: '入户走访', active: true });
    expect(s.sources.find((x) => x.code === 'inspection_tour')).toEqual({ code: 'inspection_tour', label: '巡察', active: false });
    const [audit] = await t.db.query<{ username: string; summary: { sources?: unknown } }>(`SELECT username, summary FROM audit_log WHERE action = 'ledger.settings' ORDER BY id DESC LIMIT 1`);
    expect(audit!.username).toBe('county');
    expect(audit!.summary.sources).toBeDefined();

    // the new source can be chosen, the retired one not; the old problem keeps its label
    const fresh = await yushe.post('/api/ledger/problems', problem({ source: 'custom_1', description: '主题党日活动记录不全' }));
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect(fresh.json().sourceLabel).toBe('主题党日');
    const retired = await yushe.post('/api/ledger/problems', problem({ source: 'inspection_tour' }));
    expect(retired.statusCode).toBe(400);
    expect(retired.json().details.fields[0].field).toBe('source');
    expect((await yushe.get(`/api/ledger/problems/${toured.json().id}`)).json().sourceLabel).toBe('巡察');
    const listed = (await yushe.get('/api/ledger/problems?source=custom_1')).json() as { items: ProblemSummary[] };
    expect(listed.items.map((i) => [i.id, i.sourceLabel])).toEqual([[fresh.json().id, '主题党日']]);

    // a source of the same name, retired or not, keeps its code
    const back = (await put([...kept, { label: '主题党日' }, { label: '巡察' }])).json() as LedgerSettings;
    expect(back.sources.find((x) => x.label === '巡察')).toEqual({ code: 'inspection_tour', label: '巡察', active: true });
    expect(back.sources.filter((x) => x.label === '主题党日')).toEqual([{ code: 'custom_1', label: '主题党日', active: true }]);
    expect((await put([...kept, { label: '新来源' }])).json().sources.find((x: { label: string }) => x.label === '新来源').code).toBe('custom_2');
    // what GET answers can be sent back as it is (retired ones stay retired)
    const roundTrip = (await county.get('/api/ledger/settings')).json() as LedgerSettings;
    const again = await county.request('PUT', '/api/ledger/settings', roundTrip);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().sources).toEqual(roundTrip.sources);
  });

  it('the database refuses a malformed source code', async () => {
    await expect(t.db.query(`UPDATE problems SET source = 'Bad Code!' WHERE case_id = (SELECT min(case_id) FROM problems)`)).rejects.toThrow(/problems_source_code/);
  });
});

describe('who checks and signs, by name', () => {
  it('a village problem names its station as checker and signer', async () => {
    const p = (await yushe.post('/api/ledger/problems', problem())).json() as ProblemDetail;
    expect(p.checker).toBeNull();
    expect(p.checkingOrg).toMatchObject({ name: '榆舍党建工作站' });
    expect(p.signingOrg).toMatchObject({ name: '榆舍党建工作站' });
  });

  it("a township's own problem is checked and signed by the county (the township never checks its own work)", async () => {
    const wuli = await t.as('wuli');
    const township = await orgId(t.db, '五里镇');
    const res = await wuli.post('/api/ledger/problems', problem({ orgId: township }));
    expect(res.statusCode, res.body).toBe(201);
    let p = res.json() as ProblemDetail;
    expect(p.checkingOrg).toMatchObject({ name: '中共宜君县委员会' });
    expect(p.signingOrg).toMatchObject({ name: '中共宜君县委员会' });
    p = (await fire(wuli, p, 'start', { measures: '完善镇党委理论学习制度' })).json();
    p = (await fire(wuli, p, 'submit', { comment: '已完善' })).json();
    expect(p.actions).toEqual([]);
    expect((await fire(wuli, p, 'accept')).statusCode).toBe(403);
    p = (await county.get(`/api/ledger/problems/${p.id}`)).json();
    expect(p.actions).toEqual(expect.arrayContaining(['accept', 'return']));
    p = (await fire(county, p, 'accept')).json();
    const closed = await fire(county, p, 'close', { comment: '同意销号' });
    expect(closed.statusCode, closed.body).toBe(200);
  });

  it("a station's own problem is checked and signed by its township", async () => {
    const wuli = await t.as('wuli');
    const res = await station.post('/api/ledger/problems', problem({ orgId: await orgId(t.db, '榆舍党建工作站') }));
    expect(res.statusCode, res.body).toBe(201);
    let p = res.json() as ProblemDetail;
    expect(p.checkingOrg).toMatchObject({ name: '五里镇' });
    expect(p.signingOrg).toMatchObject({ name: '五里镇' });
    p = (await fire(station, p, 'start', { measures: '补齐工作站值班制度' })).json();
    p = (await fire(station, p, 'submit', { comment: '已补齐' })).json();
    expect(p.actions).toEqual([]);
    p = (await wuli.get(`/api/ledger/problems/${p.id}`)).json();
    p = (await fire(wuli, p, 'accept')).json();
    expect(p.status).toBe('accepted');
    const closed = await fire(wuli, p, 'close', { comment: '同意销号' });
    expect(closed.statusCode, closed.body).toBe(200);
  });
});
