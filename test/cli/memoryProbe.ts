/**
 * Run by test/cli/memory.test.ts in a fresh `node --expose-gc` process (a long test process frees
 * compiled code and other tests' leftovers while it runs, which would blur the count):
 *   node --expose-gc memoryProbe.js DIR COUNT [DIR COUNT ...]
 * prints, as JSON, for each folder in turn, the bytes of heap still in use by objects (after a full
 * garbage collection; compiled code left out) when the last of its COUNT notes is checked, minus those before the run.
 */
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import { checkFiles, ConfigCache } from '../../server/src/cli/checkFiles';
import { expandInputs } from '../../server/src/cli/files';
import { RowSpill, StreamedReport } from '../../server/src/cli/output';
import type { Row } from '../../server/src/cli/report';
import { nodeFileAccess } from '../../server/src/node/nodeFs';

/** Heap in use by objects, leaving out compiled code (how much of it the optimising compiler has made by then varies). */
function heapUsedWithoutCode(): number {
  let used = 0;
  for (const s of v8.getHeapSpaceStatistics()) if (!s.space_name.includes('code')) used += s.space_used_size;
  return used;
}

async function retainedAtLastNote(dir: string, count: number, gc: () => void): Promise<number> {
  const fsa = nodeFileAccess({ blocking: true });
  const spill = new RowSpill();
  try {
    gc();
    gc();
    const before = heapUsedWithoutCode();
    const configs = new ConfigCache(fsa);
    const { files } = await expandInputs(fsa, [dir], dir);
    if (files.length !== count) throw new Error(`${files.length} notes in ${dir}, not ${count}`);
    const report = new StreamedReport(spill, false);
    let seen = 0;
    let atLast = 0;
    const sink = {
      note(file: string, rows: Row[], packed?: string) {
        report.note(file, rows, packed);
        if (++seen === count) {
          gc();
          gc();
          atLast = heapUsedWithoutCode();
        }
      },
      more: (file: string, rows: Row[]) => report.more(file, rows),
    };
    await checkFiles(fsa, files, { fix: false, announceFixes: false, cwd: dir }, configs, () => {}, sink);
    if (seen !== count) throw new Error(`${seen} notes checked, not ${count}`);
    if (spill.rows <= count / 10) throw new Error('the corpus has too few findings');
    return atLast - before;
  } finally {
    spill.close();
  }
}

async function probe(args: string[]): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const out: number[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) {
    if (!fs.statSync(args[i]).isDirectory()) throw new Error(`${args[i]} is not a folder`);
    out.push(await retainedAtLastNote(args[i], Number(args[i + 1]), gc));
  }
  process.stdout.write(JSON.stringify(out));
}

if (require.main === module) {
  probe(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
