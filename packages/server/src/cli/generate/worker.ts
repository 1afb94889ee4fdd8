// Worker thread of the generator: builds the people of the counties it is sent (names, ID
// numbers, encryption are the CPU-heavy part) while the main thread writes to PostgreSQL.
import { parentPort, workerData } from 'node:worker_threads';
import { createPiiCipher } from '../../core/pii.js';
import { buildCountyPeople } from './people.js';
import type { CountyPlan } from './plan.js';

export type WorkerInit = { key: string; seed: number; today: string };
export type WorkerRequest = { plan: CountyPlan };

const init = workerData as WorkerInit;
const pii = createPiiCipher(Buffer.from(init.key, 'base64'));
parentPort!.on('message', (msg: WorkerRequest) => {
  try {
    const t = performance.now();
    const people = buildCountyPeople(msg.plan, { seed: init.seed, today: init.today }, pii);
    parentPort!.postMessage({ ok: true, people, ms: performance.now() - t });
  } catch (err) {
    parentPort!.postMessage({ ok: false, message: (err as Error).message });
  }
});
