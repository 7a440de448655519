/** `tnote report` through the real command (bin/tnote.js → dist/cli.js) on notes in temp folders. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, FIXTURES } from '../helpers/paths';

const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');
const NO_MODIFIER = CLEAN.replace('    modifiers: [GP]\n', '');
const MARK = 'PELICANMARK';

/**
 * A note with marker strings wherever note text lives: narrative lines, a field value, a comment,
 * a heading that is not a known section (unknown-section quotes it in its message), a placeholder
 * label (unresolved-placeholder quotes it), a misspelt field label, and the patient id.
 */
const MARKED = CLEAN.replace('patient: MRN-004211', `patient: MRN-${MARK}-ID`)
  .replace('## Instruction', `## ${MARK} Heading\n${MARK} narrative under an unknown heading.\n\n## Instruction`)
  .replace(/^(Rationale: )/m, `$1${MARK} rationale words; `)
  .replace(/^(Understanding: ).*$/m, `$1{{${MARK} placeholder}}`)
  .replace('## Plan\n', `## Plan\n<!-- ${MARK} comment -->\n${MARK} plan narrative.\nSafty${MARK}: misspelt label\n`);

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dirs: string[] = [];
function tempDir(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-report-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** The `data-value` of each chart's bars, by key. */
function bars(html: string, chart: string): Record<string, number> {
  const svg = new RegExp(`<svg class="chart[^"]*" data-chart="${chart}"[\\s\\S]*?</svg>`).exec(html)?.[0] ?? '';
  return Object.fromEntries([...svg.matchAll(/<g class="bar" data-key="([^"]*)" data-value="(\d+)"/g)].map((m) => [m[1], Number(m[2])]));
}

describe('tnote report', () => {
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('writes one self-contained HTML file with the charts, and says what it wrote', () => {
    // Three patients (the same patient's 97760 twice would be a cross-note finding, counted too).
    const b = NO_MODIFIER.replace('MRN-004211', 'MRN-2');
    const c = NO_MODIFIER.replace('MRN-004211', 'MRN-3').replaceAll('2026-11-20', '2026-10-02');
    const dir = tempDir({ 'notes/a.tnote': CLEAN, 'notes/b.tnote': b, 'notes/c.tnote': c, 'out/.keep': '' });
    const r = run(['report', 'notes', '--out', 'out/report.html'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^wrote out\/report\.html: 3 notes, 1 ready to bill, 2 not ready, 2 findings$/m);
    const html = fs.readFileSync(path.join(dir, 'out', 'report.html'), 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.deepEqual(bars(html, 'rules'), { 'missing-discipline-modifier': 2 });
    assert.deepEqual(bars(html, 'providers'), { 'Alex Rivera, PT, DPT': 3 });
    assert.match(html, /data-chart="months"[\s\S]*data-key="2026-10" data-value="1"[\s\S]*data-key="2026-11" data-value="2"/);
    assert.equal([...html.matchAll(/<tr data-i=/g)].length, 3);
    assert.doesNotMatch(html, /\s(?:src|href)=/i);
  });

  it('counts cross-note findings (the same patient billed 97760 twice)', () => {
    const dir = tempDir({ 'a.tnote': CLEAN, 'b.tnote': CLEAN.replaceAll('2026-11-20', '2026-12-04') });
    const csv = run(['report', '--format', 'csv'], dir).stdout;
    assert.match(csv, /^b\.tnote,2026-12-04,.*,no,0,1,0,1,repeat-initial-encounter:1\r?$/m);
  });

  it('checks every note as final: a draft that `check` passes is not ready to bill; templates are left out', () => {
    const draft = CLEAN.replace('discipline: PT', 'status: draft\ndiscipline: PT').replace(/^Safety:.*\n/m, '');
    const dir = tempDir({ 'd.tnote': draft, 'templates/t.tnote': fs.readFileSync(path.join(FIXTURES, '..', '..', 'templates', '97760-pt.tnote'), 'utf8') });
    const check = run(['check', 'd.tnote'], dir);
    assert.equal(check.code, 0, `check passes the draft (its missing Safety is a to-do): ${check.stdout}`);
    const r = run(['report', '.', '--format', 'csv'], dir);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split(/\r?\n/);
    assert.equal(lines.length, 2, 'the template is not a row');
    assert.match(lines[1], /^d\.tnote,2026-11-20,2026-11,"Alex Rivera, PT, DPT",PT,97760 L1971,draft,no,0,1,0,1,missing-instruction-elements:1$/);
    const html = run(['report', '.'], dir).stdout;
    assert.match(html, /1 note \u00b7 1 draft among them \u00b7 1 template left out/);
    assert.match(html, /Left out \(status: template\): templates\/t\.tnote/);
  });

  it('never prints note text: markers in narrative, headings, labels, placeholders, comments and the patient id stay out', () => {
    const dir = tempDir({ 'm.tnote': MARKED, 'n.tnote': MARKED.replace('date: 2026-11-20', 'date: 2026-11-21') });
    // The markers do reach finding messages (so printing messages would leak them) …
    const check = run(['check', '--format', 'json', '.'], dir);
    const messages = (JSON.parse(check.stdout) as { message: string }[]).map((x) => x.message).join('\n');
    assert.ok(messages.includes(MARK), `a finding message quotes the note:\n${messages}`);
    // … but not the report, in either format, nor its messages on stderr.
    const html = run(['report', '.', '--out', 'r.html'], dir);
    const csv = run(['report', '.', '--out', 'r.csv'], dir);
    assert.equal(html.code, 0, html.stderr);
    assert.equal(csv.code, 0, csv.stderr);
    for (const [name, text] of [
      ['r.html', fs.readFileSync(path.join(dir, 'r.html'), 'utf8')],
      ['r.csv', fs.readFileSync(path.join(dir, 'r.csv'), 'utf8')],
      ['stderr', html.stderr + csv.stderr],
    ]) {
      assert.ok(!text.includes(MARK) && !text.toLowerCase().includes(MARK.toLowerCase()), `${name} holds a marker`);
      assert.ok(!text.includes('MRN-'), `${name} holds a patient id`);
    }
    assert.match(fs.readFileSync(path.join(dir, 'r.csv'), 'utf8'), /unknown-section:1/, 'the finding is counted, by its rule id');
  });

  it('--patient-ids: none by default, pseudonyms stable within a report, or the ids as written', () => {
    const other = CLEAN.replace('MRN-004211', 'MRN-777').replace('date: 2026-11-20', 'date: 2026-11-22');
    const dir = tempDir({ 'a.tnote': CLEAN, 'b.tnote': CLEAN.replace('date: 2026-11-20', 'date: 2026-11-21'), 'c.tnote': other });
    const none = run(['report', '--format', 'csv'], dir);
    assert.doesNotMatch(none.stdout, /patient|MRN/);
    const pseudo = run(['report', '--format', 'csv', '--patient-ids', 'pseudonym'], dir).stdout.trim().split(/\r?\n/);
    assert.match(pseudo[0], /^file,patient,/);
    const ids = pseudo.slice(1).map((l) => l.split(',')[1]);
    assert.ok(
      ids.every((x) => /^P-[0-9a-f]{10}$/.test(x)),
      ids.join(),
    );
    assert.equal(ids[0], ids[1], 'the same patient, the same pseudonym');
    assert.notEqual(ids[0], ids[2]);
    assert.doesNotMatch(pseudo.join('\n'), /MRN/);
    const again = run(['report', '--format', 'csv', '--patient-ids=pseudonym'], dir).stdout.trim().split(/\r?\n/)[1].split(',')[1];
    assert.notEqual(again, ids[0], 'a new key for every report: pseudonyms do not link reports');
    const plain = run(['report', '--patient-ids', 'plain'], dir).stdout;
    assert.match(plain, /<td>MRN-004211<\/td>/);
    assert.match(plain, /shown as written in the notes/);
  });

  it('bad usage, unwritable output and unreadable notes: a clear message and exit 2', () => {
    const dir = tempDir({ 'a.tnote': CLEAN, 'bin.tnote': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02]) });
    const cases: [string[], RegExp][] = [
      [['report', '--format', 'pdf'], /--format takes html or csv \(not "pdf"\)/],
      [['report', '--out'], /--out needs a file/],
      [['report', '--patient-ids', 'all'], /--patient-ids takes none, pseudonym or plain/],
      [['report', '--frobnicate'], /unknown option --frobnicate for report/],
      [['report', '--out', 'missing/r.html'], /cannot write missing\/r\.html: its folder does not exist/],
      [['report', '--out', 'a.tnote'], /would overwrite a note/],
      [['report', '--config', 'nope.yaml'], /config file not found: nope\.yaml/],
      [['report', 'nowhere'], /no such file or folder: nowhere/],
    ];
    for (const [args, message] of cases) {
      const r = run(args, dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
    }
    assert.equal(fs.readFileSync(path.join(dir, 'a.tnote'), 'utf8'), CLEAN, 'the note was not overwritten');
    const r = run(['report', '.', '--out', 'r.html'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bin\.tnote: could not be read or checked; left out of the report/);
    const html = fs.readFileSync(path.join(dir, 'r.html'), 'utf8');
    assert.match(html, /Could not be read: bin\.tnote/);
    assert.match(html, /1 note \u00b7 1 file could not be read/);
  });

  it('tnote report --help, and the main help names the command', () => {
    const r = run(['report', '--help'], os.tmpdir());
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: tnote report/);
    assert.match(run(['--help'], os.tmpdir()).stdout, /tnote report \[paths/);
  });
});
