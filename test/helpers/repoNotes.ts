/** Helpers for tests that read every note in the repository or need a replayable random sequence. */
import * as fs from 'node:fs';
import * as path from 'node:path';

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

/** mulberry32: a small seeded generator, so every run tries the same inputs (a failure can be replayed). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
