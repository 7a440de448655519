/**
 * Property-based robustness tests of the engine (fast-check). `npm test` runs a quick sample
 * (FUZZ_RUNS, default 200 per property); `npm run fuzz` sets FUZZ_RUNS=100000 and prints the count.
 * A failure prints the seed and the shrunk counterexample; re-run with FUZZ_SEED=<seed>.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { defaultConfig, fixAll, lintText, safeFixes } from '../../server/src/engine';
import { anyNote, mutatedNote, randomText, tokenSoup, validNote } from './arbitraries';
import { allFixes, applyAndCheckLines, resultViolations } from './invariants';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** The bound for one engine call; inputs here are a few KB, so this is a 100× margin, not a benchmark. */
const MAX_CALL_MS = 1000;
const config = defaultConfig();

let cases = 0;
let slowest = 0;

function timedLint(text: string) {
  const t0 = performance.now();
  const r = lintText(text, config);
  const ms = performance.now() - t0;
  slowest = Math.max(slowest, ms);
  cases++;
  assert.ok(ms < MAX_CALL_MS, `lintText took ${ms.toFixed(0)} ms on a ${text.length}-character input`);
  return r;
}

function params(): fc.Parameters<unknown> {
  return { numRuns: RUNS, seed: SEED, endOnFailure: true };
}

describe(`engine fuzz (${RUNS} runs per property)`, function () {
  // Hang guard: a run that never returns fails here instead of blocking CI forever.
  this.timeout(Math.max(60_000, RUNS * 50));

  // Warm-up (module initialisation, JIT) is not a property of any input.
  before(() => {
    lintText('---\ncharges:\n  - code: 97760\n---\n## Device\nType: AFO\n', config);
  });

  after(() => {
    console.log(`      fuzz: ${cases.toLocaleString('en-US')} engine cases checked, slowest call ${slowest.toFixed(1)} ms`);
  });

  for (const [name, arb] of [
    ['generated valid notes', validNote],
    ['mutated notes (lines and characters deleted, duplicated, swapped, inserted)', mutatedNote],
    ['token soup', tokenSoup],
    ['random text (any code units, lone surrogates)', randomText],
  ] as const) {
    it(`${name}: lintText never throws, ranges and fix edits stay inside the document`, () => {
      fc.assert(
        fc.property(arb, (text) => {
          const r = timedLint(text);
          assert.deepEqual(resultViolations(text, r), []);
        }),
        params(),
      );
    });
  }

  it('applying any set of offered fixes leaves untouched lines unchanged, and the result lints cleanly', () => {
    fc.assert(
      fc.property(anyNote, fc.array(fc.boolean(), { maxLength: 64 }), (text, pick) => {
        const r = timedLint(text);
        const fixes = allFixes(r.findings).filter((_, i) => pick[i % Math.max(1, pick.length)] ?? true);
        const applied = applyAndCheckLines(text, fixes);
        assert.deepEqual(applied.violations, []);
        const again = timedLint(applied.text);
        assert.deepEqual(resultViolations(applied.text, again), []);
      }),
      params(),
    );
  });

  it('the safe fixes alone keep untouched lines, and fix-all applied twice equals once', () => {
    fc.assert(
      fc.property(anyNote, (text) => {
        const r = timedLint(text);
        assert.deepEqual(applyAndCheckLines(text, safeFixes(r.findings)).violations, []);
        const once = fixAll(text, config).text;
        const twice = fixAll(once, config).text;
        cases += 2;
        assert.equal(twice, once, 'fixAll is not idempotent');
        assert.deepEqual(resultViolations(once, timedLint(once)), []);
      }),
      params(),
    );
  });
});
