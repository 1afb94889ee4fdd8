// A child process for durability.test.ts: owns a PGlite folder, commits numbered rows one
// transaction at a time and says so on stdout after each commit; then opens a transaction it
// never commits and waits to be killed (kill -9) in the middle of it.
import { openPglite } from './db.js';

const dir = process.argv[2]!;
const rows = Number(process.argv[3] ?? 20);
const db = await openPglite({ dataDir: dir });
await db.exec(`CREATE TABLE IF NOT EXISTS durable (n int PRIMARY KEY, note text NOT NULL)`);
for (let n = 1; n <= rows; n++) {
  await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO durable (n, note) VALUES ($1, $2)`, [n, `已提交第${n}行`]);
  });
  process.stdout.write(`committed ${n}\n`);
}
void db.transaction(async (tx) => {
  await tx.query(`INSERT INTO durable (n, note) VALUES ($1, 'never committed')`, [rows + 1]);
  process.stdout.write('uncommitted\n');
  await new Promise(() => undefined); // killed here
});
