// Modules have a front door: a file of modules/A reaches modules/B only through B's index.ts; the
// app and the core reach a module only through its index.ts; a repository (a module's SQL) is
// imported by its own module alone. The listed exceptions are the data loaders that write
// fixtures and demo data straight into the tables, each named with its reason.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('..', import.meta.url));
const root = path.resolve(src, '../../..');
const modulesDir = path.join(src, 'modules');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesUnder(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Every relative import of a file (static, side-effect, re-export and dynamic), resolved to a path under the repository. */
function importsOf(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const specs = [
    ...text.matchAll(/(?:^|\s)(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/(?:^|\s)import\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
  return specs.filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), s).replace(/\.js$/, '.ts'));
}

const moduleOf = (file: string): string | null => {
  const rel = path.relative(modulesDir, file);
  return rel.startsWith('..') ? null : rel.split(path.sep)[0]!;
};
const isFrontDoor = (file: string) => path.basename(file) === 'index.ts' && path.dirname(path.dirname(file)) === modulesDir;
const rel = (file: string) => path.relative(root, file);

/** Data loaders that write rows straight into a module's tables (demo county, synthetic scale data, the bench's raw-SQL baseline). */
const LOADERS = [/^packages\/server\/src\/cli\//, /^bench\//];

/** The violations of the front-door rules among these files. */
function violations(files: readonly string[], read: (f: string) => string = (f) => fs.readFileSync(f, 'utf8')): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = moduleOf(file);
    const loader = LOADERS.some((r) => r.test(rel(file)));
    for (const target of importsOf(file, read(file))) {
      const to = moduleOf(target);
      if (to === null || to === from) continue;
      if (/\.repository\.ts$/.test(target) && !loader) found.push(`${rel(file)} imports ${rel(target)}: a repository is its own module's`);
      else if (!isFrontDoor(target) && !loader) found.push(`${rel(file)} imports ${rel(target)}: use modules/${to}/index.ts`);
    }
  }
  return found;
}

describe('module front doors', () => {
  it('every module has an index.ts', () => {
    const modules = fs.readdirSync(modulesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(modules.length).toBeGreaterThan(5);
    expect(modules.filter((m) => !fs.existsSync(path.join(modulesDir, m, 'index.ts')))).toEqual([]);
  });

  it('no file reaches into another module except through its index.ts, and no repository is imported across modules', () => {
    const files = [...filesUnder(src), ...(fs.existsSync(path.join(root, 'bench')) ? filesUnder(path.join(root, 'bench')) : [])];
    expect(violations(files)).toEqual([]);
  });

  it('the scan catches a module importing another module\'s service or repository, and the app importing a routes file', () => {
    const texts: Record<string, string> = {
      [path.join(modulesDir, 'home/home.service.ts')]: `import { x } from '../ledger/ledger.service.js';\nimport type { Y } from '../ledger/index.js';`,
      [path.join(modulesDir, 'inspections/x.ts')]: `export { y } from '../ledger/ledger.repository.js';\nimport '../lists/tasks.case.js';`,
      [path.join(src, 'app.ts')]: `import { r } from './modules/orgs/orgs.routes.js';\nconst m = await import('./modules/people/index.js');`,
      [path.join(src, 'cli/demo-county.ts')]: `import { insertOrg } from '../modules/orgs/orgs.repository.js';`,
    };
    expect(violations(Object.keys(texts), (f) => texts[f]!).map((v) => v.split(':')[0])).toEqual([
      'packages/server/src/modules/home/home.service.ts imports packages/server/src/modules/ledger/ledger.service.ts',
      'packages/server/src/modules/inspections/x.ts imports packages/server/src/modules/ledger/ledger.repository.ts',
      'packages/server/src/modules/inspections/x.ts imports packages/server/src/modules/lists/tasks.case.ts',
      'packages/server/src/app.ts imports packages/server/src/modules/orgs/orgs.routes.ts',
    ]);
  });
});
