/**
 * The CLI's note reader (issue 13, warm `--cache` runs): notes read synchronously into one buffer
 * reused from note to note (nodeFs.ts SyncNoteReader), and cache hits' rows kept as views of the
 * cache file (output.ts RowSpill). Same bytes, same refusals, same report as before.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RowSpill } from '../../server/src/cli/output';
import type { Row } from '../../server/src/cli/report';
import { errorCode } from '../../server/src/engine';
import { nodeFileAccess, SyncNoteReader } from '../../server/src/node/nodeFs';
import { NO_MODIFIER, run, tempDir } from './helpers';

const posix = process.platform !== 'win32';

describe('SyncNoteReader: notes read into one reused buffer', () => {
  it('gives each file its own bytes and stat, small after large after small, past the buffer and past 1 MB', () => {
    const sizes = [10, 70_000, 3, 2_000_000, 65_535, 65_536, 65_537, 0, 500];
    const files: Record<string, Buffer> = {};
    sizes.forEach((n, i) => (files[`f${i}.tnote`] = Buffer.from(Array.from({ length: n }, (_, k) => (k * 7 + i) % 251))));
    const dir = tempDir(files);
    const reader = new SyncNoteReader();
    for (const [name, want] of Object.entries(files)) {
      const got = reader.read(path.join(dir, name), { maxBytes: 50 * 1024 * 1024 });
      assert.ok(Buffer.from(got.bytes).equals(want), name);
      const st = fs.statSync(path.join(dir, name));
      assert.deepEqual(got.stat, { kind: 'file', size: st.size, mtimeMs: st.mtimeMs }, name);
    }
  });

  it('the bytes are a view that the next read reuses (copy them to keep them), as documented', () => {
    const dir = tempDir({ 'a.tnote': 'aaaa', 'b.tnote': 'bbbb' });
    const reader = new SyncNoteReader();
    const a = reader.read(path.join(dir, 'a.tnote')).bytes;
    const kept = Buffer.from(a);
    reader.read(path.join(dir, 'b.tnote'));
    assert.equal(Buffer.from(a).toString(), 'bbbb');
    assert.equal(kept.toString(), 'aaaa');
  });

  it('refuses what readFileWithStat refuses, with the same codes: a folder, a file over the limit, a missing file, a pipe', async () => {
    const dir = tempDir({ 'big.tnote': 'x'.repeat(1000) });
    const reader = new SyncNoteReader();
    const fsa = nodeFileAccess({ blocking: true });
    const cases: [string, number | undefined][] = [
      [dir, undefined],
      [path.join(dir, 'big.tnote'), 999],
      [path.join(dir, 'missing.tnote'), undefined],
    ];
    if (posix) {
      execFileSync('mkfifo', [path.join(dir, 'pipe.tnote')]);
      cases.push([path.join(dir, 'pipe.tnote'), undefined], ['/dev/zero', undefined]);
    }
    for (const [file, maxBytes] of cases) {
      let code: string | undefined;
      assert.throws(
        () => reader.read(file, { maxBytes }),
        (e: unknown) => ((code = errorCode(e)), true),
        file,
      );
      await assert.rejects(fsa.readFileWithStat!(file, { maxBytes }), (e: unknown) => errorCode(e) === code, `${file}: ${code}`);
    }
    // The reader still works after refusals.
    assert.equal(Buffer.from(reader.read(path.join(dir, 'big.tnote')).bytes).length, 1000);
  });

  it('tnote check --cache over a pipe and /dev/zero: the same messages and exit status as without the cache, cold and warm', function () {
    if (!posix) this.skip();
    const dir = tempDir({ 'good.tnote': NO_MODIFIER });
    execFileSync('mkfifo', [path.join(dir, 'pipe.tnote')]);
    const args = ['check', '--format', 'json', '/dev/zero', 'pipe.tnote', 'good.tnote'];
    const plain = run(args, dir);
    assert.equal(plain.code, 2);
    for (const pass of ['cold', 'warm']) {
      const r = run([...args, '--cache'], dir);
      assert.equal(r.code, plain.code, pass);
      assert.equal(r.stdout, plain.stdout, pass);
      assert.equal(r.stderr, plain.stderr, pass);
    }
  });
});

describe("RowSpill: a cache hit's rows kept as a view of the cache file", () => {
  const row = (file: string, line: number, message: string): Row => ({ file, line, column: 1, endLine: line, endColumn: 4, rule: 'unknown-section', severity: 'info', message, fixable: false });
  it('gives back the rows of a view, of text and of rows packed here, each under its own file', () => {
    const spill = new RowSpill();
    try {
      const viewed = [row('v.tnote', 2, 'from the cache ü'), row('v.tnote', 5, 'two')];
      const bytes = Buffer.from(`xx${JSON.stringify(viewed.map((r) => [r.line, r.column, r.endLine, r.endColumn, r.rule, r.severity, r.message, 0]))}yy`);
      spill.put('v.tnote', viewed, bytes.subarray(2, bytes.length - 2));
      spill.put('p.tnote', [row('p.tnote', 1, 'packed here')]);
      assert.throws(() => spill.put('v.tnote', viewed, bytes.subarray(2, bytes.length - 2)), /already spilled/);
      assert.deepEqual(spill.take('v.tnote'), viewed);
      assert.deepEqual(spill.take('p.tnote'), [row('p.tnote', 1, 'packed here')]);
      assert.deepEqual(spill.take('none.tnote'), []);
      assert.equal(spill.rows, 3);
    } finally {
      spill.close();
    }
  });
});

describe('the blocking readDirectory: names as text, bytes only where a name is not UTF-8', () => {
  it('a valid name holding U+FFFD is kept as it is; a byte that is not UTF-8 is escaped; the kinds are right', async function () {
    const dir = tempDir({ 'plain.tnote': 'x', 'with \ufffd mark.tnote': 'y' });
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.symlinkSync('plain.tnote', path.join(dir, 'link.tnote'));
    const fsa = nodeFileAccess({ blocking: true });
    const sorted = (entries: { name: string; kind: string }[]) => entries.map((e) => `${e.name}:${e.kind}`).sort();
    const want = ['link.tnote:symlink', 'plain.tnote:file', 'sub:directory', 'with \ufffd mark.tnote:file'];
    assert.deepEqual(sorted(await fsa.readDirectory(dir)), want);
    try {
      fs.writeFileSync(Buffer.concat([Buffer.from(`${dir}/bad-`), Buffer.from([0xff]), Buffer.from('.tnote')]), 'z');
    } catch {
      if (process.platform === 'linux') throw new Error('Linux file systems take any byte in a name');
      return this.skip();
    }
    assert.deepEqual(sorted(await fsa.readDirectory(dir)), ['bad-\udcff.tnote:file', ...want].sort());
  });
});
