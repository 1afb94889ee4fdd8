// Accounts for every skipped test in the output: after a full run (no -t filter), each skipped
// test is printed with its name, which must say why in parentheses — "(PostgreSQL only …)",
// "(skipped without DATABASE_URL: …)". A skip that gives no reason fails the run.
import path from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

const REASON = /\([^)]*\b(only|without|skipped|needs)\b[^)]*\)/i;

export default class SkipReporter implements Reporter {
  private filtered = false;

  onInit(vitest: Vitest) {
    this.filtered = !!vitest.config.testNamePattern;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    if (this.filtered) return; // `-t name` skips the rest on purpose
    const lines: string[] = [];
    let unexplained = 0;
    for (const m of testModules) {
      for (const test of m.children.allTests('skipped')) {
        const name = test.fullName;
        const ok = REASON.test(name);
        if (!ok) unexplained++;
        lines.push(`  ${ok ? '↓' : '✗ unexplained skip:'} ${path.relative(process.cwd(), m.moduleId)} > ${name}`);
      }
    }
    if (lines.length === 0) return;
    process.stdout.write(`\nSkipped tests (${lines.length}), each with its reason:\n${lines.join('\n')}\n`);
    if (unexplained > 0) {
      process.stdout.write(`${unexplained} skipped test(s) give no reason in their name: say why, e.g. "(PostgreSQL only: …)".\n`);
      process.exitCode = 1;
    }
  }
}
