// `npm run dev`: the API server (embedded database in ./data, demo county on first start) and Vite
// with hot reload, which proxies /api to it. Open http://localhost:5173.
// With LIANXIN_API=http://host:port only Vite starts, against that server.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const children = [];
const run = (cmd, args, env = {}) => {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  children.push(child);
  child.on('exit', (code) => {
    for (const c of children) if (c !== child && c.exitCode === null) c.kill('SIGTERM');
    process.exitCode = code ?? 0;
  });
  return child;
};

const apiPort = process.env.PORT ?? '3000';
if (!process.env.LIANXIN_API) run(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], { PORT: apiPort, WEB_DIR: path.join(root, 'packages/web/no-dist') });
run('npx', ['vite', '--config', 'packages/web/vite.config.ts', 'packages/web'], { LIANXIN_API: process.env.LIANXIN_API ?? `http://localhost:${apiPort}` });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => children.forEach((c) => c.kill(signal)));
