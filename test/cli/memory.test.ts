/**
 * The memory of one `tnote check` (issue 12 item 9, issue 13); counted, not timed.
 * - What it keeps per note for the whole run (the file list, the report's list of checked notes
 *   and spill index, the cross-note digests): the heap still in use (after a full garbage
 *   collection; compiled code left out) once the last note of a corpus is checked, for a small and a
 *   larger corpus of the bench's realistic notes; the difference per extra note must stay within
 *   a budget of 1,500 bytes (today 550–950: what the optimising compiler has made by then varies).
 *   Keeping each note's text (3–4 KB) fails; keeping its report rows (~250 bytes here) would not.
 * - The garbage it makes: bin/tnote.js keeps V8's young generation at its first size, so the old
 *   generation's limit (which grows with it) stays low too; a run of many notes lets it grow once,
 *   to 4 MB semi-spaces (server/src/cli/heap.ts). The test reads the young generation's size at
 *   exit, for a small and a large run, and with the user's own setting.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RUN_SEMI_SPACE_MB, YOUNG_GROWTH_NOTES } from '../../server/src/cli/heap';
import { CLI, REPO_ROOT } from '../helpers/paths';
import { tempDir } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const corpus = require(path.join(REPO_ROOT, 'bench', 'corpus.js')) as {
  generateCorpus: (seed: number, count: number) => unknown[];
  writeCorpus: (dir: string, notes: unknown[]) => string[];
};

/** The probe (test/cli/memoryProbe.ts) in a fresh process: bytes kept at the last note, per folder. */
function probe(...args: (string | number)[]): number[] {
  const r = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, 'memoryProbe.js'), ...args.map(String)], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as number[];
}

describe('CLI per-note memory (issue 12 item 9)', function () {
  this.timeout(120_000);
  const SMALL = 300;
  const LARGE = 1800;
  let small: string;
  let large: string;
  before(() => {
    small = tempDir();
    large = tempDir();
    corpus.writeCorpus(small, corpus.generateCorpus(97760, SMALL));
    corpus.writeCorpus(large, corpus.generateCorpus(97760, LARGE));
  });
  after(() => {
    for (const dir of [small, large]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('what a check keeps per note, for the whole run, stays under 1,500 bytes', () => {
    // Each in a fresh process after the same warm-up run (which compiles the code paths).
    const a = probe(small, SMALL, small, SMALL)[1];
    const b = probe(small, SMALL, large, LARGE)[1];
    const perNote = (b - a) / (LARGE - SMALL);
    assert.ok(perNote < 1500, `${perNote.toFixed(0)} bytes kept per note (${a} bytes at ${SMALL} notes, ${b} at ${LARGE})`);
    assert.ok(perNote > 0, `a check keeps something per note (${perNote.toFixed(0)} bytes): the measurement works`);
  });

  it("bin/tnote.js keeps V8's young generation at its first size, grows it once to 4 MB semi-spaces for a large run, unless the user sets its size", () => {
    const work = tempDir();
    const hook = path.join(work, 'young.js');
    const out = path.join(work, 'young.json');
    fs.writeFileSync(
      hook,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(out)}, String(require('v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size)));`,
    );
    const youngAtExit = (nodeArgs: string[], folder = small, notes = SMALL): number => {
      fs.rmSync(out, { force: true });
      const r = spawnSync(process.execPath, [...nodeArgs, '-r', hook, CLI, 'check', '--format', 'json', folder], {
        encoding: 'utf8',
        // The hook reads the process that checks: no second process (bin/respawn.js).
        env: { ...process.env, NODE_OPTIONS: '', TNOTE_V8_POOL: 'off' },
        maxBuffer: 1 << 28,
        timeout: 60_000,
      });
      assert.equal(r.status, 1, r.stderr);
      assert.equal((JSON.parse(r.stdout) as unknown[]).length > notes / 10, true);
      return Number(fs.readFileSync(out, 'utf8'));
    };
    const MB = 1 << 20;
    try {
      const kept = youngAtExit([]);
      assert.ok(kept > 0 && kept <= 2 * MB, `young generation ${kept} bytes`);
      // From YOUNG_GROWTH_NOTES notes on: grown once to two 4 MB semi-spaces, and held there.
      assert.ok(LARGE >= YOUNG_GROWTH_NOTES);
      const once = youngAtExit([], large, LARGE);
      assert.equal(once, 2 * RUN_SEMI_SPACE_MB * MB, `young generation ${once} bytes after ${LARGE} notes`);
      // The user's own setting wins; with it the young generation grows (as it would by default).
      const grown = youngAtExit(['--max-semi-space-size=16']);
      assert.ok(grown > 2 * MB, `young generation ${grown} bytes with --max-semi-space-size=16`);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
