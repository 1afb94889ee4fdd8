import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const API = process.env.LIANXIN_API ?? 'http://localhost:3000';

/**
 * After a build, writes dist/size-report.json and prints the gzipped JavaScript each route loads
 * (the entry chunk, the app or public chunk, the page chunk and everything they import statically).
 */
function sizeReport(): Plugin {
  return {
    name: 'lianxin-size-report',
    apply: 'build',
    writeBundle(options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const gz = (file: string) => {
        const c = byName.get(file);
        return c && c.type === 'chunk' ? gzipSync(c.code, { level: 9 }).length : 0;
      };
      const closure = (roots: string[]) => {
        const seen = new Set<string>();
        const visit = (f: string) => {
          if (seen.has(f)) return;
          seen.add(f);
          const c = byName.get(f);
          if (c && c.type === 'chunk') c.imports.forEach(visit);
        };
        roots.forEach(visit);
        return seen;
      };
      const entry = chunks.find((c) => c.isEntry);
      const routeChunk = (page: string) => chunks.find((c) => c.facadeModuleId?.endsWith(page))?.fileName;
      const routes: Record<string, string | undefined> = {
        login: routeChunk('LoginPage.tsx'),
        shell: routeChunk('AppShell.tsx'),
        orgs: routeChunk('OrgTreePage.tsx'),
        people: routeChunk('PeopleListPage.tsx'),
        person: routeChunk('PersonDetailPage.tsx'),
        import: routeChunk('ImportPage.tsx'),
        audit: routeChunk('AuditPage.tsx'),
        home: routeChunk('HomePage.tsx'),
        ledger: routeChunk('LedgerListPage.tsx'),
        problem: routeChunk('ProblemDetailPage.tsx'),
        dispatch: routeChunk('InboxPage.tsx'),
        report: routeChunk('AssignmentPage.tsx'),
        board: routeChunk('BoardPage.tsx'),
        requests: routeChunk('RequestsPage.tsx'),
        request: routeChunk('RequestDetailPage.tsx'),
        // The public citizen pages (unit card and submit, track, closures): one light chunk without antd.
        public: routeChunk('public/main.tsx'),
      };
      const app = routeChunk('app/main-app.tsx') ?? '';
      // The public pages stand alone; the login page needs the app but not the signed-in shell.
      const rootsOf = (route: string, file: string, entryFile: string) =>
        route === 'public' ? [entryFile, file] : route === 'login' ? [entryFile, app, file] : [entryFile, app, routes.shell ?? '', file];
      const report: Record<string, unknown> = {};
      const kb = (n: number) => Math.round(n / 102.4) / 10;
      for (const [route, file] of Object.entries(routes)) {
        if (!file || !entry) continue;
        const roots = rootsOf(route, file, entry.fileName);
        const files = [...closure(roots.filter(Boolean))];
        report[route] = { gzipKB: kb(files.reduce((s, f) => s + gz(f), 0)), files: files.length };
      }
      const all = chunks.map((c) => ({ file: c.fileName, gzipKB: kb(gz(c.fileName)) })).sort((a, b) => b.gzipKB - a.gzipKB);
      report.chunks = all;
      const out = options.dir ?? 'dist';
      fs.writeFileSync(path.join(out, 'size-report.json'), JSON.stringify(report, null, 2));
      const lines = Object.entries(report)
        .filter(([k]) => k !== 'chunks')
        .map(([k, v]) => `  ${k.padEnd(16)} ${(v as { gzipKB: number }).gzipKB} kB gzip`);
      console.log(`\n路由首屏 JavaScript（含共享块，gzip）：\n${lines.join('\n')}\n`);
    },
  };
}

/**
 * Writes `file.br` and `file.gz` beside every text asset of the build (the server sends them with
 * @fastify/static's `preCompressed`, so nothing is compressed per request on a 2-core box).
 */
function precompress(): Plugin {
  return {
    name: 'lianxin-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const out = options.dir ?? 'dist';
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json|txt|map)$/.test(file)) continue;
        const full = path.join(out, file);
        const data = fs.readFileSync(full);
        if (data.length < 1024) continue;
        fs.writeFileSync(`${full}.br`, brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        fs.writeFileSync(`${full}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), sizeReport(), precompress()],
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { '/api': { target: API, changeOrigin: false } },
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // The contract's schemas build TypeBox objects at module level; the web uses only its
      // types and label maps, so let the bundler drop the rest.
      treeshake: { moduleSideEffects: (id: string) => !id.includes('/packages/contract/') },
    },
  },
});
