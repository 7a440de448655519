/** Helpers for tests that read every note in the repository or need a replayable random sequence. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

/** Every `.tnote` under `dir` (skipping node_modules, build output and hidden folders). */
export function tnoteFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'out' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) tnoteFiles(p, out);
    else if (e.isFile() && e.name.endsWith('.tnote')) out.push(p);
  }
  return out;
}

/**
 * A seeded generator (mulberry32), so every run tries the same inputs (a failure can be replayed):
 * the bench corpus's (bench/corpus.js `rngFrom`), one implementation for tests, bench and e2e.
 */
export const seededRandom: (seed: number) => () => number = // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(path.join(REPO_ROOT, 'bench', 'corpus.js')) as { rngFrom: (seed: number) => () => number }).rngFrom;
