// `npm run demo`: loads the demo county (宜君县) into the configured database, once.
import { readConfig } from '../config.js';
import { openPglite, openPostgres } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { createPiiCipher, loadDataKey } from '../core/pii.js';
import { generatePassword, checkPasswordPolicy } from '../core/password.js';
import { demoLoaded, loadDemoCounty } from './demo-county.js';
import { loadDemoActivity } from './demo-activity.js';
import { loadDemoAssessment } from './demo-assessment.js';
import { loadDemoOrglife } from './demo-orglife.js';
import { loadDemoCadres } from './demo-cadres.js';
import { loadDemoWeakOrgs } from './demo-weakorgs.js';
import { loadDemoFunds } from './demo-funds.js';
import { loadDemoFlows } from './demo-flows.js';
import { loadDemoProjects } from './demo-projects.js';
import { loadDemoSubjects } from './demo-subjects.js';
import { loadDemoOpenness } from './demo-openness.js';
import { loadDemoAppraisal } from './demo-appraisal.js';
import { loadDemoTraining } from './demo-training.js';
import { loadDemoStars } from './demo-stars.js';
import { loadDemoPoints } from './demo-points.js';
import { loadDemoDesignations } from './demo-designations.js';
import { loadDemoSelection } from './demo-selection.js';

const config = readConfig();
const db = config.databaseUrl ? await openPostgres(config.databaseUrl, 2) : await openPglite({ dataDir: config.dataDir });
try {
  await migrate(db);
  if (await demoLoaded(db)) {
    console.log('演示县（宜君县）已经载入过，无需重复载入。');
  } else {
    const password = config.demoPassword ?? generatePassword();
    const problem = checkPasswordPolicy(password);
    if (problem) throw new Error(`LIANXIN_DEMO_PASSWORD 不符合密码策略：${problem.zh}`);
    const { key } = loadDataKey(config.dataKey, config.keyFile);
    const pii = createPiiCipher(key);
    const demo = await loadDemoCounty(db, pii, { demoPassword: password });
    await loadDemoActivity(db, pii);
    await loadDemoAssessment(db);
    await loadDemoOrglife(db, demo.countyId);
    await loadDemoCadres(db, pii);
    await loadDemoWeakOrgs(db, pii);
    await loadDemoFunds(db, pii);
    await loadDemoFlows(db, demo.countyId);
    await loadDemoProjects(db, pii);
    await loadDemoSubjects(db, pii);
    await loadDemoOpenness(db, demo.countyId);
    await loadDemoAppraisal(db, demo.countyId);
    await loadDemoTraining(db, pii);
    await loadDemoStars(db, pii);
    await loadDemoSelection(db, pii);
    await loadDemoPoints(db);
    await loadDemoDesignations(db, pii);
    console.log(`演示县已载入：${demo.orgs} 个组织，${demo.people} 名人员。`);
    console.log(`演示账号：${demo.accounts.map((a) => a.username).join('、')}；密码：${config.demoPassword ? '取自 LIANXIN_DEMO_PASSWORD' : password}`);
  }
} catch (err) {
  console.error(`载入失败：${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
