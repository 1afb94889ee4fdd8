// Every registered case type has a well-formed workflow and an exhaustive transition test: a new
// type registered without one fails here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseTypes, openPredicate } from './registry.js';
import { validateWorkflow } from './workflow.js';

const modulesDir = fileURLToPath(new URL('../../modules/', import.meta.url));
/** Every module file that registers a case type. */
const registering = fs.readdirSync(modulesDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .filter((f) => fs.readFileSync(path.join(modulesDir, f), 'utf8').includes('registerCaseType('));

beforeAll(async () => {
  for (const f of registering) await import(path.join(modulesDir, f));
});

describe('the case type registry', () => {
  it('holds the types the modules register', () => {
    expect(registering.length).toBeGreaterThanOrEqual(3);
    expect(caseTypes().map((t) => t.workflow.caseType).sort()).toEqual(['consultation', 'designation', 'development', 'flow_matter', 'problem', 'project', 'public_selection', 'request', 'research', 'score_sheet', 'task', 'theme_day', 'weak_org']);
  });

  it('every registered workflow is well formed', () => {
    for (const t of caseTypes()) expect(validateWorkflow(t.workflow), t.workflow.caseType).toEqual([]);
  });

  it('every registered workflow has an exhaustive state × transition × role test', async () => {
    for (const t of caseTypes()) {
      const file = fileURLToPath(t.workflowTest);
      expect(fs.existsSync(file), `${t.workflow.caseType}: ${file}`).toBe(true);
      const text = fs.readFileSync(file, 'utf8');
      // the test runs the shared exhaustive check on this very workflow
      expect(text, `${t.workflow.caseType}: ${file} must call exhaustiveTransitions`).toMatch(/exhaustiveTransitions\(\s*(\w+)/);
      const target = /exhaustiveTransitions\(\s*(\w+)/.exec(text)![1]!;
      const mod = (await import(file.replace(/\.test\.ts$/, '.ts'))) as Record<string, unknown>;
      expect(mod[target], `${t.workflow.caseType}: ${target}`).toBe(t.workflow);
    }
  });

  it('every escalating type says where an overdue case goes, and every type defines open', () => {
    for (const t of caseTypes()) {
      if (t.workflow.sla.escalateOverdue) expect(t.escalateTo, t.workflow.caseType).toBeTypeOf('function');
      expect(openPredicate(t.workflow.caseType)).toMatch(/^c\.(resolved_at|closed_at) IS NULL/);
    }
    expect(() => openPredicate('no_such_type')).toThrow(/unknown case type/);
  });
});
