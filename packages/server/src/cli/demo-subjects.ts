// Demo 考核对象 for 宜君县 (issues 16 and 17): a published first-secretary scheme of last year (示例) with
// one first secretary of 五里镇 scored by the county and published, and a published project scheme of
// this year (示例) with the projects that gave their 年交账 scored by the committee above them and
// published — so the first secretary's page, the project page and 年度评选 have results. The demo's
// closed project was appraised on its step before the county published the scheme (a typed score):
// it is judged once and not scored again, so 年度评选 lists the project awaiting 销号, whose
// appraisal will take its sheet's score. (It listed both before, tied at 77.5: the closed one
// judged twice.) Everything goes through the services a user's clicks do.
import type { SheetDetail } from '@lianxin/contract';
import crypto from 'node:crypto';
import type { Db } from '../db/db.js';
import type { Actor } from '../core/access.js';
import type { PiiCipher } from '../core/pii.js';
import { todayInChina } from '../core/calendar.js';
import { createChallenges } from '../core/challenge.js';
import { createAssessmentService } from '../modules/assessment/index.js';
import { createDiaryService, createRequestService } from '../modules/citizens/index.js';
import { createPeopleService } from '../modules/people/index.js';
import { createProjectService } from '../modules/projects/index.js';
import { createDispatchService } from '../modules/dispatch/index.js';
import { createInspectionService } from '../modules/inspections/index.js';
import { createLedgerService } from '../modules/ledger/index.js';
import { demoActor } from './demo-actor.js';

export async function loadDemoSubjects(db: Db, pii: PiiCipher): Promise<{ firstSecretaries: number; projects: number; year: number }> {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const people = createPeopleService({ db, pii });
  const diary = createDiaryService({ db, requests: createRequestService({ db, pii, challenges: createChallenges(crypto.randomBytes(32)) }) });
  const ledger = createLedgerService({ db });
  const projects = createProjectService({ db, people, dispatch: createDispatchService({ db }), inspections: createInspectionService({ db, ledger }) });
  const assessment = createAssessmentService({ db, firstSecretaries: { postSpans: people.postSpans, recordedBy: diary.recordedBy }, projects });
  const [county, wuli] = (await Promise.all(['county', 'wuli'].map((u) => demoActor(db, u)))) as [Actor, Actor];

  /** Scores the manual indicators (the max less a sample deduction, with evidence), then submit → pass → publish. */
  async function scoreAndPublish(scorer: Actor, id: number, minus: (i: number) => number) {
    let s: SheetDetail = await assessment.sheet(scorer, id);
    const scores = s.entries.filter((e) => e.source === 'manual').map((e, i) => ({ key: e.key, points: Math.max(0, e.max - minus(i)), evidence: '年度述职报告、工作台账、群众评议表（示例）' }));
    await assessment.saveScores(scorer, id, { version: s.version, scores });
    s = await assessment.sheet(scorer, id);
    await assessment.fireSheet(scorer, id, 'submit', { version: s.version });
    for (const step of ['pass', 'publish'] as const) {
      s = await assessment.sheet(county, id);
      await assessment.fireSheet(county, id, step, { version: s.version });
    }
  }

  // 第一书记: last year's scheme, one first secretary of 五里镇 in post then
  const last = year - 1;
  const fsDraft = await assessment.createScheme(county, { year: last, subjectKind: 'first_secretary', name: `${last}年度第一书记考核（示例）` });
  await assessment.publishScheme(county, fsDraft, (await assessment.scheme(county, fsDraft)).version);
  const spans = (await people.postSpans(wuli, `${last}-01-01`, `${last}-12-31`, 'first_secretary')).sort((a, b) => a.orgPath.localeCompare(b.orgPath));
  let firstSecretaries = 0;
  for (const span of spans.slice(0, 1)) {
    const id = await assessment.openSheet(county, { schemeId: fsDraft, postId: span.postId, period: `${last}-12` });
    await scoreAndPublish(county, id, (i) => (i % 3 === 0 ? 1 : 0));
    firstSecretaries++;
  }

  // 年交账: this year's project scheme, every project of the county that gave its account, by the committee above it
  const pDraft = await assessment.createScheme(county, { year, subjectKind: 'project', name: `${year}年度党建项目年交账考评（示例）` });
  await assessment.publishScheme(county, pDraft, (await assessment.scheme(county, pDraft)).version);
  let scored = 0;
  for (const [i, p] of (await projects.assessmentSubjects(county, year)).entries()) {
    // a village's project is appraised by its township (五里镇 has a demo account); a township's own by the county
    const scorer = p.org.type === 'township' ? county : p.org.path.startsWith(wuli.scope.path) ? wuli : null;
    if (!scorer) continue;
    const id = await assessment.openSheet(scorer, { schemeId: pDraft, projectId: p.id, period: `${year}-12` });
    await scoreAndPublish(scorer, id, (k) => (k % (i + 2) === 0 ? 2 : 0.5));
    scored++;
  }
  return { firstSecretaries, projects: scored, year: last };
}
