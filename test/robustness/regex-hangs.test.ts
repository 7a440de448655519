/**
 * Regular expressions that eslint-plugin-regexp (no-super-linear-backtracking / no-super-linear-move)
 * flagged as quadratic, each driven through the code that uses it with a long line. Before the
 * fixes each case took seconds at this size (minutes at the 2,000,000-character note limit); a
 * linear scan takes a few milliseconds.
 */
import * as assert from 'node:assert/strict';
import { defaultConfig, lintText, parseNote } from '../../server/src/engine';
import { provideCompletion } from '../../server/src/lsp/completion';

const N = 100_000;
const BUDGET_MS = 1000;

function timed<T>(what: string, f: () => T): T {
  const t0 = performance.now();
  const r = f();
  const ms = performance.now() - t0;
  assert.ok(ms < BUDGET_MS, `${what} took ${ms.toFixed(0)} ms (budget ${BUDGET_MS} ms): quadratic again?`);
  return r;
}

describe('regular expressions stay linear on long lines', () => {
  it('signature credentials: a provider of 100,000 dots and dashes after a letter', () => {
    const text = `---\npatient: MRN-1\ndate: 2026-01-05\ndiscipline: PT\nprovider: A${'.-'.repeat(N / 2)}/\n---\n## Plan\nNext visit in 2 weeks.\n`;
    const r = timed('lintText', () => lintText(text, defaultConfig()));
    assert.ok(r.findings.length > 0);
  });

  it('completion: the word before the cursor after 100,000 word characters', () => {
    const text = `---\npatient: MRN-1\n---\n## Plan\n${'a'.repeat(N)} \n`;
    timed('completion', () => provideCompletion(parseNote(text), { line: 4, character: N + 1 }));
  });

  it('completion: a field label followed by 100,000 blanks and no colon', () => {
    const text = `---\npatient: MRN-1\n---\n## Plan\nNext visit${' '.repeat(N)}x\n`;
    const items = timed('completion', () => provideCompletion(parseNote(text), { line: 4, character: 10 + N + 1 }));
    assert.ok(Array.isArray(items));
  });

  it('completion: a front-matter key, 100,000 blanks, then a line separator', () => {
    const text = `---\npatient:${' '.repeat(N)}x\u2028y\n---\n## Plan\n`;
    timed('completion', () => provideCompletion(parseNote(text), { line: 1, character: N + 12 }));
  });
});
