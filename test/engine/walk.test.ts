/**
 * The note walker (engine/walk.ts) on an in-memory file system and on disk through the Node
 * file access, and the CLI's path expansion built on it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findNotes, inSkippedFolder, isNoteFileName, SKIPPED_FOLDERS } from '../../server/src/engine';
import { expandInputs } from '../../server/src/cli/files';
import { nodeFileAccess } from '../../server/src/node/nodeFs';
import { MemoryFs } from '../helpers/memoryFs';

const paths = async (fsa: MemoryFs, roots: string[]) => (await findNotes(fsa, roots)).notes.map((n) => n.path);

describe('note walker', () => {
  it('finds *.tnote files (any case), sorted, and enters no skipped folder below a root', async () => {
    const m = new MemoryFs().file('/w/b.tnote', '').file('/w/a/A.TNOTE', '').file('/w/a/readme.md', '').file('/w/.tnote', '').dir('/w/folder.tnote');
    for (const skipped of SKIPPED_FOLDERS) m.file(`/w/${skipped}/x.tnote`, '').file(`/w/a/${skipped}/deep/y.tnote`, '');
    m.file('/w/.vscode/kept.tnote', '').file('/w/build/kept.tnote', '');
    assert.deepEqual(await paths(m, ['/w']), ['/w/.vscode/kept.tnote', '/w/a/A.TNOTE', '/w/b.tnote', '/w/build/kept.tnote']);
    assert.deepEqual(SKIPPED_FOLDERS, ['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.cache']);
  });

  it('walks a root that is itself named like a skipped folder', async () => {
    const m = new MemoryFs().file('/w/dist/a.tnote', '').file('/w/dist/out/b.tnote', '');
    assert.deepEqual(await paths(m, ['/w/dist']), ['/w/dist/a.tnote']);
  });

  it('ends at symbolic link loops, each folder entered once', async () => {
    const m = new MemoryFs()
      .file('/w/notes/a.tnote', '')
      .file('/w/notes/sub/b.tnote', '')
      .link('/w/notes/sub/up', '../..') // back to /w
      .link('/w/notes/self', '.')
      .link('/w/x', 'y') // x -> y -> x: ELOOP
      .link('/w/y', 'x');
    assert.deepEqual(await paths(m, ['/w']), ['/w/notes/a.tnote', '/w/notes/sub/b.tnote']);
    assert.equal(m.calls.readDirectory, 3, 'w, notes and sub are each listed once');
  });

  it('lists a file reached by several paths once, under its own path', async () => {
    const m = new MemoryFs().file('/w/z-notes/a.tnote', 'A').link('/w/a-alias.tnote', 'z-notes/a.tnote').link('/w/b-folder-alias', 'z-notes').link('/w/z-notes/also.tnote', '/w/z-notes/a.tnote');
    assert.deepEqual(await findNotes(m, ['/w']), { notes: [{ path: '/w/z-notes/a.tnote', real: '/w/z-notes/a.tnote' }], errors: [], ignored: 0 });
  });

  it('follows links to notes and folders outside the roots; passes over dangling links, devices and unreadable folders', async () => {
    const m = new MemoryFs()
      .file('/elsewhere/shared/c.tnote', '')
      .file('/elsewhere/d.tnote', '')
      .link('/w/shared', '/elsewhere/shared')
      .link('/w/d.tnote', '/elsewhere/d.tnote')
      .link('/w/node_modules', '/elsewhere') // skipped by its name
      .link('/w/gone.tnote', '/nowhere.tnote')
      .other('/w/pipe.tnote')
      .unreadable('/w/locked')
      .file('/w/e.tnote', '');
    assert.deepEqual(await findNotes(m, ['/w']), {
      notes: [
        { path: '/w/d.tnote', real: '/elsewhere/d.tnote' },
        { path: '/w/e.tnote', real: '/w/e.tnote' },
        { path: '/w/shared/c.tnote', real: '/elsewhere/shared/c.tnote' },
      ],
      errors: [],
      ignored: 0,
    });
  });

  it('walks several roots as one (overlapping roots list a note once) and reports roots it cannot walk', async () => {
    const m = new MemoryFs().file('/w/a/x.tnote', '').file('/w/b.tnote', '').file('/file.tnote', '');
    const r = await findNotes(m, ['/w', '/w/a', '/missing', '/file.tnote']);
    assert.deepEqual(
      r.notes.map((n) => n.path),
      ['/w/a/x.tnote', '/w/b.tnote'],
    );
    assert.deepEqual(r.errors, [
      { root: '/missing', error: 'ENOENT' },
      { root: '/file.tnote', error: 'is not a folder' },
    ]);
  });

  it('tells note names and paths in skipped folders (for file watchers)', () => {
    assert.ok(isNoteFileName('a.tnote') && isNoteFileName('B.TNote') && !isNoteFileName('.tnote') && !isNoteFileName('a.tnote.md'));
    assert.ok(inSkippedFolder('dist/a.tnote') && inSkippedFolder('x\\node_modules\\y\\a.tnote') && inSkippedFolder('a/.cache/b.tnote'));
    assert.ok(!inSkippedFolder('a.tnote') && !inSkippedFolder('notes/distant/a.tnote') && !inSkippedFolder('notes/dist.tnote'));
  });
});

describe('note walker on disk (Node file access)', () => {
  let dir: string;
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-walk-')));
    const write = (p: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), 'x');
    };
    ['notes/a.tnote', 'notes/sub/b.tnote', 'dist/c.tnote', 'notes/node_modules/d.tnote', 'other/e.tnote'].forEach(write);
    fs.symlinkSync('..', path.join(dir, 'notes', 'sub', 'loop'));
    fs.symlinkSync(path.join(dir, 'notes', 'a.tnote'), path.join(dir, 'alias.tnote'));
    fs.symlinkSync('other', path.join(dir, 'linked'));
    fs.symlinkSync('missing', path.join(dir, 'dangling.tnote'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const blocking of [true, false]) {
    it(`finds each note once, ends at the loop (${blocking ? 'blocking' : 'non-blocking'} flavour)`, async () => {
      const r = await findNotes(nodeFileAccess({ blocking }), [dir]);
      assert.deepEqual(
        r.notes.map((n) => path.relative(dir, n.path)),
        [path.join('notes', 'a.tnote'), path.join('notes', 'sub', 'b.tnote'), path.join('other', 'e.tnote')],
      );
      assert.deepEqual(r.errors, []);
    });
  }

  it('the CLI expands folders with the walker and checks a file reached by several paths once', async () => {
    const fsa = nodeFileAccess({ blocking: true });
    const r = await expandInputs(fsa, ['.', 'alias.tnote', 'notes/a.tnote', 'linked/e.tnote', 'dist', 'nothing-here'], dir);
    assert.deepEqual(
      r.files.map((f) => path.relative(dir, f)),
      [
        path.join('dist', 'c.tnote'), // a folder named explicitly is walked
        path.join('notes', 'a.tnote'), // its own path, not alias.tnote
        path.join('notes', 'sub', 'b.tnote'),
        path.join('other', 'e.tnote'), // not linked/e.tnote
      ],
    );
    const links = await expandInputs(fsa, ['alias.tnote', 'linked/e.tnote', 'linked'], dir);
    assert.deepEqual(
      links.files.map((f) => path.relative(dir, f)),
      ['alias.tnote', path.join('linked', 'e.tnote')],
      'only links given: the first path of each file',
    );
    assert.deepEqual(r.errors, ['no such file or folder: nothing-here']);
  });
});
