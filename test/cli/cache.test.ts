/**
 * `tnote check --cache`: a warm run reports exactly what a cold run does, every input that changes
 * a note's results makes it be checked again, a bad cache file is discarded (never trusted, never
 * a crash) and `--fix` leaves the cache alone. How many notes came from the cache is read from the
 * debug line that TNOTE_DEBUG_CACHE=1 prints on stderr (documented in the README).
 */
import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineArena } from '../../server/src/cli/cache';
import { CLEAN, DRAFT, NO_MODIFIER, run, tempDir, type RunResult } from './helpers';

const DEBUG = { TNOTE_DEBUG_CACHE: '1' };

/** Notes from the cache in a debug run ("tnote: cache: N of M notes from the cache"). */
function hits(r: RunResult): { hits: number; of: number } {
  const m = /tnote: cache: (\d+) of (\d+) notes from the cache/.exec(r.stderr);
  assert.ok(m, `no cache debug line in: ${r.stderr}`);
  return { hits: Number(m[1]), of: Number(m[2]) };
}

/** stderr without the debug line. */
const plainErr = (r: RunResult) => r.stderr.replace(/^tnote: cache: .*\n/m, '');

/** Two initial notes of the same patient (a cross-note finding on each), one with an error, a draft. */
function notes(): Record<string, string> {
  return { 'a.tnote': CLEAN, 'b/b.tnote': CLEAN.replace('date: 2026-11-20', 'date: 2026-11-21'), 'c.tnote': NO_MODIFIER, 'd.tnote': DRAFT };
}

interface CacheText {
  header: { format: string; key: Record<string, string>; notes: string };
  notes: Record<string, unknown[]>;
}

/** A cache file: its header line, then a line per note (its path as JSON, then its fields, tab-separated). */
function readCache(file: string): CacheText {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').split('\n');
  const notes: CacheText['notes'] = {};
  for (const line of lines.slice(0, -1)) {
    const [name, ...fields] = line.split('\t');
    notes[JSON.parse(name) as string] = fields.map((f, i) => (i === 1 || i === 2 ? Number(f) : f));
  }
  return { header: JSON.parse(header) as CacheText['header'], notes };
}

/** As another writer would: the header's checksum made to match the notes' lines (an entry that is not a list is written as JSON). */
function cacheText(c: CacheText): string {
  const body = Object.entries(c.notes)
    .map(([name, e]) => `${JSON.stringify(name)}\t${Array.isArray(e) ? e.join('\t') : JSON.stringify(e)}\n`)
    .join('');
  return `${JSON.stringify({ ...c.header, notes: crypto.createHash('sha256').update(body).digest('hex') })}\n${body}`;
}

const ICD_FILE = (codes: string[]) => codes.map((c) => `${c.replace('.', '').padEnd(8)}Some condition`).join('\n') + '\n';

describe('tnote check --cache', function () {
  this.timeout(60_000);

  it('a warm run prints exactly what a cold run does (text, json, sarif) and reads every note from the cache', () => {
    const dir = tempDir(notes());
    for (const format of ['text', 'json', 'sarif']) {
      const args = ['check', '--format', format, '--cache', '--cache-location', `cache-${format}.json`];
      const none = run(['check', '--format', format], dir);
      const cold = run(args, dir, DEBUG);
      const warm = run(args, dir, DEBUG);
      assert.equal(hits(cold).hits, 0, format);
      assert.deepEqual(hits(warm), { hits: 4, of: 4 }, format);
      for (const r of [cold, warm]) {
        assert.equal(r.code, none.code, format);
        assert.equal(r.stdout, none.stdout, format);
        assert.equal(plainErr(r), none.stderr, format);
      }
    }
    // The notes have findings of their own and across notes, so the comparison means something.
    const json = JSON.parse(run(['check', '--format', 'json', '--cache'], dir).stdout) as { rule: string }[];
    assert.ok(json.some((f) => f.rule === 'missing-discipline-modifier'));
    assert.ok(
      json.some((f) => f.rule === 'repeat-initial-encounter'),
      JSON.stringify(json.map((f) => f.rule)),
    );
  });

  it('writes .tnotecache in the current folder by default, or inside a folder given as the location; owner-only, no note text', () => {
    const dir = tempDir({ ...notes(), 'store/keep.txt': '' });
    run(['check', '--cache'], dir);
    const file = path.join(dir, '.tnotecache');
    assert.ok(fs.existsSync(file));
    if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(!text.includes('foot drop'), 'the narrative of a note is not in the cache');
    assert.ok(!text.includes('MRN-004211'), 'front matter values are not in the cache as written');
    run(['check', '--cache-location', 'store'], dir);
    assert.ok(fs.existsSync(path.join(dir, 'store', '.tnotecache')));
    assert.deepEqual(hits(run(['check', '--cache-location', 'store/'], dir, DEBUG)), { hits: 4, of: 4 });
  });

  it('an edit that keeps the size and modification time is still seen (the content hash)', () => {
    const dir = tempDir(notes());
    const note = path.join(dir, 'a.tnote');
    // A whole-second time, so that restoring it is exact on every file system.
    const stamp = new Date('2026-11-20T12:00:00Z');
    fs.utimesSync(note, stamp, stamp);
    const original = run(['check', '--format', 'json', '--cache'], dir).stdout;
    const before = fs.statSync(note);
    const edited = CLEAN.replace('modifiers: [GP]', 'modifiers: [GO]');
    assert.equal(Buffer.byteLength(edited), before.size);
    fs.writeFileSync(note, edited);
    fs.utimesSync(note, stamp, stamp);
    assert.equal(fs.statSync(note).mtimeMs, before.mtimeMs);
    const warm = run(['check', '--format', 'json', '--cache'], dir, DEBUG);
    assert.deepEqual(hits(warm), { hits: 3, of: 4 });
    const fresh = run(['check', '--format', 'json'], dir);
    assert.equal(warm.stdout, fresh.stdout);
    assert.notEqual(warm.stdout, original, 'the edit changed the findings');
  });

  for (const field of ['version', 'build', 'rules', 'settings']) {
    it(`a cache written with another ${field} is discarded as a whole`, () => {
      const dir = tempDir(notes());
      run(['check', '--cache'], dir);
      const file = path.join(dir, '.tnotecache');
      const data = readCache(file);
      data.header.key[field] = field === 'version' ? '0.0.1-older' : '0'.repeat(64);
      fs.writeFileSync(file, cacheText(data));
      const r = run(['check', '--cache'], dir, DEBUG);
      assert.deepEqual(hits(r), { hits: 0, of: 4 });
      assert.match(r.stderr, /cache file not used/);
      assert.deepEqual(hits(run(['check', '--cache'], dir, DEBUG)), { hits: 4, of: 4 }, 'written again, usable');
    });
  }

  it('a config change, an extended config change and an ICD-10 code file change each make the notes be checked again', () => {
    const dir = tempDir({
      ...notes(),
      'base.yaml': 'rules:\n  missing-discipline-modifier: error\n',
      '.tnoterc.yaml': 'extends: ./base.yaml\nicd10CodeFile: ./codes.txt\n',
      'codes.txt': ICD_FILE(['M21.371', 'I69.351']),
    });
    const check = () => run(['check', '--format', 'json', '--cache'], dir, DEBUG);
    const rules = (r: RunResult) => (JSON.parse(r.stdout) as { rule: string }[]).map((f) => f.rule).sort();
    const same = (r: RunResult) => assert.equal(r.stdout, run(['check', '--format', 'json'], dir).stdout);
    assert.equal(hits(check()).hits, 0);
    const warm = check();
    assert.deepEqual(hits(warm), { hits: 4, of: 4 });
    assert.ok(rules(warm).includes('missing-discipline-modifier'));

    // The config itself.
    fs.writeFileSync(path.join(dir, '.tnoterc.yaml'), 'extends: ./base.yaml\nicd10CodeFile: ./codes.txt\nrules:\n  missing-discipline-modifier: off\n');
    let r = check();
    assert.deepEqual(hits(r), { hits: 0, of: 4 });
    assert.ok(!rules(r).includes('missing-discipline-modifier'));
    same(r);

    // The config it extends.
    fs.writeFileSync(path.join(dir, '.tnoterc.yaml'), 'extends: ./base.yaml\nicd10CodeFile: ./codes.txt\n');
    assert.equal(hits(check()).hits, 0);
    fs.writeFileSync(path.join(dir, 'base.yaml'), 'rules:\n  missing-discipline-modifier: off\n');
    r = check();
    assert.deepEqual(hits(r), { hits: 0, of: 4 });
    assert.ok(!rules(r).includes('missing-discipline-modifier'));
    same(r);

    // The ICD-10 code file it names (same config text).
    const before = rules(check());
    fs.writeFileSync(path.join(dir, 'codes.txt'), ICD_FILE(['M21.371']));
    r = check();
    assert.deepEqual(hits(r), { hits: 0, of: 4 });
    assert.notDeepEqual(rules(r), before, 'I69.351 is now unknown');
    same(r);
  });

  it('--config and --final make the notes be checked again; --quiet, --format and --max-warnings do not', () => {
    const dir = tempDir({ ...notes(), 'other.yaml': 'rules:\n  missing-discipline-modifier: off\n' });
    run(['check', '--cache'], dir);
    assert.deepEqual(hits(run(['check', '--cache', '--quiet', '--format', 'sarif', '--max-warnings', '0'], dir, DEBUG)), { hits: 4, of: 4 });
    const withConfig = run(['check', '--format', 'json', '--cache', '--config', 'other.yaml'], dir, DEBUG);
    assert.deepEqual(hits(withConfig), { hits: 0, of: 4 });
    assert.equal(withConfig.stdout, run(['check', '--format', 'json', '--config', 'other.yaml'], dir).stdout);
    const final = run(['check', '--format', 'json', '--cache', '--final'], dir, DEBUG);
    assert.deepEqual(hits(final), { hits: 0, of: 4 });
    assert.equal(final.stdout, run(['check', '--format', 'json', '--final'], dir).stdout);
  });

  it('a corrupt, cut short, foreign or malformed cache file is discarded, never trusted, never a crash', () => {
    const dir = tempDir(notes());
    const file = path.join(dir, '.tnotecache');
    const fresh = run(['check', '--format', 'json'], dir);
    run(['check', '--cache'], dir);
    const good = fs.readFileSync(file, 'utf8');
    const data = readCache(file);
    assert.equal(cacheText(data), good, 'the test writes cache files as tnote does');
    const c = Object.keys(data.notes).find((k) => k.endsWith('c.tnote'))!;
    // One hash digit changed, the checksum not.
    const changed = good.replace(/(\n"[^"\n]+"\t)([0-9a-f])/, (_m, head: string, digit: string) => head + (digit === '0' ? '1' : '0'));
    const header = good.slice(0, good.indexOf('\n') + 1);
    /** The header with its checksum made to match `body`. */
    const withBody = (body: string) => `${JSON.stringify({ ...data.header, notes: crypto.createHash('sha256').update(body).digest('hex') })}\n${body}`;
    assert.notEqual(changed, good);
    const bad: [string, string | Buffer][] = [
      ['cut short', good.slice(0, good.length >> 1)],
      ['not JSON', 'garbage \u0000\u0001'],
      ['binary', Buffer.from([0xff, 0xfe, 0x00, 0x80])],
      ['foreign JSON', '{"version":"1","files":{}}'],
      ['JSON null', 'null'],
      ['changed, checksum not', changed],
      ['the header alone', header],
      // Lines that are not a note's (with a right checksum): the file is not ours, nothing in it is used.
      ['a line without a path', withBody(`${good.slice(header.length)}x\n`)],
      ['a line not ended', withBody(good.slice(header.length, -1))],
      ['a path that is not JSON', withBody(good.slice(header.length).replace(/^"/, "'"))],
      ['empty', ''],
    ];
    for (const [what, content] of bad) {
      fs.writeFileSync(file, content);
      const r = run(['check', '--format', 'json', '--cache'], dir, DEBUG);
      assert.deepEqual(hits(r), { hits: 0, of: 4 }, what);
      assert.equal(r.code, fresh.code, what);
      assert.equal(r.stdout, fresh.stdout, what);
      assert.doesNotMatch(plainErr(r), /internal|TypeError|SyntaxError/, what);
      assert.equal(readCache(file).header.format, 'tnote-cache', `${what}: replaced by a good cache`);
    }
    // One entry malformed, or well-formed but for its rows (with a right checksum): that note is checked, its entry replaced.
    for (const [what, change] of [
      ['a bad severity', (e: unknown[]) => void (e[5] = '[[1,1,1,1,"x","fatal","m",0]]')],
      ['rows not JSON', (e: unknown[]) => void (e[5] = '[[1,1,')],
      ['not rows', (e: unknown[]) => void (e[5] = '{"a":1}')],
      ['summaries not JSON', (e: unknown[]) => void (e[6] = '{')],
      ['a field missing', (e: unknown[]) => void e.pop()],
      ['a field too many', (e: unknown[]) => void e.push('[]')],
      ['a size that is not a number', (e: unknown[]) => void (e[1] = '12a')],
      ['an unknown profile', (e: unknown[]) => void (e[4] = 'other')],
    ] as const) {
      const lying = structuredClone(data);
      change(lying.notes[c]);
      fs.writeFileSync(file, cacheText(lying));
      const r = run(['check', '--format', 'json', '--cache'], dir, DEBUG);
      assert.deepEqual(hits(r), { hits: 3, of: 4 }, what);
      assert.equal(r.stdout, fresh.stdout, what);
      assert.deepEqual(hits(run(['check', '--format', 'json', '--cache'], dir, DEBUG)), { hits: 4, of: 4 }, `${what}: the entry was replaced`);
    }
    // A folder where the cache file should be: not read, not written, the run still works.
    fs.rmSync(file);
    fs.mkdirSync(path.join(dir, 'blocked'));
    fs.mkdirSync(path.join(dir, 'blocked', '.tnotecache'));
    const r = run(['check', '--format', 'json', '--cache-location', 'blocked'], dir);
    assert.equal(r.stdout, fresh.stdout);
    assert.match(r.stderr, /could not write the cache file/);
  });

  it('--fix checks every note and leaves the cache file as it was; the fixed note is then checked again', () => {
    const dir = tempDir(notes());
    const file = path.join(dir, '.tnotecache');
    run(['check', '--cache'], dir);
    const before = fs.readFileSync(file);
    const fixed = run(['check', '--fix', '--cache', '--format', 'json'], dir, DEBUG);
    assert.doesNotMatch(fixed.stderr, /tnote: cache:/, 'the cache is not used with --fix');
    assert.ok(!(JSON.parse(fixed.stdout) as { rule: string }[]).some((f) => f.rule === 'missing-discipline-modifier'), 'fixed');
    assert.ok(fs.readFileSync(path.join(dir, 'c.tnote'), 'utf8').includes('modifiers: [GP]'));
    assert.deepEqual(fs.readFileSync(file), before, 'cache untouched');
    const after = run(['check', '--format', 'json', '--cache'], dir, DEBUG);
    assert.deepEqual(hits(after), { hits: 3, of: 4 });
    assert.equal(after.stdout, run(['check', '--format', 'json'], dir).stdout);
  });

  it('works with a baseline: the same report, warm or cold', () => {
    const dir = tempDir(notes());
    run(['check', '--baseline', 'known.json', '--update-baseline'], dir);
    fs.writeFileSync(path.join(dir, 'e.tnote'), NO_MODIFIER.replace('date: 2026-11-20', 'date: 2026-11-22'));
    const none = run(['check', '--format', 'json', '--baseline', 'known.json'], dir);
    const cold = run(['check', '--format', 'json', '--baseline', 'known.json', '--cache'], dir, DEBUG);
    const warm = run(['check', '--format', 'json', '--baseline', 'known.json', '--cache'], dir, DEBUG);
    assert.deepEqual(hits(cold), { hits: 0, of: 5 });
    assert.deepEqual(hits(warm), { hits: 5, of: 5 });
    assert.ok(
      (JSON.parse(none.stdout) as { file: string }[]).some((f) => f.file === 'e.tnote'),
      'the new note is reported',
    );
    for (const r of [cold, warm]) {
      assert.equal(r.stdout, none.stdout);
      assert.equal(r.code, none.code);
    }
  });

  it('is in --help', () => {
    const help = run(['--help'], tempDir()).stdout;
    assert.match(help, /--cache\b/);
    assert.match(help, /--cache-location PATH/);
    assert.match(run(['check', '--cache-location'], tempDir()).stderr, /--cache-location needs a file or folder/);
  });
});

describe('cache LineArena', () => {
  it('gives back exactly the lines put, across chunks and with lines longer than a chunk', () => {
    const arena = new LineArena(16);
    const lines = ['"a"\tx\n', 'é'.repeat(7) + '\n', 'z'.repeat(40) + '\n', '"b"\t\u{1F600}\n', ''];
    for (const l of lines) arena.put(l);
    assert.equal(Buffer.concat([...arena.parts()]).toString('utf8'), lines.join(''));
    assert.deepEqual([...new LineArena().parts()], []);
  });
});
