// Worker thread of the generator: builds the people, or the case history, of the counties it is
// sent (names, ID numbers, encryption and timeline hashes are the CPU-heavy part) while the main
// thread writes to PostgreSQL.
import { parentPort, workerData } from 'node:worker_threads';
import { createPiiCipher } from '../../core/pii.js';
import { buildCountyCases, type CaseAccounts, type CaseOptions } from './cases.js';
import { buildCountyPeople } from './people.js';
import type { CountyPlan } from './plan.js';

export type WorkerInit = { key: string; seed: number; today: string };
export type WorkerRequest = { plan: CountyPlan; cases?: { options: CaseOptions; accounts: CaseAccounts } };

const init = workerData as WorkerInit;
const pii = createPiiCipher(Buffer.from(init.key, 'base64'));
parentPort!.on('message', (msg: WorkerRequest) => {
  try {
    const t = performance.now();
    const built = msg.cases
      ? buildCountyCases(msg.plan, msg.cases.options, pii, msg.cases.accounts)
      : buildCountyPeople(msg.plan, { seed: init.seed, today: init.today }, pii);
    parentPort!.postMessage({ ok: true, people: built, ms: performance.now() - t });
  } catch (err) {
    parentPort!.postMessage({ ok: false, message: (err as Error).message });
  }
});
