/**
 * `tnote check` keeps memory flat (issue 12 item 9): each note's rows leave memory as soon as the
 * note is checked (spilled to a temporary file), the cross-note stage keeps each note's digest as
 * JSON text (CrossNoteBatch), and the report is written file by file. These tests pin that the
 * rows leave per note, that the streamed report is the report built in memory, and that the batch
 * gives the cross-note findings the editor's CrossNoteChecker gives.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkFiles, ConfigCache } from '../../server/src/cli/checkFiles';
import { jsonWriter } from '../../server/src/cli/format/json';
import { junitWriter } from '../../server/src/cli/format/junit';
import { sarifWriter } from '../../server/src/cli/format/sarif';
import { textWriter } from '../../server/src/cli/format/text';
import { writeWhole, type ReportWriter } from '../../server/src/cli/format/writer';
import { main } from '../../server/src/cli/main';
import { RowSpill, StreamedReport } from '../../server/src/cli/output';
import { sortRows, type Row } from '../../server/src/cli/report';
import { CrossNoteBatch, CrossNoteChecker, defaultConfig, lintNote, RULES } from '../../server/src/engine';
import { nodeFileAccess, type ReusingFileAccess } from '../../server/src/node/nodeFs';
import { FIXTURES } from '../helpers/paths';
import { NO_MODIFIER, tempDir } from './helpers';

const REPEAT = path.join(FIXTURES, 'rules', 'repeat-initial-encounter', 'workspace-same-date-file-order');
const FIRST = fs.readFileSync(path.join(REPEAT, 'note-1.tnote'), 'utf8');

/** Notes of three patients: repeats of 97760 for two of them (cross-note findings), per-note findings too. */
function corpus(): Record<string, string> {
  const visit = (patient: string, date: string) => FIRST.replace('MRN-004211', patient).replace(/^date: .*$/m, `date: ${date}`);
  return {
    'a/1.tnote': visit('MRN-1', '2026-11-20'),
    'a/2.tnote': visit('MRN-1', '2026-11-21').replace('    modifiers: [GP]\n', ''),
    'b/3.tnote': visit('MRN-2', '2026-11-19'),
    'b/4.tnote': visit('MRN-1', '2026-11-18'),
    'c/5.tnote': visit('MRN-3', '2026-11-18'),
    'c/6.tnote': visit('MRN-2', '2026-11-19'),
    'c/7.tnote': NO_MODIFIER,
    'c/.tnoterc.yaml': 'rules:\n  no-such-rule: off\n',
  };
}

describe('CLI memory stays flat (issue 12 item 9)', () => {
  it('CrossNoteBatch gives the cross-note findings CrossNoteChecker gives', () => {
    const notes = Object.entries(corpus()).filter(([name]) => name.endsWith('.tnote'));
    const checker = new CrossNoteChecker();
    const batch = new CrossNoteBatch();
    for (const [name, text] of notes) {
      const { digest } = lintNote(name, text, defaultConfig());
      checker.set(name, digest);
      batch.set(name, digest);
    }
    const expected = checker.findings();
    const got = batch.findings();
    assert.ok(expected.size >= 3, `the corpus has cross-note findings (${expected.size} notes)`);
    const plain = (m: ReadonlyMap<string, unknown>) => JSON.parse(JSON.stringify([...m].sort(([a], [b]) => (a < b ? -1 : 1)))) as unknown;
    assert.deepEqual(plain(got), plain(expected));
    assert.throws(() => batch.set(notes[0][0], lintNote(notes[0][0], notes[0][1], defaultConfig()).digest), /set twice/);
  });

  it('every workspace rule summary is plain JSON data (CrossNoteBatch keeps it as JSON text)', () => {
    let seen = 0;
    for (const [name, text] of Object.entries(corpus())) {
      if (!name.endsWith('.tnote')) continue;
      for (const [rule, summary] of lintNote(name, text, defaultConfig()).digest.summaries) {
        assert.deepStrictEqual(JSON.parse(JSON.stringify(summary)), summary, `${rule} on ${name}`);
        seen++;
      }
    }
    assert.ok(seen >= 6);
    assert.ok(RULES.some((r) => r.scope === 'workspace'));
  });

  it("each note's rows go out as soon as it is checked, before the next note is read", async () => {
    const dir = tempDir(corpus());
    const nodeFs = nodeFileAccess({ blocking: true });
    const events: string[] = [];
    const fsa: ReusingFileAccess = {
      ...nodeFs,
      readFile: (p, o) => {
        if (p.endsWith('.tnote')) events.push(`read ${path.relative(dir, p)}`);
        return nodeFs.readFile(p, o);
      },
      // Notes are read with one open/fstat/read where the file access offers it.
      readFileWithStat: (p, o) => {
        if (p.endsWith('.tnote')) events.push(`read ${path.relative(dir, p)}`);
        return nodeFs.readFileWithStat!(p, o);
      },
      // … and synchronously into a reused buffer where it offers that.
      readReused: (p, o) => {
        if (p.endsWith('.tnote')) events.push(`read ${path.relative(dir, p)}`);
        return nodeFs.readReused!(p, o);
      },
    };
    const spill = new RowSpill();
    try {
      const report = new StreamedReport(spill, false);
      const files = Object.keys(corpus())
        .filter((n) => n.endsWith('.tnote'))
        .map((n) => path.join(dir, n))
        .sort();
      const sink = {
        note: (file: string, rows: Row[]) => {
          report.note(file, rows);
          events.push(`rows ${file} (${spill.rows} spilled)`);
        },
        more: (file: string, rows: Row[]) => {
          report.more(file, rows);
          events.push(`cross ${file}`);
        },
      };
      await checkFiles(fsa, files, { fix: false, announceFixes: false, cwd: dir }, new ConfigCache(fsa), () => {}, sink);
      // read 1, rows 1, read 2, rows 2, … then the cross-note rows (their notes read again for lines).
      const perNote = events.slice(0, files.length * 2);
      assert.ok(
        events.slice(files.length * 2).some((e) => e.startsWith('cross')),
        events.join('\n'),
      );
      assert.ok(!events.slice(files.length * 2).some((e) => e.startsWith('rows')), events.join('\n'));
      for (let i = 0; i < files.length; i++) {
        const name = path.relative(dir, files[i]).split(path.sep).join('/');
        assert.equal(perNote[2 * i], `read ${path.relative(dir, files[i])}`);
        assert.match(perNote[2 * i + 1], new RegExp(`^rows ${name.replace('.', '\\.')} `));
      }
      // The spill holds every note's rows; nothing of them stays in memory but the totals.
      assert.ok(spill.rows > 0);
      assert.match(perNote[perNote.length - 1], new RegExp(`\\(${spill.rows} spilled\\)$`));
    } finally {
      spill.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('the streamed report is the report built in memory', () => {
    const row = (file: string, line: number, rule: string, severity: Row['severity'], fixable = false): Row => ({
      file,
      line,
      column: 2,
      endLine: line,
      endColumn: 9,
      rule,
      severity,
      message: `${rule} on line ${line} of ${file}`,
      fixable,
    });
    // Note rows as the notes are checked, cross-note rows after (one for an earlier file, landing
    // between its own rows), config rows for a file that is not a note, and notes without rows.
    const noteRows: [string, Row[]][] = [
      ['b.tnote', [row('b.tnote', 3, 'missing-discipline-modifier', 'error', true), row('b.tnote', 9, 'unknown-section', 'info')]],
      ['a.tnote', [row('a.tnote', 12, 'missing-direct-contact', 'warning')]],
      ['clean.tnote', []],
      ['d#1 ü.tnote', [row('d#1 ü.tnote', 1, 'front-matter-invalid', 'error')]],
      ['only-info.tnote', [row('only-info.tnote', 4, 'unknown-section', 'info')]],
    ];
    const moreRows: [string, Row[]][] = [
      ['b.tnote', [row('b.tnote', 5, 'repeat-initial-encounter', 'warning')]],
      ['.tnoterc.yaml', [row('.tnoterc.yaml', 2, 'config-invalid', 'warning')]],
    ];
    const writers: [string, () => ReportWriter][] = [
      ['text', () => textWriter({ color: false })],
      ['json', () => jsonWriter()],
      ['sarif', () => sarifWriter({ version: '9.9.9', cwd: '/work/notes' })],
      ['junit', () => junitWriter()],
    ];
    for (const quiet of [false, true]) {
      for (const [format, writer] of writers) {
        it(`${format}${quiet ? ' --quiet' : ''}`, () => {
          const all = sortRows([...noteRows, ...moreRows].flatMap(([, rows]) => rows));
          const expected = writeWhole({ rows: quiet ? all.filter((r) => r.severity === 'error') : all, files: noteRows.map(([f]) => f).sort(), quiet }, writer());
          const spill = new RowSpill();
          try {
            const report = new StreamedReport(spill, quiet);
            for (const [file, rows] of noteRows) report.note(file, rows);
            for (const [file, rows] of moreRows) report.more(file, rows);
            const pieces: string[][] = [];
            report.write(writer(), (lines) => pieces.push(lines));
            assert.equal(pieces.flat().join('\n'), expected);
            assert.deepEqual(report.all, { error: 2, warning: 3, info: 2 });
            assert.equal(report.errorFound, true);
          } finally {
            spill.close();
          }
        });
      }
    }

    it('JSON rows are written exactly as JSON.stringify writes the whole array, a U+2028 in a name or message included', () => {
      const odd = { ...row('line\u2028sep\u2029.tnote', 2, 'unknown-section', 'info'), message: 'a\u2028b\u2029c' };
      const rows = [row('a.tnote', 1, 'missing-direct-contact', 'warning'), odd];
      assert.equal(writeWhole({ rows, files: ['a.tnote', odd.file], quiet: false }, jsonWriter()), JSON.stringify(rows, null, 2));
    });

    it('JSON rows written directly are what JSON.stringify writes: quotes, escapes, control characters, -0, and rows that are not plain Rows', () => {
      const base = row('d "q" \\ ü\u0001\t.tnote', 3, 'unknown-section', 'error', true);
      const rows: Row[] = [
        base,
        { ...base, message: '"quoted" \\ back\u0000slash \ud800 lone\n\r', line: -0, column: 1e21 },
        // Keys in another order, an extra key, a missing key, a number that JSON writes as null: written by JSON.stringify.
        (({ message, ...rest }) => ({ message, ...rest }))(base),
        { ...base, extra: 1 } as Row,
        { ...base, fixable: undefined } as unknown as Row,
        { ...base, endColumn: NaN },
      ];
      const files = [...new Set(rows.map((r) => r.file))];
      assert.equal(writeWhole({ rows, files, quiet: false }, jsonWriter()), JSON.stringify(rows, null, 2));
    });

    it('no rows at all: an empty JSON array, SARIF with no results', () => {
      for (const [format, writer] of writers) {
        const spill = new RowSpill();
        const report = new StreamedReport(spill, false);
        report.note('clean.tnote', []);
        const pieces: string[][] = [];
        report.write(writer(), (lines) => pieces.push(lines));
        spill.close();
        assert.equal(pieces.flat().join('\n'), writeWhole({ rows: [], files: ['clean.tnote'], quiet: false }, writer()), format);
      }
      assert.equal(writeWhole({ rows: [], files: [], quiet: false }, jsonWriter()), '[]');
      assert.equal(JSON.parse(writeWhole({ rows: [], files: [], quiet: false }, sarifWriter({ version: '1', cwd: '/x' }))).runs[0].results.length, 0);
    });
  });

  it('tnote check --format json: cross-note rows in file order, the temporary file deleted, and the same output without a temporary folder', async () => {
    const dir = tempDir(corpus());
    const tmp = fs.mkdtempSync(path.join(dir, 'tmp-'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      let out = '';
      const code = await main(['check', '--format', 'json', '.'], { out: (s) => (out += s + '\n'), err: () => {}, cwd: dir, color: false });
      assert.equal(code, 2, 'an unknown rule in the config is an error');
      const rows = JSON.parse(out) as Row[];
      assert.deepEqual(rows, sortRows([...rows]));
      assert.ok(rows.filter((r) => r.rule === 'repeat-initial-encounter').length >= 3);
      assert.ok(rows.some((r) => r.rule === 'config-invalid'));
      assert.deepEqual(fs.readdirSync(tmp), [], 'the spill is deleted');
      // No writable temporary folder: the rows wait in memory instead, same output.
      process.env.TMPDIR = path.join(tmp, 'missing');
      let again = '';
      assert.equal(await main(['check', '--format', 'json', '.'], { out: (s) => (again += s + '\n'), err: () => {}, cwd: dir, color: false }), 2);
      assert.equal(again, out);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
