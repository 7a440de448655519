/**
 * The workspace index over an asynchronous file access (as in the browser, where every stat and
 * read is a round trip to the client): a full run keeps several reads in flight, yet commits the
 * notes one at a time in order, and finds every note.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CrossNoteChecker, defaultConfig, type FileAccess } from '../../server/src/engine';
import { installRuntime } from '../../server/src/lsp/runtime';
import { readAhead, WorkspaceIndex } from '../../server/src/lsp/workspaceIndex';
import { nodeRuntime } from '../../server/src/node/nodeRuntime';
import { MemoryFs } from '../helpers/memoryFs';
import { REPO_ROOT } from '../helpers/paths';

const CLEAN = fs.readFileSync(path.join(REPO_ROOT, 'test', 'lsp', 'fixtures', 'clean-97760-pt.tnote'), 'utf8');
const quietLog = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** `fs` with every stat and read answered after `ms` milliseconds; counts the calls in flight. */
function slow(fs: FileAccess, ms: number) {
  const seen = { inFlight: 0, most: 0 };
  const later = <T>(p: () => Promise<T>): Promise<T> => {
    seen.inFlight++;
    seen.most = Math.max(seen.most, seen.inFlight);
    return new Promise<void>((r) => setTimeout(r, ms)).then(p).finally(() => seen.inFlight--);
  };
  const access: FileAccess = {
    stat: (p) => later(() => fs.stat(p)),
    readFile: (p, o) => later(() => fs.readFile(p, o)),
    readDirectory: (p) => fs.readDirectory(p),
    realPath: (p) => fs.realPath(p),
    join: (d, n) => fs.join(d, n),
    dirname: (p) => fs.dirname(p),
    resolve: (d, p) => fs.resolve(d, p),
  };
  return { access, seen };
}

(process.platform === 'win32' ? describe.skip : describe)('workspace index over an asynchronous file access (POSIX paths)', () => {
  before(() => installRuntime(nodeRuntime()));

  it('reads ahead, commits in order and indexes every note', async () => {
    const mem = new MemoryFs();
    const names = Array.from({ length: 60 }, (_, i) => `/ws/n${String(i).padStart(2, '0')}.tnote`);
    names.forEach((n, i) => mem.file(n, CLEAN.replace('MRN-004211', `MRN-${i}`)));
    mem.file('/ws/sub/gone.tnote', CLEAN);
    const { access, seen } = slow(mem, 3);
    const index = new WorkspaceIndex(() => Promise.resolve(defaultConfig()), quietLog, new CrossNoteChecker(), access);
    const order: string[] = [];
    index.onUpdated = (id) => order.push(id);
    await index.indexFolders(['file:///ws']);
    assert.equal(index.size, 61);
    assert.deepEqual(order, [...order].sort(), 'committed in path order');
    assert.ok(seen.most > 4, `several stats and reads in flight (at most ${seen.most})`);
    assert.ok(seen.most <= 2 * 24 + 2, `a bounded number in flight (${seen.most})`);
  });

  it('read-ahead answers each file once, and what it does not hold goes to the file access', async () => {
    const mem = new MemoryFs().file('/a.tnote', 'A').file('/b.tnote', 'BB').file('/c.tnote', 'CCC');
    const ra = readAhead(mem, ['/a.tnote', '/b.tnote', '/c.tnote'], 1, 100);
    assert.equal((await ra.stat('/a.tnote')).size, 1);
    assert.equal(mem.calls.readFile, 2, 'a and the next one read ahead');
    assert.equal(new TextDecoder().decode(await ra.readFile('/a.tnote', { maxBytes: 100 })), 'A');
    mem.file('/a.tnote', 'changed');
    // Handed out once: a second read goes to the file access (the current content).
    assert.equal(new TextDecoder().decode(await ra.readFile('/a.tnote', { maxBytes: 100 })), 'changed');
    // Another size limit than the one read ahead with: not served from the read-ahead.
    await assert.rejects(ra.readFile('/b.tnote', { maxBytes: 1 }), (e: { code?: string }) => e.code === 'EFBIG');
  });
});
