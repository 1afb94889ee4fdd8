// 一键列入问题台账 is one transaction: two simultaneous clicks leave exactly one problem, linked
// both ways and audited once (on PGlite the requests interleave; on PostgreSQL they run in parallel
// on two connections).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectionView, ProblemDetail } from '@lianxin/contract';
import { buildTestApp, orgId, type Client, type TestApp } from '../../test/helpers.js';
import { plusDays, todayInChina } from '../../core/calendar.js';

let t: TestApp;
let station: Client;
const today = todayInChina();

beforeAll(async () => {
  t = await buildTestApp();
  station = await t.as('yushe.station');
});
afterAll(() => t.close());

async function inspectionWithFinding(description: string) {
  const village = await orgId(t.db, '榆舍村');
  const res = await station.post('/api/inspections', { kind: 'station_biweekly', inspectedOn: today, inspectors: '站长', targetOrgIds: [village], findings: [{ targetOrgId: village, description }] });
  expect(res.statusCode, res.body).toBe(201);
  const inspection = res.json() as InspectionView;
  return { inspection, finding: inspection.findings[0]! };
}

const problemsOf = (description: string) =>
  t.db.query<{ case_id: number; finding_id: number | null }>(`SELECT case_id, finding_id FROM problems WHERE description = $1`, [description]);

describe('a finding becomes a problem in one transaction', () => {
  it('two simultaneous clicks leave exactly one problem, linked both ways, audited once', async () => {
    for (let round = 0; round < 3; round++) {
      const description = `村务公开栏内容未更新（第${round + 1}轮）`;
      const { inspection, finding } = await inspectionWithFinding(description);
      const click = () => station.post(`/api/inspections/${inspection.id}/findings/${finding.id}/problem`, { category: '基层组织建设', deadline: plusDays(today, 15) });
      const answers = await Promise.all([click(), click()]);
      expect(answers.map((a) => a.statusCode).sort(), answers.map((a) => a.body).join(' | ')).toEqual([201, 409]);
      const made = answers.find((a) => a.statusCode === 201)!.json().problemId as number;
      expect(answers.find((a) => a.statusCode === 409)!.json().details).toEqual({ problemId: made });

      expect(await problemsOf(description)).toEqual([{ case_id: made, finding_id: finding.id }]);
      const again = (await station.get(`/api/inspections/${inspection.id}`)).json() as InspectionView;
      expect(again.findings[0]!.problemId).toBe(made);
      const problem = (await station.get(`/api/ledger/problems/${made}`)).json() as ProblemDetail;
      expect(problem.finding).toMatchObject({ inspectionId: inspection.id, findingId: finding.id });
      const audits = await t.db.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE (object_type = 'problem' AND object_id = $1) OR (object_type = 'inspection_finding' AND object_id = $2) ORDER BY id`,
        [String(made), String(finding.id)],
      );
      expect(audits.map((a) => a.action)).toEqual(['problem.open', 'inspection.finding_to_problem']);
    }
  });

  // Deterministic on PostgreSQL: a third connection holds the finding's row lock until both clicks
  // have passed every check and wait on it. PGlite has one connection, so the held lock would block
  // the clicks' own reads as well; there the rounds above interleave the two requests instead.
  it.skipIf(!process.env.DATABASE_URL)('(PostgreSQL only — PGlite has one connection) two clicks that both pass every check before either writes still leave one problem', async () => {
    const description = '党费收缴台账不全';
    const { inspection, finding } = await inspectionWithFinding(description);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = t.db.transaction(async (tx) => {
      await tx.query(`SELECT id FROM inspection_findings WHERE id = $1 FOR UPDATE`, [finding.id]);
      locked();
      await held;
    });
    await isLocked;
    const click = () => station.post(`/api/inspections/${inspection.id}/findings/${finding.id}/problem`, { category: '基层组织建设', deadline: plusDays(today, 15) });
    const clicks = Promise.all([click(), click()]);
    // both requests are waiting on the row lock (every check done, nothing of theirs committed)
    for (let i = 0; ; i++) {
      const [w] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (w!.n >= 2) break;
      if (i > 100) throw new Error('the two clicks never both waited on the finding');
      await new Promise((r) => setTimeout(r, 50));
    }
    release();
    await holder;
    const answers = await clicks;
    expect(answers.map((a) => a.statusCode).sort(), answers.map((a) => a.body).join(' | ')).toEqual([201, 409]);
    const made = answers.find((a) => a.statusCode === 201)!.json().problemId as number;
    expect(await problemsOf(description)).toEqual([{ case_id: made, finding_id: finding.id }]);
  });

  it('a refused registration (bad category) writes nothing and leaves the finding free', async () => {
    const description = '组织生活会记录不全';
    const { inspection, finding } = await inspectionWithFinding(description);
    const bad = await station.post(`/api/inspections/${inspection.id}/findings/${finding.id}/problem`, { category: '不存在的类别', deadline: plusDays(today, 15) });
    expect(bad.statusCode).toBe(400);
    expect(await problemsOf(description)).toEqual([]);
    const ok = await station.post(`/api/inspections/${inspection.id}/findings/${finding.id}/problem`, { category: '基层组织建设', deadline: plusDays(today, 15) });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
