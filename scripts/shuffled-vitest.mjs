// The PostgreSQL pass of CI runs the server tests with their files in a random order, so that a
// file that only passes after another one (shared rows, a migration left half-applied, a global)
// fails somewhere instead of hiding behind the usual order. The seed is printed first; the same
// seed gives the same order: LIANXIN_TEST_SEED=<seed> npm run test:db
import { spawnSync } from 'node:child_process';

const seed = Number(process.env.LIANXIN_TEST_SEED) || Math.floor(Math.random() * 1e9);
console.log(`== test files in random order, seed ${seed} (repeat with LIANXIN_TEST_SEED=${seed}) ==`);
const run = spawnSync('npx', ['vitest', 'run', '--sequence.shuffle.files', `--sequence.seed=${seed}`, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
