import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// docs/rules-coverage.md claims a test for each rule it marks done or param: hold it to that.
const doc = readFileSync(new URL('../../../docs/rules-coverage.md', import.meta.url), 'utf8');
const rows = doc
  .split('\n')
  .filter((l) => /^\| R-[A-Z]+-\d{2} \|/.test(l))
  .map((l) => l.split('|').map((c) => c.trim()))
  .map(([, id, , status, , tests]) => ({ id: id!, status: status!, tests: tests! }));

describe('docs/rules-coverage.md', () => {
  it('lists each rule once, the 106 rules of rules.md §3–7 and §12', () => {
    expect(rows).toHaveLength(106);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('names, for every rule done or param, test files that mention the rule id', () => {
    for (const r of rows.filter((x) => /^(done|param|partly)/.test(x.status))) {
      const files = [...r.tests.matchAll(/`([^`]+\.test\.ts)`/g)].map((m) => m[1]!);
      expect(files.length, r.id).toBeGreaterThan(0);
      const mentioned = files.some((f) => readFileSync(new URL(`../${f}`, import.meta.url), 'utf8').includes(r.id));
      expect(mentioned, `${r.id} in ${files.join(', ')}`).toBe(true);
    }
  });
});
