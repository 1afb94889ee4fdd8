// `npm start`: builds the web app when its sources changed, then starts the server (API and web
// on one port) on the embedded database in ./data, loading the demo county on first start.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'packages/web');

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

if (fs.existsSync(path.join(web, 'package.json'))) {
  const built = path.join(web, 'dist/index.html');
  const stale = !fs.existsSync(built) || newestMtime(path.join(web, 'src')) > fs.statSync(built).mtimeMs;
  if (stale) {
    console.log('正在构建网页端……');
    const r = spawnSync('npm', ['run', 'build', '-w', '@lianxin/web'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

// A larger young generation (64 MB semispaces; V8's default is 16): a request's garbage — rows,
// the answer's text — dies young, and fewer scavenges cost the server less CPU per request
// (bench/README.md, twelfth session: +15–25 % requests a second on the hot lists). `npm run serve` and
// `npm run bench` run with the same flag.
const child = spawn(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', 'packages/server/src/main.ts'], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
