/**
 * Hostile files (issue 12 items 1-3) for the CLI: devices and pipes as notes and as config or
 * code files, huge code files, and `--fix` on symbolic links, hard links, read-only files and
 * files that change while they are checked. Every run has a time limit: a read that blocks or
 * never ends fails the test instead of hanging it.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readNoteFile } from '../../server/src/engine';
import { FixNotWritten, writeFix } from '../../server/src/cli/files';
import type { Row } from '../../server/src/cli/report';
import { nodeFileAccess } from '../../server/src/node/nodeFs';
import { CLEAN, NO_MODIFIER, run, tempDir } from './helpers';

const posix = process.platform !== 'win32';
const isRoot = !!process.getuid && process.getuid() === 0;
const mkfifo = (p: string) => execFileSync('mkfifo', [p]);
const note = (i: number, text = NO_MODIFIER) => text.replace('MRN-004211', `MRN-${7000 + i}`);
const rowsOf = (stdout: string) => JSON.parse(stdout) as Row[];

describe('hostile files: devices and pipes', function () {
  this.timeout(60_000);
  before(function () {
    if (!posix) this.skip();
  });

  it('tnote check /dev/zero or a pipe: a clear message, exit 2, the other notes still checked', () => {
    const dir = tempDir({ 'good.tnote': note(1) });
    mkfifo(path.join(dir, 'pipe.tnote'));
    mkfifo(path.join(dir, 'another-pipe'));
    fs.symlinkSync('another-pipe', path.join(dir, 'link-to-pipe.tnote'));
    const started = Date.now();
    const r = run(['check', '--format', 'json', '/dev/zero', 'pipe.tnote', 'link-to-pipe.tnote', 'good.tnote'], dir);
    assert.notEqual(r.code, null, 'the CLI did not finish');
    assert.ok(Date.now() - started < 20_000);
    assert.equal(r.code, 2);
    for (const name of ['/dev/zero', 'pipe.tnote', 'link-to-pipe.tnote'])
      assert.match(r.stderr, new RegExp(`^tnote: ${name.replace(/[./]/g, '\\$&')}: is not a regular file \\(a device, pipe or socket\\); not a note$`, 'm'));
    assert.ok(rowsOf(r.stdout).some((x) => x.file === 'good.tnote' && x.rule === 'missing-discipline-modifier'));
    // A folder walk passes over a pipe named like a note.
    const walked = run(['check', '--format', 'json', '.'], dir);
    assert.equal(walked.code, 1, walked.stderr);
    assert.deepEqual([...new Set(rowsOf(walked.stdout).map((x) => x.file))], ['good.tnote']);
  });

  it('icd10CodeFile naming /dev/zero, a pipe or a 1.5 GB sparse file: config-invalid, exit 2, quickly and in little memory', () => {
    const dir = tempDir();
    mkfifo(path.join(dir, 'codes.pipe'));
    const sparse = path.join(dir, 'huge-codes.txt');
    fs.writeFileSync(sparse, '');
    fs.truncateSync(sparse, 1536 * 1024 * 1024);
    const cases: Record<string, string> = { zero: '/dev/zero', pipe: '../codes.pipe', huge: '../huge-codes.txt' };
    Object.entries(cases).forEach(([name, target], i) => {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, '.tnoterc.yaml'), `profile: medicare\nicd10CodeFile: ${target}\n`);
      fs.writeFileSync(path.join(dir, name, 'a.tnote'), note(i));
    });
    const started = Date.now();
    const r = run(['check', '--format', 'json', '.'], dir);
    assert.notEqual(r.code, null, 'the CLI did not finish');
    assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
    assert.equal(r.code, 2);
    const rows = rowsOf(r.stdout);
    const problems = rows.filter((x) => x.rule === 'config-invalid');
    assert.deepEqual(
      problems.map((x) => [x.file, x.line, x.severity]),
      [
        ['huge/.tnoterc.yaml', 2, 'error'],
        ['pipe/.tnoterc.yaml', 2, 'error'],
        ['zero/.tnoterc.yaml', 2, 'error'],
      ],
    );
    assert.match(problems[0].message, /is larger than 32 MB/);
    assert.match(problems[1].message, /is not a regular file/);
    assert.match(problems[2].message, /"\/dev\/zero": is not a regular file/);
    for (const name of Object.keys(cases))
      assert.ok(
        rows.some((x) => x.file === `${name}/a.tnote` && x.rule === 'missing-discipline-modifier'),
        `${name}/a.tnote checked`,
      );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a .tnoterc.yaml that is a pipe, or a link to one: config-invalid, exit 2', () => {
    const dir = tempDir({ 'p/a.tnote': note(1), 'l/a.tnote': note(2) });
    mkfifo(path.join(dir, 'p', '.tnoterc.yaml'));
    fs.symlinkSync('../p/.tnoterc.yaml', path.join(dir, 'l', '.tnoterc.yaml'));
    const r = run(['check', '--format', 'json', '.'], dir);
    assert.notEqual(r.code, null, 'the CLI did not finish');
    assert.equal(r.code, 2);
    const rows = rowsOf(r.stdout);
    assert.deepEqual(
      rows.filter((x) => x.rule === 'config-invalid').map((x) => [x.file, x.message]),
      [
        ['l/.tnoterc.yaml', 'cannot read config file: is not a regular file (a device, pipe or socket)'],
        ['p/.tnoterc.yaml', 'cannot read config file: is not a regular file (a device, pipe or socket)'],
      ],
    );
    assert.equal(rows.filter((x) => x.rule === 'missing-discipline-modifier').length, 2);
  });

  it('the Node file access refuses what is not a regular file without waiting on it, and honours maxBytes', async () => {
    const dir = tempDir({ 'a.txt': 'x'.repeat(100) });
    mkfifo(path.join(dir, 'pipe'));
    for (const blocking of [true, false]) {
      const fsa = nodeFileAccess({ blocking });
      for (const p of [path.join(dir, 'pipe'), '/dev/zero']) await assert.rejects(fsa.readFile(p), (e: { code?: string }) => e.code === 'EINVAL', `${p} (blocking: ${blocking})`);
      await assert.rejects(fsa.readFile(dir), (e: { code?: string }) => e.code === 'EISDIR');
      await assert.rejects(fsa.readFile(path.join(dir, 'a.txt'), { maxBytes: 99 }), (e: { code?: string }) => e.code === 'EFBIG');
      assert.equal((await fsa.readFile(path.join(dir, 'a.txt'), { maxBytes: 100 })).length, 100);
      assert.equal((await fsa.readFile(path.join(dir, 'a.txt'))).length, 100);
    }
  });
});

describe('--fix keeps file identity', function () {
  this.timeout(60_000);
  before(function () {
    if (!posix) this.skip();
  });
  const fixedText = (p: string) => fs.readFileSync(p, 'utf8');
  const isFixed = (p: string) => fixedText(p).includes('modifiers: [GP]');

  it('writes through a symbolic link to the real file; the link stays a link', () => {
    const dir = tempDir({ 'real/visit.tnote': note(1) });
    fs.symlinkSync('real/visit.tnote', path.join(dir, 'link.tnote'));
    const r = run(['check', '--fix', 'link.tnote'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.lstatSync(path.join(dir, 'link.tnote')).isSymbolicLink(), 'still a link');
    assert.equal(fs.readlinkSync(path.join(dir, 'link.tnote')), 'real/visit.tnote');
    assert.ok(isFixed(path.join(dir, 'real', 'visit.tnote')), 'the target is fixed');
    assert.deepEqual(fs.readdirSync(path.join(dir, 'real')), ['visit.tnote'], 'no temp file left');
  });

  it('keeps mode and owner', function () {
    const dir = tempDir({ 'a.tnote': note(1) });
    const file = path.join(dir, 'a.tnote');
    fs.chmodSync(file, 0o640);
    if (isRoot) fs.chownSync(file, 1234, 2345);
    const r = run(['check', '--fix', 'a.tnote'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(isFixed(file));
    const st = fs.statSync(file);
    assert.equal(st.mode & 0o7777, 0o640);
    if (isRoot) assert.deepEqual([st.uid, st.gid], [1234, 2345], 'owner kept');
    assert.deepEqual(fs.readdirSync(dir), ['a.tnote']);
  });

  it('refuses a read-only file with a message (exit 2) and leaves it as it was', () => {
    const dir = tempDir({ 'ro.tnote': note(1), 'rw.tnote': note(2) });
    const ro = path.join(dir, 'ro.tnote');
    fs.chmodSync(ro, 0o444);
    const before = fs.statSync(ro);
    const r = run(['check', '--fix', '.'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^tnote: ro\.tnote: could not write fixes \(it is read-only: make it writable to let --fix change it\); the file was left unchanged$/m);
    assert.equal(fixedText(ro), note(1));
    const after = fs.statSync(ro);
    assert.deepEqual([after.ino, after.mode, after.mtimeMs], [before.ino, before.mode, before.mtimeMs]);
    assert.ok(isFixed(path.join(dir, 'rw.tnote')), 'the writable note is fixed');
    assert.match(r.stdout, /ro\.tnote\n {2}10:11 {2}error/, 'what remains in the unfixed note is reported');
  });

  it('writes a hard-linked file in place: every name sees the fix, one inode', () => {
    const dir = tempDir({ 'a.tnote': note(1) });
    fs.mkdirSync(path.join(dir, 'other'));
    fs.linkSync(path.join(dir, 'a.tnote'), path.join(dir, 'other', 'same.txt'));
    const ino = fs.statSync(path.join(dir, 'a.tnote')).ino;
    const r = run(['check', '--fix', 'a.tnote'], dir);
    assert.equal(r.code, 0, r.stderr);
    for (const name of ['a.tnote', 'other/same.txt']) {
      const st = fs.statSync(path.join(dir, name));
      assert.deepEqual([st.ino, st.nlink], [ino, 2], name);
      assert.ok(isFixed(path.join(dir, name)), name);
    }
    assert.equal(fixedText(path.join(dir, 'a.tnote')).length, note(1).length + '    modifiers: [GP]\n'.length, 'no stale bytes past the end');
  });
});

describe('--fix never loses an update', () => {
  const setup = async (text: string) => {
    const dir = tempDir({ 'a.tnote': text });
    const file = path.join(dir, 'a.tnote');
    fs.utimesSync(file, SECOND, SECOND); // a whole second, so a test can set the same time again exactly
    const read = await readNoteFile(nodeFileAccess({ blocking: true }), file, { maxBytes: 1e6, decoding: 'strict' });
    assert.ok(read.ok);
    return { dir, file, read: { text: read.text, bom: read.bom, stat: read.stat } };
  };
  const fixed = CLEAN;
  const SECOND = 1_700_000_000;

  it('writes when the note is as it was read (byte-order mark included)', async () => {
    const { dir, file, read } = await setup('\uFEFF' + note(0));
    writeFix(file, '\uFEFF' + fixed, read);
    assert.equal(fs.readFileSync(file, 'utf8'), '\uFEFF' + fixed);
    assert.deepEqual(fs.readdirSync(dir), ['a.tnote']);
  });

  for (const [what, change] of [
    ['grew', (f: string) => fs.appendFileSync(f, 'Plan: typed in the editor meanwhile\n')],
    ['was touched', (f: string) => fs.utimesSync(f, new Date(), new Date(Date.now() + 5000))],
    [
      'changed, same size and time',
      (f: string) => {
        const st = fs.statSync(f);
        fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('MRN-7000', 'MRN-7999'));
        fs.utimesSync(f, SECOND, SECOND);
        assert.deepEqual([fs.statSync(f).size, fs.statSync(f).mtimeMs], [st.size, st.mtimeMs]);
      },
    ],
  ] as const) {
    it(`skips a note that ${what} after it was read, with a message; the newer text stays`, async () => {
      const { dir, file, read } = await setup(note(0));
      change(file);
      const newer = fs.readFileSync(file, 'utf8');
      assert.throws(
        () => writeFix(file, fixed, read),
        (e: unknown) => e instanceof FixNotWritten && /changed on disk while it was being checked/.test(e.message),
      );
      assert.equal(fs.readFileSync(file, 'utf8'), newer);
      assert.deepEqual(fs.readdirSync(dir), ['a.tnote'], 'no temp file left');
    });
  }
});
