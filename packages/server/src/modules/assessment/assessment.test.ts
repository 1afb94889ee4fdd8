import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results, SchemeDetail, SheetDetail, Subsidies, TodayList } from '@lianxin/contract';
import { accountAt, buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { todayInChina } from '../../core/calendar.js';
import { addDays } from '../../core/cases/case-engine.js';
import { inputOf } from './scheme.logic.js';
import { upload } from '../../core/authorization.fixtures.js';

let t: TestApp;
let county: Client;
let wuli: Client;
let yushe: Client;
let peng: Client;
const today = todayInChina();
const year = Number(today.slice(0, 4));
const period = today.slice(0, 7);

beforeAll(async () => {
  t = await buildTestApp();
  [county, wuli, yushe] = await Promise.all([t.as('county'), t.as('wuli'), t.as('yushe')]);
  peng = await accountAt(t, 'assess.peng', 'township_admin', '彭镇');
});
afterAll(() => t.close());


async function publishedScheme(): Promise<SchemeDetail> {
  const draft = (await county.post('/api/assessment/schemes', { year, unitType: 'village', name: `${year}年村级党建绩效指数` })).json() as SchemeDetail;
  const res = await county.post(`/api/assessment/schemes/${draft.id}/publish`, { version: draft.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SchemeDetail;
}

/** The sheet's item on the account's 工作台, if it has one. */
async function todayOf(c: Client, sheetId: number) {
  const today = await c.get('/api/home/today');
  expect(today.statusCode, today.body).toBe(200);
  return (today.json() as TodayList).items.find((i) => i.kind.startsWith('sheet_') && i.id === sheetId);
}

/** Every manual indicator of the sheet scored at its maximum less `minus`, with evidence. */
const allManual = (s: SheetDetail, minus = 0) =>
  s.entries.filter((e) => e.source === 'manual').map((e) => ({ key: e.key, points: Math.max(0, e.max - minus), evidence: '会议记录、照片已核' }));

describe('indicator schemes (指标体系)', () => {
  it('a draft starts from the 龙江 template: 4 categories, 8 items, 31 sample indicators adding up to 100', async () => {
    const res = await county.post('/api/assessment/schemes', { year, unitType: 'village', name: '龙江样例' });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json() as SchemeDetail;
    expect(s).toMatchObject({ status: 'draft', edition: null, totalPoints: 100, indicatorCount: 31 });
    expect(s.tree.categories.map((c) => c.name)).toEqual(['党的建设', '经济发展', '基层治理', '安定稳定']);
    expect(s.tree.categories.flatMap((c) => c.items)).toHaveLength(8);
    const indicators = s.tree.categories.flatMap((c) => c.items.flatMap((i) => i.indicators));
    expect(indicators.every((k) => k.sample)).toBe(true);
    expect(indicators.filter((k) => k.source !== 'manual').map((k) => k.source).sort()).toEqual(
      ['citizen_resolve_rate', 'citizen_response_rate', 'citizen_satisfaction_rate', 'dispatch_reported_on_time', 'ledger_closed_on_time'],
    );
  });

  it('refuses index values that do not add up, in Chinese, and changes nothing', async () => {
    const draft = (await county.post('/api/assessment/schemes', { year, unitType: 'community', name: '社区' })).json() as SchemeDetail;
    const tree = inputOf(draft.tree);
    tree.categories[0]!.items[0]!.indicators[0]!.points += 1;
    const res = await county.request('PUT', `/api/assessment/schemes/${draft.id}`, { version: draft.version, name: '社区', totalPoints: 100, tree });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('与项目分值 20 分不符');
    const bad = await county.post('/api/assessment/schemes', { year, unitType: 'village', name: '错', totalPoints: 90 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/合计 100 分，与总分 90 分不符/);
    expect(((await county.get(`/api/assessment/schemes/${draft.id}`)).json() as SchemeDetail).version).toBe(draft.version);
  });

  it('cannot save an indicator scored on app usage: the sources are a closed list, and usage names are refused', async () => {
    const draft = (await county.post('/api/assessment/schemes', { year, unitType: 'agency', name: '机关' })).json() as SchemeDetail;
    const tree = inputOf(draft.tree);
    const k = tree.categories[0]!.items[0]!.indicators[0]!;
    const bySource = await county.request('PUT', `/api/assessment/schemes/${draft.id}`, { version: draft.version, name: '机关', totalPoints: 100, tree: { categories: [{ ...tree.categories[0], items: [{ ...tree.categories[0]!.items[0], indicators: [{ ...k, source: 'login_count' }] }] }, ...tree.categories.slice(1)] } });
    expect(bySource.statusCode).toBe(400);
    k.name = '学习强国阅读时长';
    const byName = await county.request('PUT', `/api/assessment/schemes/${draft.id}`, { version: draft.version, name: '机关', totalPoints: 100, tree });
    expect(byName.statusCode).toBe(400);
    expect(byName.json().message).toContain('考核只评工作实绩');
  });

  it('publishes an edition that is never edited in place, and copies it to next year in one action', async () => {
    const s = await publishedScheme();
    expect(s).toMatchObject({ status: 'published' });
    expect(s.edition).toBeGreaterThanOrEqual(1);
    const edit = await county.request('PUT', `/api/assessment/schemes/${s.id}`, { version: s.version, name: '改', totalPoints: 100, tree: inputOf(s.tree) });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toContain('已发布的指标体系不能修改');
    await expect(t.db.query(`UPDATE assessment_schemes SET name = 'x' WHERE id = $1`, [s.id])).rejects.toThrow(/never edited/);
    const copy = await county.post(`/api/assessment/schemes/${s.id}/copy`, { year: year + 1 });
    expect(copy.statusCode, copy.body).toBe(201);
    expect(copy.json()).toMatchObject({ year: year + 1, status: 'draft', basedOnId: s.id, name: `${year + 1}年村级党建绩效指数`, indicatorCount: 31 });
  });

  it('is the county\'s: a township reads it but may not write it; another county does not see it', async () => {
    const s = await publishedScheme();
    expect((await wuli.get(`/api/assessment/schemes/${s.id}`)).statusCode).toBe(200);
    expect((await wuli.post('/api/assessment/schemes', { year, unitType: 'village', name: 'x' })).statusCode).toBe(403);
    const other = await t.db.query<{ id: number }>(
      `INSERT INTO orgs (county_id, parent_id, type, name, path, depth) VALUES (NULL, NULL, 'county', '中共考核邻县委员会', '/tmp-assess/', 0) RETURNING id`,
    );
    const oc = other[0]!.id;
    await t.db.query(`UPDATE orgs SET path = $1, county_id = id WHERE id = $2`, [`/${oc}/`, oc]);
    const nb = await accountAt(t, 'assess.nb', 'county_admin', '中共考核邻县委员会');
    expect((await nb.get(`/api/assessment/schemes/${s.id}`)).statusCode).toBe(404);
    expect((await nb.post(`/api/assessment/schemes/${s.id}/copy`, { year: year + 1 })).statusCode).toBe(404);
    expect((await nb.get('/api/assessment/schemes')).json()).toMatchObject({ items: [], total: 0 });
  });
});

describe('a scheme in Excel', () => {
  it('exports a scheme and imports it back as an equal draft; a row with a usage source or a wrong sum is refused by row', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const s = await publishedScheme();
    const file = await county.get(`/api/assessment/schemes/${s.id}/export`);
    expect(file.statusCode).toBe(200);
    const upload = (content: Buffer) => {
      const boundary = '----assess';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      return county.request('POST', `/api/assessment/schemes/import?year=${year + 1}&unitType=village&name=${encodeURIComponent('导入的指标体系')}`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    };
    const back = await upload(file.rawPayload);
    expect(back.statusCode, back.body).toBe(201);
    const imported = back.json() as SchemeDetail;
    expect(imported).toMatchObject({ status: 'draft', year: year + 1, totalPoints: 100, indicatorCount: 31 });
    // the same tree; the 样例 mark is the template's, not the county's file's
    const unmarked = (t: SchemeDetail['tree']) => inputOf(t).categories.map((c) => ({ ...c, items: c.items.map((i) => ({ ...i, indicators: i.indicators.map(({ sample: _s, ...k }) => k) })) }));
    expect(unmarked(imported.tree)).toEqual(unmarked(s.tree));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as never);
    const ws = wb.worksheets[0]!;
    ws.getRow(2).getCell(10).value = '登录次数';
    const bad = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('第 2 行「分值来源」');
    ws.getRow(2).getCell(10).value = '人工评分（附佐证）';
    ws.getRow(2).getCell(6).value = 9;
    const sum = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(sum.statusCode).toBe(400);
    expect(sum.json().message).toContain('不符');
  });
});

describe('score sheets (评分表)', () => {
  it('a township scores a village: computed indicators from the records, manual ones with evidence; the county returns, it is resubmitted and published, then locked', async () => {
    const s = await publishedScheme();
    const village = await orgId(t.db, '榆舍村');
    const problem = await wuli.post('/api/ledger/problems', { orgId: village, source: 'other', category: '作风建设', description: '考核测试问题', deadline: today });
    expect(problem.statusCode, problem.body).toBe(201);

    const opened = await wuli.post('/api/assessment/sheets', { schemeId: s.id, orgId: village, period });
    expect(opened.statusCode, opened.body).toBe(201);
    let sheet = opened.json() as SheetDetail;
    expect(sheet).toMatchObject({ status: 'draft', org: { name: '榆舍村' }, scorer: { name: '五里镇' }, revision: 1 });
    const closedOnTime = sheet.entries.find((e) => e.source === 'ledger_closed_on_time')!;
    expect(closedOnTime.basis!.records).toMatchObject({ kind: 'problem' });
    expect(closedOnTime.basis!.records.ids).toContain(problem.json().id);
    expect(closedOnTime.basis!.numerator).toBeLessThan(closedOnTime.basis!.denominator);
    expect(closedOnTime.points).toBeLessThan(closedOnTime.max);
    expect((await wuli.post('/api/assessment/sheets', { schemeId: s.id, orgId: village, period })).statusCode).toBe(409);

    // bad input: out of range, a computed one by hand, no evidence — 400 in Chinese, nothing saved
    const manual = sheet.entries.find((e) => e.source === 'manual' && e.evidenceRequired)!;
    const save = (scores: unknown[], extra: Record<string, unknown> = {}) => wuli.request('PUT', `/api/assessment/sheets/${sheet.id}/scores`, { version: sheet.version, scores, ...extra });
    const tooHigh = await save([{ key: manual.key, points: manual.max + 1, evidence: '记录' }]);
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().message).toContain(`得分须在 0 到 ${manual.max} 分之间`);
    expect((await save([{ key: closedOnTime.key, points: 1 }])).statusCode).toBe(400);
    const noEvidence = await save([{ key: manual.key, points: 1 }]);
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().message).toContain('须附评分佐证');
    expect(((await wuli.get(`/api/assessment/sheets/${sheet.id}`)).json() as SheetDetail).entries.find((e) => e.key === manual.key)!.points).toBeNull();

    // submitting before every manual indicator is scored is refused
    expect((await wuli.post(`/api/assessment/sheets/${sheet.id}/transitions/submit`, { version: sheet.version })).statusCode).toBe(400);
    const saved = await save(allManual(sheet, 0.5));
    expect(saved.statusCode, saved.body).toBe(200);
    // a second scorer still holding the version before that save cannot overwrite it unseen
    const stale = await save(allManual(sheet, 1));
    expect(stale.statusCode).toBe(412);
    sheet = saved.json() as SheetDetail;
    expect(sheet.version).toBeGreaterThan(1);
    expect(sheet.total).toBeGreaterThan(0);
    expect(sheet.transitions.map((x) => x.name)).toEqual(['submit']);

    // the village itself and a sibling township cannot touch it
    expect((await yushe.request('PUT', `/api/assessment/sheets/${sheet.id}/scores`, { version: sheet.version, scores: [] })).statusCode).toBe(403);
    expect((await peng.get(`/api/assessment/sheets/${sheet.id}`)).statusCode).toBe(404);

    sheet = (await wuli.post(`/api/assessment/sheets/${sheet.id}/transitions/submit`, { version: sheet.version })).json() as SheetDetail;
    expect(sheet.status).toBe('submitted');
    // the county's 工作台 has it to review; the other township's does not
    expect(await todayOf(county, sheet.id)).toMatchObject({ kind: 'sheet_to_review', href: `/assessment/sheets/${sheet.id}`, reason: null });
    expect(await todayOf(peng, sheet.id)).toBeUndefined();
    expect(await todayOf(wuli, sheet.id)).toBeUndefined();
    const countyView = (await county.get(`/api/assessment/sheets/${sheet.id}`)).json() as SheetDetail;
    expect(countyView.transitions.map((x) => x.name)).toEqual(['return', 'pass']);
    expect((await county.post(`/api/assessment/sheets/${sheet.id}/transitions/return`, { version: sheet.version })).statusCode).toBe(400);
    const returned = await county.post(`/api/assessment/sheets/${sheet.id}/transitions/return`, { version: sheet.version, body: '党费收缴佐证不全' });
    expect(returned.statusCode, returned.body).toBe(200);
    sheet = returned.json() as SheetDetail;
    expect(sheet.status).toBe('draft');
    expect(sheet.timeline.some((e) => e.label === '退回' && e.body === '党费收缴佐证不全')).toBe(true);
    // the scoring township's 工作台 says it came back and why; the county's no longer lists it
    expect(await todayOf(wuli, sheet.id)).toMatchObject({ kind: 'sheet_returned', reason: '党费收缴佐证不全', urgent: true });
    expect(await todayOf(county, sheet.id)).toBeUndefined();
    expect(await todayOf(yushe, sheet.id)).toBeUndefined();

    sheet = (await save(allManual(sheet))).json() as SheetDetail;
    sheet = (await wuli.post(`/api/assessment/sheets/${sheet.id}/transitions/submit`, { version: sheet.version })).json() as SheetDetail;
    sheet = (await county.post(`/api/assessment/sheets/${sheet.id}/transitions/pass`, { version: sheet.version })).json() as SheetDetail;
    const published = await county.post(`/api/assessment/sheets/${sheet.id}/transitions/publish`, { version: sheet.version });
    expect(published.statusCode, published.body).toBe(200);
    sheet = published.json() as SheetDetail;
    expect(sheet.status).toBe('published');
    expect(await todayOf(county, sheet.id)).toBeUndefined();
    expect(await todayOf(wuli, sheet.id)).toBeUndefined();

    // published: open to the village's appeal for the county's 7 days; no edit, and no correction yet
    expect(sheet.appealUntil).toBe(addDays(today, 7));
    const locked = await wuli.request('PUT', `/api/assessment/sheets/${sheet.id}/scores`, { version: sheet.version, scores: [] });
    expect(locked.statusCode).toBe(409);
    const early = await wuli.post(`/api/assessment/sheets/${sheet.id}/correct`);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('申诉期内');
    // the window passes unappealed: the timer locks it (and only it); a correction is a new revision, the locked one kept
    await t.db.query(`UPDATE score_sheets SET appeal_until = $2::date WHERE case_id = $1`, [sheet.id, addDays(today, -1)]);
    expect(await t.app.assessment.lockPastAppeal()).toBeGreaterThanOrEqual(1);
    sheet = (await wuli.get(`/api/assessment/sheets/${sheet.id}`)).json() as SheetDetail;
    expect(sheet).toMatchObject({ status: 'locked', canAppeal: false });
    expect(sheet.timeline.at(-1)).toMatchObject({ actor: 'system', label: '申诉期满锁定' });
    expect((await yushe.post(`/api/assessment/sheets/${sheet.id}/appeal`, { version: sheet.version, reason: '期满后申诉', evidence: '材料' })).statusCode).toBe(409);
    const corrected = await wuli.post(`/api/assessment/sheets/${sheet.id}/correct`);
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json()).toMatchObject({ revision: 2, status: 'draft', supersedesId: sheet.id });
    expect((await wuli.get(`/api/assessment/sheets/${sheet.id}`)).json()).toMatchObject({ status: 'locked', revision: 1 });
    expect((await wuli.post(`/api/assessment/sheets/${sheet.id}/correct`)).statusCode).toBe(409);
  });

  it('the appeal window: the village appeals with reason and evidence; the county upholds it and a corrected revision opens for the township, or rejects it; either way the sheet is locked', async () => {
    // the county sets a 3-day window (a stale version is refused; the township cannot)
    const settings = (await county.get('/api/assessment/settings')).json();
    expect((await wuli.request('PUT', '/api/assessment/settings', { appealDays: 3, version: settings.version })).statusCode).toBe(403);
    expect((await county.request('PUT', '/api/assessment/settings', { appealDays: 0, version: settings.version })).statusCode).toBe(400);
    const set = await county.request('PUT', '/api/assessment/settings', { appealDays: 3, version: settings.version });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ appealDays: 3, own: true });
    expect((await county.request('PUT', '/api/assessment/settings', { appealDays: 5, version: settings.version })).statusCode).toBe(412);

    const s = await publishedScheme();
    const publish = async (name: string): Promise<SheetDetail> => {
      const village = (await t.db.query<{ id: number }>(`SELECT o.id FROM orgs o WHERE o.name = $1 AND o.type = 'village'`, [name]))[0]!.id;
      let sheet = (await wuli.post('/api/assessment/sheets', { schemeId: s.id, orgId: village, period })).json() as SheetDetail;
      sheet = (await wuli.request('PUT', `/api/assessment/sheets/${sheet.id}/scores`, { version: sheet.version, scores: allManual(sheet, 1) })).json() as SheetDetail;
      for (const [who, step] of [[wuli, 'submit'], [county, 'pass'], [county, 'publish']] as const) {
        const res = await who.post(`/api/assessment/sheets/${sheet.id}/transitions/${step}`, { version: sheet.version });
        expect(res.statusCode, res.body).toBe(200);
        sheet = res.json() as SheetDetail;
      }
      return sheet;
    };
    let sheet = await publish('榆舍村');
    expect(sheet.appealUntil).toBe(addDays(today, 3));
    const mine = (await yushe.get(`/api/assessment/sheets/${sheet.id}`)).json() as SheetDetail;
    expect(mine.canAppeal).toBe(true);
    expect((await wuli.get(`/api/assessment/sheets/${sheet.id}`)).json().canAppeal).toBe(false);
    // bad input: no evidence (400), the scorer cannot appeal (403), another township's account does not see it (404); nothing changed
    const noEvidence = await yushe.post(`/api/assessment/sheets/${sheet.id}/appeal`, { version: sheet.version, reason: '计算有误', evidence: '   ' });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().message).toMatch(/evidence 不能为空/);
    expect((await wuli.post(`/api/assessment/sheets/${sheet.id}/appeal`, { version: sheet.version, reason: '计算有误', evidence: '材料' })).statusCode).toBe(403);
    expect((await peng.post(`/api/assessment/sheets/${sheet.id}/appeal`, { version: sheet.version, reason: '计算有误', evidence: '材料' })).statusCode).toBe(404);
    expect(((await yushe.get(`/api/assessment/sheets/${sheet.id}`)).json() as SheetDetail).status).toBe('published');

    const appealed = await yushe.post(`/api/assessment/sheets/${sheet.id}/appeal`, { version: sheet.version, reason: '三会一课已按期召开，评分漏计', evidence: '5 月支部委员会会议记录第 12 页' });
    expect(appealed.statusCode, appealed.body).toBe(200);
    sheet = appealed.json() as SheetDetail;
    expect(sheet).toMatchObject({ status: 'appealed', appeal: { reason: '三会一课已按期召开，评分漏计', evidence: '5 月支部委员会会议记录第 12 页', decision: null } });
    // evidence files on the open appeal: the village adds a photo (audited); the township and the county read it;
    // the scorer cannot add one, another township does not see it, the appeal's text stays as filed
    const added = await upload(yushe, `/api/assessment/sheets/${sheet.id}/appeal/files`);
    expect(added.statusCode, added.body).toBe(201);
    const file = added.json() as { id: number; fileName: string; mimeType: string };
    expect(file).toMatchObject({ fileName: '现场.png', mimeType: 'image/png' });
    expect((await upload(wuli, `/api/assessment/sheets/${sheet.id}/appeal/files`)).statusCode).toBe(403);
    expect((await upload(peng, `/api/assessment/sheets/${sheet.id}/appeal/files`)).statusCode).toBe(404);
    for (const reader of [wuli, county, yushe]) {
      const got = await reader.get(`/api/assessment/sheets/${sheet.id}/appeal/files/${file.id}`);
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe('image/png');
    }
    expect((await peng.get(`/api/assessment/sheets/${sheet.id}/appeal/files/${file.id}`)).statusCode).toBe(404);
    expect(await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'score_sheet.attach' AND object_id = $1 AND summary->>'purpose' = 'appeal'`, [String(sheet.id)])).toHaveLength(1);
    sheet = (await yushe.get(`/api/assessment/sheets/${sheet.id}`)).json() as SheetDetail;
    expect(sheet.appeal).toMatchObject({ files: [{ id: file.id, fileName: '现场.png' }], canAddFiles: true });
    expect(((await wuli.get(`/api/assessment/sheets/${sheet.id}`)).json() as SheetDetail).appeal).toMatchObject({ files: [{ id: file.id }], canAddFiles: false });
    // the county's 工作台 has the appeal; still counted in the results meanwhile
    expect(await todayOf(county, sheet.id)).toMatchObject({ kind: 'sheet_to_review', title: expect.stringContaining('申诉待处理') });
    expect(((await county.get(`/api/assessment/results?year=${year}&period=${period}`)).json() as Results).rows.some((r) => r.sheetId === sheet.id)).toBe(true);
    const countyView = (await county.get(`/api/assessment/sheets/${sheet.id}`)).json() as SheetDetail;
    expect(countyView.transitions.map((x) => x.name)).toEqual(['uphold_appeal', 'reject_appeal']);
    expect((await county.post(`/api/assessment/sheets/${sheet.id}/transitions/uphold_appeal`, { version: sheet.version })).statusCode).toBe(400);
    const upheld = await county.post(`/api/assessment/sheets/${sheet.id}/transitions/uphold_appeal`, { version: sheet.version, body: '经核实，会议记录齐全' });
    expect(upheld.statusCode, upheld.body).toBe(200);
    sheet = upheld.json() as SheetDetail;
    expect(sheet).toMatchObject({ status: 'locked', appeal: { decision: 'upheld', decisionReason: '经核实，会议记录齐全' } });
    const correction = (await wuli.get(`/api/assessment/sheets/${sheet.appeal!.correctionId}`)).json() as SheetDetail;
    expect(correction).toMatchObject({ status: 'draft', revision: 2, supersedesId: sheet.id, scorer: { name: '五里镇' } });
    expect(correction.entries.filter((e) => e.source === 'manual').map((e) => e.points)).toEqual(sheet.entries.filter((e) => e.source === 'manual').map((e) => e.points));
    expect(correction.transitions.map((x) => x.name)).toEqual(['submit']);
    expect(((await county.get(`/api/assessment/sheets/${correction.id}`)).json() as SheetDetail).transitions.map((x) => x.name)).toEqual([]);
    // the appeal decided: no more files (409 in Chinese, nothing stored); the file stays readable with the record
    const late = await upload(yushe, `/api/assessment/sheets/${sheet.id}/appeal/files`);
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('不能再上传申诉材料');
    expect(await t.db.query(`SELECT 1 FROM attachments WHERE case_id = $1`, [sheet.id])).toHaveLength(1);
    expect(sheet.appeal).toMatchObject({ files: [{ id: file.id }], canAddFiles: false });
    expect((await county.get(`/api/assessment/sheets/${sheet.id}/appeal/files/${file.id}`)).statusCode).toBe(200);
    // one appeal per sheet: the locked one takes none
    expect((await yushe.post(`/api/assessment/sheets/${sheet.id}/appeal`, { version: sheet.version, reason: '再次申诉', evidence: '材料' })).statusCode).toBe(409);

    // rejected: locked as it was, no new revision
    let other = await publish('尧头村');
    other = (await county.get(`/api/assessment/sheets/${other.id}`)).json() as SheetDetail;
    const yaotou = await accountAt(t, 'assess.yaotou', 'village_admin', '尧头村');
    // a file before the appeal is filed: refused, the appeal comes first
    const early = await upload(yaotou, `/api/assessment/sheets/${other.id}/appeal/files`);
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('请先提出申诉');
    other = (await yaotou.post(`/api/assessment/sheets/${other.id}/appeal`, { version: other.version, reason: '不服评分', evidence: '无新材料' })).json() as SheetDetail;
    const rejected = await county.post(`/api/assessment/sheets/${other.id}/transitions/reject_appeal`, { version: other.version, body: '评分依据充分，维持原评分' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'locked', appeal: { decision: 'rejected', correctionId: null } });
    expect((await county.get(`/api/assessment/sheets?status=draft&pageSize=200`)).json().items.some((x: SheetDetail) => x.supersedesId === other.id)).toBe(false);
    await county.request('PUT', '/api/assessment/settings', { appealDays: 7, version: set.json().version });
  });

  it('refuses a unit outside the scorer\'s scope (404), the wrong unit type and a month outside the scheme\'s year (400)', async () => {
    const s = await publishedScheme();
    const [pengVillage] = await t.db.query<{ id: number }>(`SELECT o.id FROM orgs o JOIN orgs t ON o.path LIKE t.path || '%' WHERE t.name = '彭镇' AND o.type = 'village' LIMIT 1`);
    expect((await wuli.post('/api/assessment/sheets', { schemeId: s.id, orgId: pengVillage!.id, period })).statusCode).toBe(404);
    expect((await wuli.post('/api/assessment/sheets', { schemeId: s.id, orgId: await orgId(t.db, '榆舍党建工作站'), period })).statusCode).toBe(400);
    expect((await wuli.post('/api/assessment/sheets', { schemeId: s.id, orgId: await orgId(t.db, '榆舍村'), period: `${year - 1}-05` })).statusCode).toBe(400);
    expect((await wuli.post('/api/assessment/sheets', { schemeId: s.id, orgId: await orgId(t.db, '榆舍村'), period: `${year}-13` })).statusCode).toBe(400);
  });

  it('a veto (一票否决) zeroes the total, with its reason', async () => {
    const s = await publishedScheme();
    const village = (await t.db.query<{ id: number }>(`SELECT o.id FROM orgs o JOIN orgs t ON o.path LIKE t.path || '%' WHERE t.name = '五里镇' AND o.type = 'village' AND o.name <> '榆舍村' ORDER BY o.id LIMIT 1`))[0]!.id;
    const sheet = (await wuli.post('/api/assessment/sheets', { schemeId: s.id, orgId: village, period })).json() as SheetDetail;
    const res = await wuli.request('PUT', `/api/assessment/sheets/${sheet.id}/scores`, { version: sheet.version, scores: allManual(sheet), veto: { kind: 'zero', reason: '发生重大安全事故' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 0, vetoed: true, veto: { kind: 'zero', reason: '发生重大安全事故' } });
    const capped = await wuli.request('PUT', `/api/assessment/sheets/${sheet.id}/scores`, { version: res.json().version, scores: [], veto: { kind: 'cap', cap: 59, reason: '代办服务出现失误' } });
    expect(capped.json()).toMatchObject({ total: 59, vetoed: true });
  });
});

describe('results (考核结果)', () => {
  it('ranks published sheets within the township and the county, grades them, and names the indicators losing most points', async () => {
    const res = await wuli.get(`/api/assessment/results?year=${year}&period=${period}`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Results;
    expect(r.rows.length).toBeGreaterThanOrEqual(1);
    const yusheRow = r.rows.find((x) => x.org.name === '榆舍村')!;
    expect(yusheRow).toMatchObject({ rankInTownship: 1, township: { name: '五里镇' } });
    expect(yusheRow.gradeLabel).toMatch(/优秀|良好|一般|较差/);
    expect(r.losing[0]!.name).toBe('问题按期整改销号');
    expect(r.trend.find((x) => x.period === period)!.sheets).toBe(r.rows.length);
    expect(((await peng.get(`/api/assessment/results?year=${year}&period=${period}`)).json() as Results).rows).toEqual([]);
  });

  it('pays each village cadre the county\'s allowance standard, its performance share by the village\'s annual grade (fen), and exports it for the finance office', async () => {
    const res = await wuli.get(`/api/assessment/subsidies?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as Subsidies;
    expect(s.performanceSharePercent).toBe(30);
    const yusheRows = s.rows.filter((r) => r.org.name === '榆舍村');
    const head = yusheRows.find((r) => r.post === 'secretary' || r.post === 'concurrent')!;
    expect(head.standardFen).toBe(head.post === 'concurrent' ? 3_000_000 : 2_400_000);
    expect(head.grade).not.toBeNull();
    const share = Math.round(head.standardFen * 0.3);
    expect(head.performanceFen).toBe(Math.round((share * s.gradePercent[head.grade!]!) / 100));
    expect(head.baseFen).toBe(head.standardFen - share);
    // a village with no published result this year has no performance figure yet
    expect(s.rows.some((r) => r.org.name !== '榆舍村' && r.performanceFen === null)).toBe(true);
    expect(s.rows.every((r) => r.org.name !== '彭镇村')).toBe(true);
    const file = await wuli.get(`/api/assessment/subsidies/export?year=${year}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });
});
