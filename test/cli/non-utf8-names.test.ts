/**
 * File names that are not valid UTF-8 (issue 12 item 6, last part). Linux allows any bytes but `/`
 * and NUL in a name; Node's string names turn a bad byte into U+FFFD, so `tnote check DIR` used to
 * report such a note as ENOENT. The CLI's file access keeps each bad byte (as U+DC80–U+DCFF) and
 * gives the bytes back to the system: the note is checked, its name escaped in text (`\xff`) and
 * percent-encoded in SARIF (`%FF`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nameFromBytes, nativePath } from '../../server/src/node/nodeFs';
import { NO_MODIFIER, run, tempDir } from './helpers';

const NAME = Buffer.from([0x6e, 0xff, 0x2e, 0x74, 0x6e, 0x6f, 0x74, 0x65]); // "n\xff.tnote"

describe('file names that are not valid UTF-8', () => {
  let dir: string;
  before(function () {
    dir = tempDir({ 'ok.tnote': NO_MODIFIER });
    try {
      fs.mkdirSync(Buffer.concat([Buffer.from(dir + '/sub'), Buffer.from([0xe9])]));
      fs.writeFileSync(Buffer.concat([Buffer.from(dir + '/'), NAME]), NO_MODIFIER);
      fs.writeFileSync(Buffer.concat([Buffer.from(dir + '/sub'), Buffer.from([0xe9, 0x2f]), NAME]), NO_MODIFIER);
    } catch (e) {
      // macOS (APFS) and Windows refuse such names: there is nothing to check there.
      if (process.platform === 'linux') throw e;
      console.log(`      (skipped: this file system refuses names that are not UTF-8: ${(e as Error).message})`);
      this.skip();
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps every byte of a name through the round trip, and leaves valid names as they are', () => {
    const samples = [
      NAME,
      Buffer.from('plain-ascii.tnote'),
      Buffer.from('é-ü-日本-😀.tnote'),
      Buffer.from([0xc0, 0x80]), // overlong NUL
      Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate
      Buffer.from([0xf4, 0x90, 0x80, 0x80]), // beyond U+10FFFF
      Buffer.from([0xe2, 0x82]), // cut short
      Buffer.from([0x61, 0xf0, 0x9f, 0x98, 0x80, 0x80, 0xff, 0xfe, 0x62]), // valid emoji, then stray bytes
      Buffer.from([0xef, 0xbf, 0xbd]), // a real U+FFFD
    ];
    for (const b of samples) {
      const name = nameFromBytes(b);
      const back = nativePath(name);
      assert.deepEqual(Buffer.from(back), b, `round trip of ${b.toString('hex')}`);
      if (b.toString('utf8') === name) assert.equal(back, name, 'a valid name stays a string');
    }
    assert.equal(nameFromBytes(NAME), 'n\udcff.tnote');
    assert.equal(nativePath('a\ud83d\ude00b'), 'a\ud83d\ude00b', 'a surrogate pair is a character, not an escaped byte');
  });

  it('tnote check DIR checks such notes (no ENOENT) and escapes their names in text output', () => {
    const r = run(['check', '.'], dir);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^n\\xff\.tnote$/m);
    assert.match(r.stdout, /^sub\\xe9\/n\\xff\.tnote$/m);
    assert.match(r.stdout, /3 errors, 2 warnings, 0 infos in 3 files checked/);
    assert.ok(!r.stdout.includes('\ufffd'), 'no replacement character in the output');
  });

  it('SARIF: the name is percent-encoded byte for byte', () => {
    const r = run(['check', '.', '--format', 'sarif'], dir);
    assert.equal(r.code, 1, r.stderr);
    const uris = (JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[] }).runs[0].results.map(
      (x) => x.locations[0].physicalLocation.artifactLocation,
    );
    assert.deepEqual([...new Set(uris.map((u) => u.uri))], ['n%FF.tnote', 'ok.tnote', 'sub%E9/n%FF.tnote']);
    assert.ok(uris.every((u) => u.uriBaseId === '%SRCROOT%'));
    // Outside the current folder: an absolute file: URI, the same bytes encoded.
    const abs = run(['check', dir, '--format', 'sarif'], path.dirname(dir));
    assert.ok(abs.stdout.includes(`"uri": "${path.basename(dir)}/n%FF.tnote"`) || abs.stdout.includes(`file://${dir}/n%FF.tnote`), abs.stdout.slice(0, 400));
  });

  it('JSON and JUnit stay well-formed', () => {
    const json = run(['check', '.', '--format', 'json'], dir);
    const rows = JSON.parse(json.stdout) as { file: string }[];
    assert.deepEqual([...new Set(rows.map((x) => x.file))], ['n\udcff.tnote', 'ok.tnote', 'sub\udce9/n\udcff.tnote']);
    const junit = run(['check', '.', '--format', 'junit'], dir);
    assert.equal(junit.code, 1);
    assert.match(junit.stdout, /<testsuite name="n\ufffd\.tnote"/, 'a name XML cannot hold shows U+FFFD');
  });

  it('--fix leaves such a note unchanged with a clear message, and writes no file under another name', () => {
    const fixDir = tempDir();
    try {
      const file = Buffer.concat([Buffer.from(fixDir + '/'), NAME]);
      fs.writeFileSync(file, NO_MODIFIER);
      const r = run(['check', '.', '--fix'], fixDir);
      assert.equal(r.code, 2);
      assert.equal(r.stderr.trim(), 'tnote: n\\xff.tnote: could not write fixes (ENOENT); the file was left unchanged');
      assert.equal(fs.readFileSync(file, 'utf8'), NO_MODIFIER);
      assert.deepEqual(fs.readdirSync(fixDir, { encoding: 'buffer' }), [NAME]);
    } finally {
      fs.rmSync(fixDir, { recursive: true, force: true });
    }
  });
});
