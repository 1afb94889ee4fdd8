import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicProgress, RequestDetail, WhistleView } from '@lianxin/contract';
import { buildTestApp, orgId, TEST_DEMO_PASSWORD, type Client, type TestApp } from '../../test/helpers.js';
import { plusDays, todayInChina } from '../../core/calendar.js';
import { hashPassword } from '../../core/password.js';
import { solve } from '../../core/challenge.js';
import { verifyAuditChain } from '../../core/audit.js';
import { insertAccount } from '../accounts/index.js';

let t: TestApp;
let station: Client;
let jiaotong: Client;
let minzheng: Client;
let stationId: number;
const today = todayInChina();

beforeAll(async () => {
  t = await buildTestApp({ publicRateLimit: { submit: 1000, lookup: 1000 } });
  station = await t.as('yushe.station');
  jiaotong = await t.as('jiaotong');
  await insertAccount(t.db, { username: 'minzheng', displayName: '县民政局', passwordHash: await hashPassword(TEST_DEMO_PASSWORD), roles: ['department_admin'], scopeOrgId: await orgId(t.db, '县民政局'), mustChangePassword: false });
  minzheng = await t.as('minzheng');
  stationId = await orgId(t.db, '榆舍党建工作站');
});
afterAll(() => t.close());

async function submit(client: Omit<Client, 'username' | 'csrf'>, body: Record<string, unknown>) {
  const ch = (await client.get('/api/public/challenge')).json();
  return client.post('/api/public/requests', { unitId: stationId, name: '张大妈', phone: '13800001234', matter: '家门口的路灯坏了，晚上走路不安全', category: 'errand', challengeToken: ch.token, challengeAnswer: solve(ch.question), ...body });
}

const fire = (c: Client, r: { id: number; version: number }, transition: string, body: Record<string, unknown> = {}) =>
  c.post(`/api/requests/${r.id}/transitions/${transition}`, { version: r.version, ...body });

describe('a citizen\'s request, end to end', () => {
  it('public submit → station takes it → promise → whistle two departments → both report and finish → resolve → citizen follows and rates', async () => {
    const unit = (await t.anonymous.get(`/api/public/units/${stationId}`)).json();
    expect(unit).toMatchObject({ name: '榆舍党建工作站', township: '五里镇' });
    expect(unit.services.length).toBeGreaterThan(3);

    const sent = await submit(t.anonymous, {});
    expect(sent.statusCode, sent.body).toBe(201);
    const code = sent.json().trackingCode as string;
    expect(code).toMatch(/^LX[A-Z2-9]{8}$/);

    const queue = (await station.get('/api/requests?open=true')).json();
    const item = queue.items.find((i: { trackingCode: string }) => i.trackingCode === code);
    expect(item).toMatchObject({ status: 'received', channel: 'public', phone: '138****1234' });
    // the case, its first entry, the request and the audit record were written by one statement
    const [opened] = await t.db.query<{ county_id: number; object_id: string; username: string }>(
      `SELECT county_id, object_id, username FROM audit_log WHERE action = 'request.open' AND object_id = $1`, [String(item.id)],
    );
    expect(opened).toMatchObject({ object_id: String(item.id), username: '群众' });
    expect(await verifyAuditChain(t.db, opened!.county_id)).toMatchObject({ ok: true });

    let r = (await fire(station, item, 'claim')).json() as RequestDetail;
    expect(r).toMatchObject({ status: 'claimed', owner: { name: '榆舍党建工作站（演示）' }, firstOwner: { name: '榆舍党建工作站（演示）' } });
    r = (await fire(station, r, 'promise', { promisedDate: plusDays(today, 5) })).json();
    expect(r.status).toBe('promised');

    const depts = await Promise.all([orgId(t.db, '县交通运输局'), orgId(t.db, '县民政局')]);
    const w = await station.post('/api/whistles', { sourceCaseId: r.id, matter: '路灯线路老化，需交通局和民政局到场', departmentIds: depts });
    expect(w.statusCode, w.body).toBe(201);
    let whistle = w.json() as WhistleView;
    expect(whistle).toMatchObject({ sourceCaseId: r.id, sourceType: 'request' });
    for (const [client, part] of [[jiaotong, '更换路灯及线路'], [minzheng, '协调安装资金']] as const) {
      let p = whistle.parts.find((x) => x.department.name === (client === jiaotong ? '县交通运输局' : '县民政局'))!;
      whistle = (await client.post(`/api/whistle-parts/${p.id}/actions`, { version: p.version, action: 'report' })).json();
      p = whistle.parts.find((x) => x.id === p.id)!;
      // reported right after the whistle: a response time, in whole minutes, of (almost) none
      expect(p.responseMinutes).toBeTypeOf('number');
      expect(p.responseMinutes).toBeLessThanOrEqual(2);
      whistle = (await client.post(`/api/whistle-parts/${p.id}/actions`, { version: p.version, action: 'claim', part })).json();
      p = whistle.parts.find((x) => x.id === p.id)!;
      whistle = (await client.post(`/api/whistle-parts/${p.id}/actions`, { version: p.version, action: 'finish', result: '已完成' })).json();
    }
    expect(whistle.status).toBe('done');
    // the other department cannot touch a part that is not its own
    expect((await jiaotong.post(`/api/whistle-parts/${whistle.parts[1]!.id}/actions`, { version: 1, action: 'report' })).statusCode).toBe(404);

    r = (await station.get(`/api/requests/${r.id}`)).json();
    expect(r.whistles).toEqual([{ id: whistle.id, status: 'done', parts: 2, done: 2 }]);
    r = (await fire(station, r, 'resolve', { comment: '路灯已修复', resolved: true })).json();
    expect(r.status).toBe('resolved');

    const progress = (await t.anonymous.post('/api/public/track', { code, phone: '13800001234' })).json() as PublicProgress;
    expect(progress).toMatchObject({ status: 'resolved', statusLabel: '已办结', outcome: '路灯已修复', canRate: true, promisedDate: plusDays(today, 5) });
    expect(progress.messages.map((m) => m.text)).toEqual(expect.arrayContaining(['已受理', '已有专人负责办理', '已办结：路灯已修复']));
    expect(JSON.stringify(progress)).not.toContain('演示'); // no staff names on the public page

    const rated = await t.anonymous.post('/api/public/track/rating', { code, phone: '13800001234', rating: 'satisfied', comment: '很快' });
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({ rating: 'satisfied', canRate: false });
    const again = await t.anonymous.post('/api/public/track/rating', { code, phone: '13800001234', rating: 'basic' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'request_already_rated', message: '已经评价过了' });

    const load = (await station.get('/api/whistles/load')).json();
    expect(load.departments.find((d: { department: { name: string } }) => d.department.name === '县交通运输局')).toMatchObject({ parts: 1, open: 0 });
    expect(load.whistlers[0]).toMatchObject({ org: { name: '榆舍党建工作站' }, whistles: 1 });
    // who whistled is counted within the scope: the county sees the station, the village beside it does not
    expect((await (await t.as('county')).get('/api/whistles/load')).json().whistlers).toContainEqual(expect.objectContaining({ org: expect.objectContaining({ name: '榆舍党建工作站' }) }));
    const village = (await (await t.as('yushe')).get('/api/whistles/load')).json();
    expect(village.whistlers).toEqual([]);
    expect(village.departments.find((d: { department: { name: string } }) => d.department.name === '县交通运输局')).toMatchObject({ parts: 1 });
  });

  it('an unsatisfied rating reopens the request for review', async () => {
    const code = (await submit(t.anonymous, { matter: '低保申请进度' })).json().trackingCode;
    const item = (await station.get(`/api/requests?q=${code}`)).json().items[0];
    let r = (await fire(station, item, 'claim')).json();
    r = (await fire(station, r, 'resolve', { comment: '已答复', resolved: false })).json();
    await t.anonymous.post('/api/public/track/rating', { code, phone: '13800001234', rating: 'unsatisfied', comment: '没解决' });
    r = (await station.get(`/api/requests/${r.id}`)).json();
    expect(r.status).toBe('claimed');
    expect(r.timeline.at(-1)).toMatchObject({ actor: '群众', actorDisplay: null, transition: 'reopen' });
    // the station's own steps read as the station's name, not its login
    expect(r.timeline.find((e: { transition: string | null }) => e.transition === 'claim')).toMatchObject({ actor: 'yushe.station', actorDisplay: '榆舍党建工作站（演示）' });
  });

  it('a department declines with a reason and a suggested owner; the whistler re-routes', async () => {
    const code = (await submit(t.anonymous, { matter: '邻里宅基地纠纷', category: 'conflict' })).json().trackingCode;
    const item = (await station.get(`/api/requests?q=${code}`)).json().items[0];
    const r = (await fire(station, item, 'claim')).json();
    let w = (await station.post('/api/whistles', { sourceCaseId: r.id, matter: '宅基地纠纷', departmentIds: [await orgId(t.db, '县交通运输局')] })).json() as WhistleView;
    const p = w.parts[0]!;
    const noReason = await jiaotong.post(`/api/whistle-parts/${p.id}/actions`, { version: p.version, action: 'decline' });
    expect(noReason.statusCode).toBe(400);
    const land = await orgId(t.db, '县自然资源局');
    w = (await jiaotong.post(`/api/whistle-parts/${p.id}/actions`, { version: p.version, action: 'decline', reason: '不属于本部门职责', suggestedOrgId: land })).json();
    expect(w.parts[0]).toMatchObject({ status: 'declined', declineReason: '不属于本部门职责', suggestedOrg: { name: '县自然资源局' } });
    w = (await station.post(`/api/whistle-parts/${p.id}/reroute`, { departmentId: land })).json();
    expect(w.parts.map((x) => [x.department.name, x.status])).toEqual([['县交通运输局', 'rerouted'], ['县自然资源局', 'whistled']]);
  });
});

describe('the queue and its helpers', () => {
  it('filters the queue by channel and by overdue promise', async () => {
    const code = (await submit(t.anonymous, { matter: '渠道与逾期筛选' })).json().trackingCode;
    let r = (await station.get(`/api/requests?q=${code}`)).json().items[0];
    r = (await fire(station, r, 'claim')).json();
    r = (await fire(station, r, 'promise', { promisedDate: plusDays(today, 1) })).json();
    const pub = (await station.get('/api/requests?channel=public&pageSize=200')).json();
    expect(pub.items.every((i: { channel: string }) => i.channel === 'public')).toBe(true);
    expect(pub.items.some((i: { id: number }) => i.id === r.id)).toBe(true);
    expect((await station.get(`/api/requests?channel=phone&q=${code}`)).json().total).toBe(0);
    expect((await station.get(`/api/requests?overdue=true&q=${code}`)).json().total).toBe(0);
    await t.db.query(`UPDATE citizen_requests SET promised_date = $2::date WHERE case_id = $1`, [r.id, plusDays(today, -2)]);
    const overdue = (await station.get(`/api/requests?overdue=true&q=${code}`)).json();
    expect(overdue.items).toEqual([expect.objectContaining({ id: r.id, overdue: true })]);
  });

  it('lists the county\'s departments and the accounts a request can be handed over to', async () => {
    const depts = (await station.get('/api/whistles/departments')).json() as { id: number; name: string }[];
    expect(depts.map((d) => d.name)).toEqual(expect.arrayContaining(['县交通运输局', '县民政局']));
    const code = (await submit(t.anonymous, { matter: '移交测试' })).json().trackingCode;
    let r = (await station.get(`/api/requests?q=${code}`)).json().items[0];
    r = (await fire(station, r, 'claim')).json();
    const candidates = (await station.get(`/api/requests/${r.id}/hand-over-candidates`)).json() as { id: number; name: string; scope: string }[];
    const names = candidates.map((c) => c.scope);
    expect(names).toEqual(expect.arrayContaining(['五里镇']));
    expect(names).not.toContain('县交通运输局');
    expect(candidates.some((c) => c.scope === '榆舍村')).toBe(false); // below the station: not a hand-over target
    const wuli = candidates.find((c) => c.scope === '五里镇')!;
    const handed = await station.post(`/api/requests/${r.id}/hand-over`, { toAccountId: wuli.id, note: '涉及全镇，请镇上牵头' });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json().owner.id).toBe(wuli.id);
    expect((await jiaotong.get(`/api/requests/${r.id}/hand-over-candidates`)).statusCode).toBe(404);
  });
});

describe('the citizen\'s photo', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const upload = (code: string, phone: string, content: Buffer, name = '现场.png') => {
    const boundary = '----lianxin';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="phone"\r\n\r\n${phone}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.anonymous.request('POST', `/api/public/requests/${code}/photo`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  };

  it('takes one image by code and phone, shows it to the handling unit only, and refuses the rest', async () => {
    const code = (await submit(t.anonymous, { matter: '路面塌陷（附照片）' })).json().trackingCode as string;
    const wrongPhone = await upload(code, '13900009999', png);
    expect(wrongPhone.statusCode).toBe(404);
    const html = await upload(code, '13800001234', Buffer.from('<html><script>alert(1)</script></html>'), 'photo.png');
    expect(html.statusCode).toBe(415);
    const big = await upload(code, '13800001234', Buffer.concat([png, Buffer.alloc(6 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    const ok = await upload(code, '13800001234', png);
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await upload(code, '13800001234', png)).statusCode).toBe(409);

    const item = (await station.get(`/api/requests?q=${code}`)).json().items[0];
    const r = (await station.get(`/api/requests/${item.id}`)).json() as RequestDetail;
    expect(r.attachments).toEqual([expect.objectContaining({ fileName: '现场.png', mimeType: 'image/png', byCitizen: true })]);
    const file = await station.get(`/api/requests/${r.id}/attachments/${r.attachments[0]!.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(png)).toBe(true);
    expect((await jiaotong.get(`/api/requests/${r.id}/attachments/${r.attachments[0]!.id}`)).statusCode).toBe(404);
    expect(r.timeline.find((e) => e.kind === 'attachment')).toMatchObject({ actor: '群众' });
    expect((await fire(station, r, 'claim')).statusCode).toBe(200); // taken on: the rates below count it as responded
  });
});

describe('the diary, households and grids', () => {
  it('a diary visit opens a request in one step; the cadre\'s diary and the village\'s visits are counted', async () => {
    const yushe = await t.as('yushe');
    const village = await orgId(t.db, '榆舍村');
    const res = await yushe.post('/api/visits', {
      orgId: village, cadreLevel: 'village', household: '李大爷家', visitedOn: today, heard: '老人独居，冬季取暖困难', followUp: '联系民政',
      openRequest: { category: 'assistance', matter: '独居老人冬季取暖困难，申请取暖补贴' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { requestId } = res.json();
    const req = (await yushe.get(`/api/requests/${requestId}`)).json() as RequestDetail;
    expect(req).toMatchObject({ channel: 'diary', citizenName: '李大爷家', category: 'assistance' });
    const mine = (await yushe.get('/api/visits?mine=true')).json();
    expect(mine).toMatchObject({ total: 1, withRequests: 1 });
    expect((await station.get(`/api/visits?orgId=${village}`)).json().total).toBe(1);
  });

  it('keeps vulnerable households with four-level contacts and grids with members and their deeds', async () => {
    const yushe = await t.as('yushe');
    const village = await orgId(t.db, '榆舍村');
    const people = await t.db.query<{ id: number }>(`SELECT id FROM persons WHERE org_id = $1 LIMIT 2`, [village]);
    const h = await yushe.post('/api/households', { orgId: village, headName: '王奶奶', categories: ['elderly', 'lonely'], villageContact: people[0]!.id, hamletContact: people[1]!.id });
    expect(h.statusCode, h.body).toBe(201);
    const list = (await yushe.get('/api/households')).json().items;
    expect(list[0]).toMatchObject({ headName: '王奶奶', categories: ['elderly', 'lonely'], visits: 0 });
    expect(list[0].contacts.village.id).toBe(people[0]!.id);

    const wuli = await t.as('wuli');
    const grid = (await wuli.post('/api/orgs', { parentId: village, type: 'grid', name: '第一网格' })).json();
    const [member] = await t.db.query<{ id: number }>(`SELECT p.id FROM persons p JOIN orgs o ON o.id = p.org_id WHERE o.name = '县财政局' AND p.member_status IS NOT NULL LIMIT 1`);
    const reg = await yushe.post(`/api/grids/${grid.id}/registrations`, { personId: member!.id, registeredOn: today });
    expect(reg.statusCode, reg.body).toBe(201);
    await yushe.post(`/api/grid-registrations/${reg.json().id}/deeds`, { doneOn: today, description: '帮助王奶奶代购药品' });
    const g = (await yushe.get(`/api/grids/${grid.id}?year=${today.slice(0, 4)}`)).json();
    expect(g.members[0]).toMatchObject({ deeds: 1, metTarget: false, homeOrg: '县财政局' });
    // without ?year= it is this year (China time); every row carries its id
    const thisYear = await yushe.get(`/api/grids/${grid.id}`);
    expect(thisYear.statusCode, thisYear.body).toBe(200);
    expect(thisYear.json()).toMatchObject({ id: grid.id, year: Number(today.slice(0, 4)) });
    expect(thisYear.json().members[0]).toMatchObject({ id: reg.json().id, registrationId: reg.json().id, deeds: 1 });
    expect(thisYear.json().members[0].deedList[0]).toMatchObject({ id: expect.any(Number), description: '帮助王奶奶代购药品' });
  });
});

describe('连心卡', () => {
  it('prints a card for the unit and one for each cadre post, with phones, the QR code opening the unit\'s public page', async () => {
    const card = (await station.get(`/api/cards/${stationId}`)).json();
    expect(card).toMatchObject({ title: '榆舍党建工作站连心卡', publicUrl: expect.stringMatching(new RegExp(`/public/unit/${stationId}$`)) });
    const posts = (await station.get(`/api/cards/${stationId}/posts`)).json() as { role: string; name: string; phone: string | null; duties: string; publicUrl: string }[];
    expect(posts.length).toBeGreaterThan(0);
    expect(posts[0]).toMatchObject({ role: '站长', duties: expect.stringContaining('首问负责'), publicUrl: card.publicUrl });
    expect(posts[0]!.phone).toMatch(/^1\d{10}$/);
    const qr = await station.get(`/api/cards/${stationId}/qr.svg`);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    // another station's cards are not in this scope
    expect((await jiaotong.get(`/api/cards/${stationId}/posts`)).statusCode).toBe(404);
  });
});

describe('statistics from the records', () => {
  it('answers the three rates per unit, each drilling down to its records', async () => {
    const stats = (await station.get(`/api/requests/stats?month=${today.slice(0, 7)}`)).json();
    expect(stats.node.requests).toBeGreaterThanOrEqual(3);
    // the diary request was never taken on: 3 of 4 responded within 24 hours
    expect(stats.node.responded).toBe(stats.node.requests - 1);
    expect(stats.node.responseRate).toBeCloseTo(stats.node.responded / stats.node.requests, 3);
    const responded = (await station.get(`/api/requests?month=${today.slice(0, 7)}&metric=responded`)).json();
    expect(responded.total).toBe(stats.node.responded);
    expect(stats.node.satisfactionRate).toBe(1);
    const drill = (await station.get(`/api/requests?month=${today.slice(0, 7)}&metric=satisfied`)).json();
    expect(drill.total).toBe(stats.node.satisfied);
    const resolved = (await station.get(`/api/requests?metric=resolved`)).json();
    expect(resolved.total).toBe(stats.node.resolved);
  });
});

describe('bad input on the public page', () => {
  it('gives no hint which half of a wrong code/phone pair was wrong', async () => {
    const code = (await submit(t.anonymous, {})).json().trackingCode;
    const wrongPhone = await t.anonymous.post('/api/public/track', { code, phone: '13900009999' });
    const wrongCode = await t.anonymous.post('/api/public/track', { code: 'LXAAAAAAAA', phone: '13800001234' });
    expect(wrongPhone.statusCode).toBe(404);
    expect(wrongCode.statusCode).toBe(404);
    expect(wrongPhone.json().message).toBe(wrongCode.json().message);
  });

  it('refuses a wrong challenge answer and a reused token, storing nothing', async () => {
    const before = await t.db.query(`SELECT 1 FROM citizen_requests`);
    const ch = (await t.anonymous.get('/api/public/challenge')).json();
    const wrong = await t.anonymous.post('/api/public/requests', { unitId: stationId, name: 'x', phone: '13800001234', matter: 'x', challengeToken: ch.token, challengeAnswer: '999' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('验证答案不正确');
    const ok = await t.anonymous.post('/api/public/requests', { unitId: stationId, name: 'x', phone: '13800001234', matter: 'x', challengeToken: ch.token, challengeAnswer: solve(ch.question) });
    expect(ok.statusCode).toBe(201);
    const reused = await t.anonymous.post('/api/public/requests', { unitId: stationId, name: 'x', phone: '13800001234', matter: 'x', challengeToken: ch.token, challengeAnswer: solve(ch.question) });
    expect(reused.statusCode).toBe(400);
    expect(await t.db.query(`SELECT 1 FROM citizen_requests`)).toHaveLength(before.length + 1);
  });

  it('stores HTML as text and returns it as data, never as markup', async () => {
    const code = (await submit(t.anonymous, { matter: '<script>alert(1)</script><img src=x onerror=alert(2)>' })).json().trackingCode;
    const progress = (await t.anonymous.post('/api/public/track', { code, phone: '13800001234' })).json();
    expect(progress.matter).toBe('<script>alert(1)</script><img src=x onerror=alert(2)>');
  });

  it('answers floods of the public form with 429', async () => {
    const limited = await buildTestApp({ publicRateLimit: { submit: 2, lookup: 100 } });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await submit(limited.anonymous, {})).statusCode);
      expect(codes).toEqual([201, 201, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('tracking a request keeps the phone out of URLs and logs', () => {
  it('takes the code and phone in a POST body; no log line, URL or error holds the phone', async () => {
    const lines: string[] = [];
    const logged = await buildTestApp({ publicRateLimit: { submit: 1000, lookup: 1000 }, logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } });
    try {
      const phone = '13712345678';
      const code = (await submit(logged.anonymous, { phone })).json().trackingCode as string;
      const found = await logged.anonymous.post('/api/public/track', { code, phone });
      expect(found.statusCode, found.body).toBe(200);
      expect(found.json()).toMatchObject({ trackingCode: code, status: 'received', canRate: false });
      const wrong = await logged.anonymous.post('/api/public/track', { code, phone: '13712345679' });
      expect(wrong.statusCode).toBe(404);
      expect(wrong.body).not.toContain('1371234567');
      const early = await logged.anonymous.post('/api/public/track/rating', { code, phone, rating: 'satisfied' });
      expect(early.statusCode).toBe(409);
      // the old query-string form is gone: nothing answers a phone in a URL
      expect((await logged.anonymous.get(`/api/public/requests/${code}?phone=${phone}`)).statusCode).toBe(404);
      lines.length = 0;
      await logged.anonymous.post('/api/public/track', { code, phone });
      expect(lines.join('\n')).toContain('/api/public/track');
      expect(lines.join('\n')).not.toContain(phone);
      expect(lines.join('\n')).not.toContain(code);
      // no public route takes a phone (or a code) in its query string
      const spec = (await logged.anonymous.get('/api/openapi.json')).json() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };
      const queryParams = Object.entries(spec.paths)
        .filter(([path]) => path.startsWith('/api/public/'))
        .flatMap(([, ops]) => Object.values(ops).flatMap((op) => (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)));
      expect(queryParams).not.toContain('phone');
      expect(queryParams).not.toContain('code');
    } finally {
      await logged.close();
    }
  });

  it('rate-limits tracking as before (429)', async () => {
    const limited = await buildTestApp({ publicRateLimit: { submit: 100, lookup: 2 } });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await limited.anonymous.post('/api/public/track', { code: 'LXAAAAAAAA', phone: '13800001234' })).statusCode);
      expect(codes).toEqual([404, 404, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('the handler of record can call the citizen back (办结后电话告知)', () => {
  it('shows the full phone to the unit addressed and the owner, audited; others stay masked with 403/404', async () => {
    const sent = await submit(t.anonymous, { phone: '13912345678' });
    const code = sent.json().trackingCode as string;
    const queued = (await station.get(`/api/requests?q=${code}`)).json().items[0] as RequestDetail;
    let r = (await station.get(`/api/requests/${queued.id}`)).json() as RequestDetail;
    expect(r).toMatchObject({ phone: '139****5678', canRevealPhone: true });

    const shown = await station.post(`/api/requests/${r.id}/reveal-phone`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toEqual({ id: r.id, phone: '13912345678' });
    const [audit] = await t.db.query<{ username: string; object_type: string; object_id: string; result: string; summary: unknown }>(
      `SELECT username, object_type, object_id, result, summary FROM audit_log WHERE action = 'request.reveal_phone' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toMatchObject({ username: 'yushe.station', object_type: 'request', object_id: String(r.id), result: 'success' });
    expect(JSON.stringify(audit)).not.toContain('13912345678');
    // the detail itself stays masked: showing is a deliberate action each time
    expect((await station.get(`/api/requests/${r.id}`)).json().phone).toBe('139****5678');

    // the township above sees the request but is not its handler; a village and a department do not see it
    const wuli = await t.as('wuli');
    expect((await wuli.get(`/api/requests/${r.id}`)).json()).toMatchObject({ phone: '139****5678', canRevealPhone: false });
    const refused = await wuli.post(`/api/requests/${r.id}/reveal-phone`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('13912345678');
    const [denied] = await t.db.query<{ username: string; result: string }>(`SELECT username, result FROM audit_log WHERE action = 'request.reveal_phone' ORDER BY id DESC LIMIT 1`);
    expect(denied).toEqual({ username: 'wuli', result: 'denied' });
    const yushe = await t.as('yushe');
    expect((await yushe.post(`/api/requests/${r.id}/reveal-phone`)).statusCode).toBe(404);
    expect((await jiaotong.post(`/api/requests/${r.id}/reveal-phone`)).statusCode).toBe(404);
    const auditor = await t.as('auditor');
    expect((await auditor.post(`/api/requests/${r.id}/reveal-phone`)).statusCode).toBe(403);
    // the county's organisation department reads every member's full ID number and phone
    // (person:read_pii), but a citizen's phone is not the roster's: it is a unit above this request,
    // so the queue and the detail show it masked and a reveal is refused (and audited)
    const county = await t.as('county');
    const countyQueue = (await county.get(`/api/requests?q=${code}`)).json() as { items: RequestDetail[] };
    expect(countyQueue.items.map((i) => i.phone)).toEqual(['139****5678']);
    expect((await county.get(`/api/requests/${r.id}`)).json()).toMatchObject({ phone: '139****5678', canRevealPhone: false });
    expect((await county.post(`/api/requests/${r.id}/reveal-phone`)).statusCode).toBe(403);
    const [countyDenied] = await t.db.query<{ username: string; result: string }>(`SELECT username, result FROM audit_log WHERE action = 'request.reveal_phone' ORDER BY id DESC LIMIT 1`);
    expect(countyDenied).toEqual({ username: 'county', result: 'denied' });

    // 首问负责 hands it to the township: the township now owns it and may call back
    r = (await fire(station, r, 'claim')).json();
    const [wuliAccount] = await t.db.query<{ id: number }>(`SELECT id FROM accounts WHERE username = 'wuli'`);
    const handed = await station.post(`/api/requests/${r.id}/hand-over`, { toAccountId: wuliAccount!.id, note: '需乡镇协调' });
    expect(handed.statusCode, handed.body).toBe(200);
    expect((await wuli.get(`/api/requests/${r.id}`)).json().canRevealPhone).toBe(true);
    expect((await wuli.post(`/api/requests/${r.id}/reveal-phone`)).json().phone).toBe('13912345678');

    // once archived, nobody
    r = (await wuli.get(`/api/requests/${r.id}`)).json();
    r = (await fire(wuli, r, 'resolve', { comment: '已修好', resolved: true })).json();
    expect((await station.post(`/api/requests/${r.id}/reveal-phone`)).statusCode).toBe(200);
    r = (await fire(wuli, r, 'archive')).json();
    expect(r.status).toBe('archived');
    expect((await wuli.post(`/api/requests/${r.id}/reveal-phone`)).statusCode).toBe(409);
  });

  it('answers a request taken down without a phone with a clear 404, not an error', async () => {
    const res = await station.post('/api/requests', { orgId: stationId, channel: 'visit', category: 'errand', citizenName: '不留电话的老人', matter: '咨询高龄补贴' });
    expect(res.statusCode, res.body).toBe(201);
    const shown = await station.post(`/api/requests/${res.json().id}/reveal-phone`);
    expect(shown.statusCode, shown.body).toBe(404);
    expect(shown.json().message).toBe('该事项没有登记群众电话');
  });
});
