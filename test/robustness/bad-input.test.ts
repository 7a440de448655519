/**
 * Bad input: every case must give a clear finding (engine, as the editor sees it) or message
 * (CLI), never an exception or a hang. Each engine case runs in a worker thread that is terminated
 * at a hard deadline — a synchronous infinite loop cannot be interrupted by mocha's own timeout —
 * and mocha's `this.timeout` guards the whole test. No timing assertions.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { defaultConfig, fixAll, lintText, LineIndex, type Finding } from '../../server/src/engine';
import { DEFAULT_LIMITS } from '../../server/src/engine/limits';
import { checkNoteFixture, describeFinding, relevant } from '../helpers/fixtures';
import { CLI, FIXTURES } from '../helpers/paths';
import { allFixes, applyAndCheckLines, resultViolations } from './invariants';

const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');
/** Hard per-case deadline (generous: the slowest case takes well under a second). */
const DEADLINE_MS = 30_000;

function nested(open: string, close: string, depth: number): string {
  return `---\npatient: MRN-1\nx: ${open.repeat(depth)}${close.repeat(depth)}\n---\n`;
}

/** Decodes bytes the way an editor does: invalid UTF-8 becomes U+FFFD. */
function editorDecode(buf: Buffer): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(buf);
}

const BILLION_LAUGHS = [
  '---',
  'patient: MRN-1',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  'charges: *i',
  'diagnoses: *i',
  '---',
  '',
].join('\n');

/** Input generators by name (so a worker can rebuild a 50 MB input instead of copying it). */
export const CASES: Record<string, () => string> = {
  'binary file': () => {
    let s = '';
    for (let i = 0; i < 20_000; i++) s += String.fromCharCode((i * 7919 + 13) % 256);
    return editorDecode(Buffer.from(s, 'latin1'));
  },
  'UTF-16 file read as UTF-8': () => editorDecode(Buffer.from(CLEAN, 'utf16le')),
  'invalid UTF-8': () => editorDecode(Buffer.concat([Buffer.from(CLEAN.replace('Contact guard', 'Contact ')), Buffer.from([0xc3, 0x28, 0xff, 0xfe])])),
  'empty file': () => '',
  'only a BOM': () => '\uFEFF',
  'BOM + CRLF': () => '\uFEFF' + CLEAN.replace(/\n/g, '\r\n'),
  'lone CR line breaks': () => CLEAN.replace(/\n/g, '\r'),
  'front matter never closed': () => CLEAN.replace('total_treatment_minutes: 31\n---\n', 'total_treatment_minutes: 31\n'),
  'front matter never closed, no heading': () => '---\npatient: MRN-1\n' + 'narrative line\n'.repeat(500),
  'front matter not a mapping (list)': () => CLEAN.replace(/^---\n[\s\S]*?\n---\n/, '---\n- patient\n- MRN-1\n---\n'),
  'front matter not a mapping (scalar)': () => CLEAN.replace(/^---\n[\s\S]*?\n---\n/, '---\njust some words\n---\n'),
  'YAML alias bomb (billion laughs)': () => BILLION_LAUGHS,
  'YAML 10,000 scalar aliases': () => `---\npatient: MRN-1\npayer: &p medicare\ndiagnoses: [${Array(10_000).fill('*p').join(', ')}]\n---\n`,
  'deeply nested YAML [ (10,000 levels)': () => nested('[', ']', 10_000),
  'deeply nested YAML { (10,000 levels)': () => nested('{', '}', 10_000).replace(/\{\}/, '{a: 1}'),
  'deeply nested YAML, unclosed [ (10,000 levels)': () => `---\nx: ${'['.repeat(10_000)}\n---\n`,
  'deeply nested YAML block mappings (1,000 levels)': () => '---\n' + Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + '\n---\n',
  '50 MB note': () => CLEAN + ('Narrative pasted from a device log, gait 150 ft x 3, toe clearance adequate. '.repeat(12) + '\n').repeat(Math.ceil(50_000_000 / 925)),
  '2.1 MB note on few lines': () => CLEAN + ('x'.repeat(9_000) + '\n').repeat(240),
  '25,000-line note': () => CLEAN + 'Continue plan of care.\n'.repeat(25_000),
  '200,000-character line': () => CLEAN.replace('## Plan\n', `## Plan\n${'Next visit: soon '.repeat(11_765)}\n`),
  '200,000 spaces inside a line': () => CLEAN.replace('## Plan\n', `## Plan\nNext${' '.repeat(200_000)}visit\n## x${' '.repeat(200_000)}#y\n`),
  '200,000 trailing blanks': () => '---\ncharges:\n  - code: 97760\n---\n' + ' \t'.repeat(100_000) + 'x',
  '100,000 sections': () => CLEAN + '## Plan\nNext visit: soon\n'.repeat(100_000),
  '9,000 unknown sections (within the limits)': () => CLEAN + '## Extra\nNote: text\n'.repeat(9_000),
  'charges: string units, negative minutes, nested lists': () =>
    CLEAN.replace('    units: 2\n    minutes: 31\n', '    units: "two"\n    minutes: -31\n').replace(
      '  - code: L1971\n    units: 1\n',
      '  - [[97110, 2], [GP]]\n  - code: [97530]\n    units: [1, 2]\n    minutes: {a: 1}\n',
    ),
  'charges is a string': () => CLEAN.replace(/charges:\n[\s\S]*?total_treatment_minutes/, 'charges: 97760 x2\ntotal_treatment_minutes'),
  'unknown keys': () => CLEAN.replace('payer: medicare\n', 'payer: medicare\nfavourite_colour: blue\nCharges2: []\n'),
  'duplicate keys': () => CLEAN.replace('payer: medicare\n', 'payer: medicare\npayer: commercial\n'),
  'tabs (YAML indentation and body)': () => CLEAN.replace('    units: 2\n', '\tunits: 2\n').replace('## Plan\n', '## Plan\n\tIndented narrative.\n'),
  'NUL bytes in a note': () => CLEAN.replace('Contact guard', 'Contact\0guard'),
  'many NUL bytes': () => CLEAN + '\0'.repeat(5000),
  'lone surrogates': () => CLEAN.replace('Contact guard', 'Contact \ud800 guard').replace('Wipe shell', 'Wipe \udc00shell'),
  '30,000 placeholder openers on one line': () => CLEAN + '${1:'.repeat(30_000) + '\n',
  '20,000 charge lines (flow style, few lines)': () => `---\ndiscipline: PT\ncharges: [${Array(20_000).fill('{code: 97110, units: 1}').join(', ')}]\n---\n`,
};

interface CaseResult {
  length: number;
  violations: string[];
  findings: { rule: string; severity: string; message: string; start: number; end: number; where: string }[];
  fixAllChanged: boolean;
}

function runCase(name: string): CaseResult {
  const text = CASES[name]();
  const config = defaultConfig();
  const r = lintText(text, config);
  const violations = resultViolations(text, r);
  violations.push(...applyAndCheckLines(text, allFixes(r.findings)).violations);
  const fixed = fixAll(text, config);
  violations.push(...resultViolations(fixed.text, lintText(fixed.text, config)));
  const where = (f: Finding) => describeFinding(f, r.note.lines);
  return {
    length: text.length,
    violations,
    findings: r.findings.slice(0, 200).map((f) => ({ rule: f.ruleId, severity: f.severity, message: f.message, start: f.range.start, end: f.range.end, where: where(f) })),
    fixAllChanged: fixed.text !== text,
  };
}

/** Runs one case in a worker; rejects (and terminates it) at the deadline. */
function isolated(name: string): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(__filename, { workerData: { badInputCase: name } });
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new Error(`"${name}" hung: still running after ${DEADLINE_MS} ms`));
    }, DEADLINE_MS);
    w.once('message', (m: { ok: true; result: CaseResult } | { ok: false; error: string }) => {
      clearTimeout(timer);
      void w.terminate();
      if (m.ok) resolve(m.result);
      else reject(new Error(`"${name}" threw: ${m.error}`));
    });
    w.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

if (!isMainThread && workerData?.badInputCase) {
  try {
    parentPort!.postMessage({ ok: true, result: runCase(workerData.badInputCase as string) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: (e as Error).stack ?? String(e) });
  }
} else if (typeof describe === 'function') {
  /** What each case must produce (beyond: no throw, no hang, everything in bounds). */
  const EXPECT: Record<string, (r: CaseResult) => void> = {
    'binary file': (r) => {
      assert.deepEqual(
        r.findings.map((f) => `${f.where}`),
        ['1:1 error invalid-characters'],
      );
      assert.match(r.findings[0].message, /looks binary.*not checked/);
    },
    'UTF-16 file read as UTF-8': (r) =>
      assert.deepEqual(
        r.findings.map((f) => f.where),
        ['1:1 error invalid-characters'],
      ),
    'invalid UTF-8': (r) => has(r, 'warning invalid-characters', /not valid UTF-8/),
    'empty file': (r) => has(r, 'error front-matter-missing'),
    'only a BOM': (r) => has(r, 'error front-matter-missing'),
    'BOM + CRLF': (r) =>
      assert.deepEqual(
        r.findings.filter((f) => f.severity !== 'info').map((f) => f.where),
        [],
      ),
    'lone CR line breaks': (r) => has(r, 'warning invalid-characters', /carriage return without a line feed/),
    'front matter never closed': (r) => has(r, 'error front-matter-invalid', /never closed/),
    'front matter never closed, no heading': (r) => has(r, 'error front-matter-invalid', /never closed/),
    'front matter not a mapping (list)': (r) => has(r, 'error front-matter-invalid', /not a list of `key: value` lines/),
    'front matter not a mapping (scalar)': (r) => has(r, 'error front-matter-invalid', /not a list of `key: value` lines/),
    'YAML alias bomb (billion laughs)': (r) => has(r, 'error front-matter-invalid', /aliases .* would expand to more than 10,000 values/),
    'deeply nested YAML [ (10,000 levels)': (r) => has(r, 'error front-matter-invalid', /more than 100 levels deep/),
    'deeply nested YAML { (10,000 levels)': (r) => has(r, 'error front-matter-invalid', /more than 100 levels deep/),
    'deeply nested YAML, unclosed [ (10,000 levels)': (r) => has(r, 'error front-matter-invalid', /more than 100 levels deep/),
    'deeply nested YAML block mappings (1,000 levels)': (r) => has(r, 'error front-matter-invalid', /more than 100 levels deep/),
    '50 MB note': (r) => {
      assert.deepEqual(
        r.findings.map((f) => f.where),
        ['1:1 warning note-too-large'],
      );
      assert.match(r.findings[0].message, /too large to check: it is 50\.\d MB .*Nothing else in it was checked/);
    },
    '2.1 MB note on few lines': (r) =>
      assert.deepEqual(
        r.findings.map((f) => f.where),
        ['1:1 warning note-too-large'],
      ),
    '25,000-line note': (r) => {
      assert.deepEqual(
        r.findings.map((f) => f.where),
        ['1:1 warning note-too-large'],
      );
      assert.match(r.findings[0].message, /25,0\d\d lines long/);
    },
    '200,000-character line': (r) => has(r, 'info note-too-large', /only its first 10,000 characters are checked/),
    '200,000 spaces inside a line': (r) => has(r, 'info note-too-large'),
    '100,000 sections': (r) =>
      assert.deepEqual(
        r.findings.map((f) => f.where),
        ['1:1 warning note-too-large'],
      ),
    'charges: string units, negative minutes, nested lists': (r) => {
      has(r, 'error invalid-field-value');
      assert.ok(r.findings.filter((f) => f.rule === 'invalid-field-value').length >= 3, 'units "two", minutes -31 and the nested list each get a finding');
    },
    'charges is a string': (r) => has(r, 'error invalid-field-value'),
    'duplicate keys': (r) => has(r, 'error front-matter-invalid', /`payer` appears more than once/),
    'tabs (YAML indentation and body)': (r) => has(r, 'error front-matter-shape', /indented with tabs/),
    'NUL bytes in a note': (r) => has(r, 'warning invalid-characters', /NUL character/),
    'many NUL bytes': (r) =>
      assert.deepEqual(
        r.findings.map((f) => f.where),
        ['1:1 error invalid-characters'],
      ),
    'lone surrogates': (r) => {
      assert.equal(r.findings.filter((f) => f.rule === 'invalid-characters' && /unpaired UTF-16 surrogate/.test(f.message)).length, 2);
    },
  };

  function has(r: CaseResult, what: string, message?: RegExp): void {
    const hit = r.findings.filter((f) => f.where.endsWith(what) && (!message || message.test(f.message)));
    assert.ok(hit.length > 0, `expected a "${what}"${message ? ` matching ${message}` : ''}; got:\n${r.findings.map((f) => `${f.where}: ${f.message}`).join('\n')}`);
  }

  describe('bad input: the engine (as the editor sees it)', function () {
    this.timeout(DEADLINE_MS + 10_000);
    const seen: string[] = [];
    after(() => {
      if (process.env.BAD_INPUT_REPORT) fs.writeFileSync(process.env.BAD_INPUT_REPORT, seen.join('\n') + '\n');
    });
    for (const name of Object.keys(CASES)) {
      it(`${name}: no exception, no hang, findings and fixes inside the document`, async () => {
        const r = await isolated(name);
        assert.deepEqual(r.violations, []);
        seen.push(
          `${name} (${r.length.toLocaleString('en-US')} chars): ${r.findings.length ? [...new Set(r.findings.map((f) => `${f.severity} ${f.rule}`))].join(', ') : 'no findings'}${r.findings
            .slice(0, 1)
            .map((f) => ` — e.g. ${f.where}: ${f.message.slice(0, 160)}`)
            .join('')}`,
        );
        EXPECT[name]?.(r);
      });
    }
  });

  describe('bad input: size-limit and character rule fixtures', () => {
    for (const rule of ['note-too-large', 'invalid-characters']) {
      const dir = path.join(FIXTURES, 'rules', rule);
      for (const file of fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.tnote'))
        .sort()) {
        it(`${rule}/${file}`, () => {
          const full = path.join(dir, file);
          if (file.startsWith('good-')) {
            const { findings, note } = lintText(fs.readFileSync(full, 'utf8'));
            assert.deepEqual(
              relevant(findings, rule).map((f) => describeFinding(f, note.lines)),
              [],
            );
            return;
          }
          const { hasBlock, missing, unexpected, short } = checkNoteFixture(full, rule);
          assert.ok(hasBlock, `${file} has no <!-- expect … --> block`);
          assert.deepEqual({ missing, unexpected, short }, { missing: [], unexpected: [], short: [] });
        });
      }
    }
    it('the committed long-line fixture really is over the line limit', () => {
      const text = fs.readFileSync(path.join(FIXTURES, 'rules', 'note-too-large', 'bad-long-line.tnote'), 'utf8');
      const lines = new LineIndex(text);
      assert.ok(Array.from({ length: lines.lineCount }, (_, l) => lines.lineText(l).length).some((n) => n > DEFAULT_LIMITS.maxLineChars));
    });
  });

  describe('bad input: the CLI (bin/tnote.js → dist/cli.js)', function () {
    this.timeout(120_000);
    let dir: string;
    before(() => {
      assert.ok(fs.existsSync(path.join(path.dirname(CLI), '..', 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build`');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-bad-input-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    function check(name: string, content: string | Buffer, ...args: string[]) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      const r = spawnSync(process.execPath, [CLI, 'check', ...args, name], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
      assert.equal(r.error, undefined, `the CLI did not finish: ${r.error?.message}`);
      // eslint-disable-next-line regexp/no-super-linear-backtracking -- runs on a few lines of the CLI's own stderr
      assert.doesNotMatch(r.stderr, /\n\s+at .*\(.*:\d+:\d+\)/, `the CLI crashed with a stack trace:\n${r.stderr}`);
      return { code: r.status, stdout: r.stdout, stderr: r.stderr, file };
    }

    it('binary file: exit 2 with a message', () => {
      const r = check('bin.tnote', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
      assert.equal(r.code, 2);
      assert.match(r.stderr, /bin\.tnote: looks like a binary file/);
    });
    it('invalid UTF-8: exit 2 with a message', () => {
      const r = check('latin1.tnote', Buffer.from(CLEAN.replace('Contact guard', 'Contact gu\u00e9rd'), 'latin1'));
      assert.equal(r.code, 2);
      assert.match(r.stderr, /latin1\.tnote: is not valid UTF-8 text/);
    });
    it('NUL bytes: exit 2 with a message', () => {
      const r = check('nul.tnote', CLEAN.replace('Contact guard', 'Contact\0guard'));
      assert.equal(r.code, 2);
      assert.match(r.stderr, /nul\.tnote: looks like a binary file \(contains NUL bytes\)/);
    });
    it('empty file: checked, front-matter-missing', () => {
      const r = check('empty.tnote', '');
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^empty\.tnote\n {2}1:1 +error .*front-matter-missing$/m);
    });
    it('BOM + CRLF: clean, and --fix keeps the BOM and CRLF', () => {
      const text = '\uFEFF' + CLEAN.replace('    modifiers: [GP]\n', '').replace(/\n/g, '\r\n');
      const r = check('crlf.tnote', text, '--fix');
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const after = fs.readFileSync(r.file, 'utf8');
      assert.ok(after.startsWith('\uFEFF---\r\n'), 'the BOM is kept');
      assert.match(after, /\r\n {4}modifiers: \[GP\]\r\n/);
      assert.doesNotMatch(after.replace(/\r\n/g, ''), /\n/, 'every line break is still CRLF');
    });
    it('a 50 MB file: refused or reported too large, never a hang', () => {
      const r = check('huge.tnote', CASES['50 MB note']());
      assert.ok(r.code === 1 || r.code === 0 || r.code === 2);
      assert.match(r.stdout + r.stderr, /too large|larger than/);
    });
    it('a 3 MB file: note-too-large, and --fix leaves it byte-for-byte unchanged', () => {
      const text = CASES['2.1 MB note on few lines']() + 'y'.repeat(1_000_000);
      const r = check('big.tnote', text, '--fix');
      assert.match(r.stdout, /^big\.tnote\n {2}1:1 +warning +This note is too large to check.*note-too-large$/m);
      assert.equal(fs.readFileSync(r.file, 'utf8'), text);
    });
    it('a 200,000-character line: an info finding, exit by the note’s own errors', () => {
      const r = check('long.tnote', CASES['200,000-character line']());
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^long\.tnote\n {2}\d+:10001 +info +Line \d+ is 200,0\d\d characters long/m);
    });
    it('--fix on a note whose YAML is broken changes nothing it cannot read', () => {
      const text = CLEAN.replace('    modifiers: [GP]\n', '').replace('    units: 2\n', '    units: 2\n   bad: [\n');
      const r = check('broken.tnote', text, '--fix');
      assert.equal(r.code, 1);
      assert.equal(fs.readFileSync(r.file, 'utf8'), text);
    });
  });
}
