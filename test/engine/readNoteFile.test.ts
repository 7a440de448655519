/**
 * readNoteFile on Node's file access: the one-read path (`readFileWithStat`: open, fstat, read) of
 * both flavours says exactly what the stat-then-read path says, for notes and for what is not one.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readNoteFile, type FileAccess, type ReadPolicy } from '../../server/src/engine';
import { nodeFileAccess } from '../../server/src/node/nodeFs';

const POLICY: ReadPolicy = { maxBytes: 1000, decoding: 'strict' };

function withoutOneRead(fsa: FileAccess): FileAccess {
  const { readFileWithStat: _unused, ...rest } = fsa;
  return rest;
}

describe('readNoteFile: one open/fstat/read on Node', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-read-'));
    fs.writeFileSync(path.join(dir, 'note.tnote'), '\uFEFF---\ndate: 2026-11-20\n---\n## Plan\nWalk.\n');
    fs.writeFileSync(path.join(dir, 'exact.tnote'), 'x'.repeat(1000));
    fs.writeFileSync(path.join(dir, 'big.tnote'), 'x'.repeat(1001));
    fs.writeFileSync(path.join(dir, 'empty.tnote'), '');
    fs.writeFileSync(path.join(dir, 'nul.tnote'), 'a\0b');
    fs.writeFileSync(path.join(dir, 'latin1.tnote'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    fs.mkdirSync(path.join(dir, 'folder.tnote'));
    if (process.platform !== 'win32') execFileSync('mkfifo', [path.join(dir, 'pipe.tnote')]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const names = ['note.tnote', 'exact.tnote', 'big.tnote', 'empty.tnote', 'nul.tnote', 'latin1.tnote', 'folder.tnote', 'missing.tnote', ...(process.platform !== 'win32' ? ['pipe.tnote'] : [])];

  for (const blocking of [true, false]) {
    it(`${blocking ? 'blocking' : 'async'}: the same answer as stat + readFile, for every kind of file`, async () => {
      const one = nodeFileAccess({ blocking });
      assert.equal(typeof one.readFileWithStat, 'function');
      const two = withoutOneRead(one);
      for (const name of names) {
        const file = path.join(dir, name);
        const a = await readNoteFile(one, file, POLICY);
        const b = await readNoteFile(two, file, POLICY);
        if (a.ok && b.ok) {
          assert.equal(a.text, b.text, name);
          assert.equal(a.bom, b.bom, name);
          assert.deepEqual({ ...a.stat, mtimeMs: 0 }, { ...b.stat, mtimeMs: 0 }, name);
        } else assert.deepEqual(a, b, name);
      }
    });
  }

  it('reads the text, takes the BOM off and refuses what is not a note with the usual words', async () => {
    const fsa = nodeFileAccess({ blocking: true });
    const read = (name: string) => readNoteFile(fsa, path.join(dir, name), POLICY);
    const note = await read('note.tnote');
    assert.ok(note.ok);
    assert.equal(note.text, '---\ndate: 2026-11-20\n---\n## Plan\nWalk.\n');
    assert.equal(note.bom, true);
    assert.equal(note.stat.kind, 'file');
    assert.equal((await read('exact.tnote')).ok, true);
    assert.deepEqual(await read('big.tnote'), { ok: false, error: 'file is larger than 1000 bytes; not a note', code: 'EFBIG' });
    assert.deepEqual(await read('folder.tnote'), { ok: false, error: 'is a folder', code: 'EISDIR' });
    assert.deepEqual(await read('missing.tnote'), { ok: false, error: 'cannot read (ENOENT)', code: 'ENOENT' });
    assert.deepEqual(await read('latin1.tnote'), { ok: false, error: 'is not valid UTF-8 text; save the note as UTF-8' });
    if (process.platform !== 'win32') assert.deepEqual(await read('pipe.tnote'), { ok: false, error: 'is not a regular file (a device, pipe or socket); not a note' });
  });
});
