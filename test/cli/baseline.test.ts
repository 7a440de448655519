/** `tnote check --baseline FILE [--update-baseline]`: matching (pure) and the command on notes in temp folders. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fingerprint, matchFindings, parseBaseline, serializeBaseline, takeBaselineArgs, type BaselineEntry } from '../../server/src/cli/baseline';
import type { Row } from '../../server/src/cli/report';
import { CLI, FIXTURES } from '../helpers/paths';

const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');
const NO_MODIFIER = CLEAN.replace('    modifiers: [GP]\n', '');
const MARK = 'OSPREYMARK';

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function json(args: string[], cwd: string): { code: number | null; rows: Row[]; stderr: string } {
  const r = run([...args, '--format', 'json'], cwd);
  return { code: r.code, rows: r.stdout ? (JSON.parse(r.stdout) as Row[]) : [], stderr: r.stderr };
}

const dirs: string[] = [];
function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-baseline-'));
  dirs.push(dir);
  write(dir, files);
  return dir;
}
function write(dir: string, files: Record<string, string>) {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

const fp = (rule: string, message: string, line: string) => fingerprint(rule, message, line);
const entry = (rule: string, message: string, line: string, count = 1): BaselineEntry => ({ ...fp(rule, message, line), count });

describe('baseline: matching', () => {
  it('a finding whose line moved or whose message names another line number is the same finding', () => {
    assert.deepEqual(fp('r', 'The heading on line 12 looks misspelt.', '  ## Instrction '), fp('r', 'The heading on line 40 looks misspelt.', '## Instrction'));
    assert.notDeepEqual(fp('r', 'A', 'x'), fp('r', 'B', 'x'));
    assert.notDeepEqual(fp('r', 'A', 'x'), fp('s', 'A', 'x'));
    assert.match(fp('r', 'A', 'x').line, /^[0-9a-f]{16}$/);
  });

  it('counts: two identical findings need two recorded ones', () => {
    const recorded = [entry('r', 'm', 'Use: {{x}}')];
    assert.deepEqual(matchFindings([fp('r', 'm', 'Use: {{x}}'), fp('r', 'm', 'Use: {{x}}')], recorded), { isNew: [false, true], stale: 0 });
    assert.deepEqual(matchFindings([fp('r', 'm', 'Use: {{x}}'), fp('r', 'm', 'Use: {{x}}')], [entry('r', 'm', 'Use: {{x}}', 2)]), { isNew: [false, false], stale: 0 });
  });

  it('an edited line keeps its finding known (rule and message), but only once per record', () => {
    const recorded = [entry('r', 'm', 'Care: old text'), entry('r', 'm', 'Use: kept')];
    // The exact match is taken first, so the edited line gets the record left over.
    assert.deepEqual(matchFindings([fp('r', 'm', 'Care: new text'), fp('r', 'm', 'Use: kept')], recorded), { isNew: [false, false], stale: 0 });
    assert.deepEqual(matchFindings([fp('r', 'm', 'Care: new text'), fp('r', 'm', 'Use: kept'), fp('r', 'm', 'Safety: added')], recorded), { isNew: [false, false, true], stale: 0 });
    assert.deepEqual(matchFindings([fp('r', 'other message', 'Care: old text')], recorded), { isNew: [true], stale: 2 });
  });

  it('fixed findings are counted as stale', () => {
    assert.deepEqual(matchFindings([], [entry('r', 'm', 'a', 3)]), { isNew: [], stale: 3 });
  });

  it('the file format round-trips, sorted and counted; bad files are refused with a reason', () => {
    const text = serializeBaseline(
      new Map([
        ['b.tnote', [fp('r', 'm', 'x'), fp('r', 'm', 'x'), fp('a', 'm', 'x')]],
        ['a.tnote', []],
      ]),
    );
    const parsed = parseBaseline(text);
    assert.ok(parsed instanceof Map);
    assert.deepEqual([...parsed.keys()], ['b.tnote']);
    assert.deepEqual(
      parsed.get('b.tnote')!.map((e) => [e.rule, e.count]),
      [
        ['a', 1],
        ['r', 2],
      ],
    );
    assert.match(parseBaseline('{') as string, /^not JSON/);
    assert.match(parseBaseline('{"files":{}}') as string, /not a tnote baseline/);
    assert.match(parseBaseline('{"tnoteBaseline":1,"files":{"a":[{"rule":"r"}]}}') as string, /not \{rule, message, line, count\}/);
  });

  it('takes its options out of the command line, and only for check', () => {
    assert.deepEqual(takeBaselineArgs(['check', '--baseline', 'b.json', 'notes', '--update-baseline']), { rest: ['check', 'notes'], baseline: { file: 'b.json', update: true } });
    assert.deepEqual(takeBaselineArgs(['check', '--baseline=b.json']), { rest: ['check'], baseline: { file: 'b.json', update: false } });
    assert.deepEqual(takeBaselineArgs(['check', 'notes']), { rest: ['check', 'notes'] });
    assert.match(takeBaselineArgs(['check', '--baseline']).error!, /needs a file/);
    assert.match(takeBaselineArgs(['check', '--baseline', '--fix']).error!, /needs a file/);
    assert.match(takeBaselineArgs(['check', '--update-baseline']).error!, /needs --baseline FILE/);
    assert.match(takeBaselineArgs(['rules', '--baseline', 'b.json']).error!, /with tnote check only/);
  });
});

describe('tnote check --baseline', () => {
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('records today\u2019s findings without note text, then reports nothing and exits 0', () => {
    // unresolved-placeholder quotes the placeholder's label in its message.
    const marked = NO_MODIFIER.replace('## Plan\n', `## Plan\nRecheck {{${MARK} step}} soon.\n`);
    const dir = tempDir({ 'notes/a.tnote': marked, 'notes/b.tnote': NO_MODIFIER.replace('MRN-004211', 'MRN-2'), 'ci/.keep': '' });
    const before = json(['check', 'notes'], dir);
    assert.equal(before.code, 1);
    assert.ok(
      before.rows.some((r) => r.message.includes(MARK)),
      'a message quotes the note',
    );
    const rec = json(['check', 'notes', '--baseline', 'ci/baseline.json', '--update-baseline'], dir);
    assert.equal(rec.code, 0, rec.stderr);
    assert.deepEqual(rec.rows, []);
    assert.match(rec.stderr, new RegExp(`recorded ${before.rows.length} findings in 2 files in the baseline ci/baseline\\.json`));
    const text = fs.readFileSync(path.join(dir, 'ci', 'baseline.json'), 'utf8');
    assert.ok(!text.includes(MARK) && !text.includes('MRN') && !text.includes('modifier:'), 'no note text or message in the baseline');
    assert.deepEqual(Object.keys(JSON.parse(text).files), ['../notes/a.tnote', '../notes/b.tnote'], 'paths relative to the baseline file');
    const again = json(['check', 'notes', '--baseline', 'ci/baseline.json'], dir);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(again.rows, []);
    assert.match(again.stderr, new RegExp(`0 new findings, ${before.rows.length} known not shown`));
    // From another folder, with the baseline given by another path: the same files.
    const elsewhere = json(['check', '../notes', '--baseline', 'baseline.json'], path.join(dir, 'ci'));
    assert.equal(elsewhere.code, 0, elsewhere.stderr);
  });

  it('after lines move and known lines are edited, only new findings are reported (and fail CI)', () => {
    // Two known findings: on the 97760 line (error) and on the Instruction heading (no Safety: warning).
    const base = NO_MODIFIER.replace(/^Safety:.*\n/m, '');
    const dir = tempDir({ 'a.tnote': base });
    assert.equal(run(['check', '--baseline', 'b.json', '--update-baseline'], dir).code, 0);
    const lineOf = (text: string, s: string) => text.split('\n').indexOf(s) + 1;
    // Lines move: three comment lines at the top of the front matter; the 97760 line is edited too.
    const moved = base.replace('---\n', '---\n# reviewed\n# by the team\n# in 2026\n').replace('  - code: 97760\n', '  - code: "97760"\n');
    write(dir, { 'a.tnote': moved });
    assert.deepEqual(
      json(['check'], dir).rows.map((r) => [r.rule, r.line]),
      [
        ['missing-discipline-modifier', lineOf(base, '  - code: 97760') + 3],
        ['missing-instruction-elements', lineOf(base, '## Instruction') + 3],
      ],
    );
    const known = json(['check', '--baseline', 'b.json'], dir);
    assert.equal(known.code, 0, JSON.stringify(known.rows));
    assert.deepEqual(known.rows, []);
    // A new error in the same file, and a new file with the same (known elsewhere) error.
    write(dir, { 'a.tnote': moved.replace('    modifiers: [RT]\n', ''), 'b.tnote': base.replace('MRN-004211', 'MRN-9').replace(/^Care:.*\n/m, '') });
    const fresh = json(['check', '--baseline', 'b.json'], dir);
    assert.equal(fresh.code, 1);
    const all = json(['check'], dir).rows;
    assert.equal(all.length, 6, 'without the baseline: the known ones too');
    assert.deepEqual(
      fresh.rows,
      all.filter((r) => !(r.file === 'a.tnote' && (r.rule === 'missing-discipline-modifier' || r.rule === 'missing-instruction-elements'))),
    );
    assert.deepEqual(
      fresh.rows.map((r) => [r.file, r.rule]),
      [
        ['a.tnote', 'lcode-missing-side-modifier'],
        ['b.tnote', 'missing-discipline-modifier'],
        ['b.tnote', 'missing-instruction-elements'],
        ['b.tnote', 'missing-instruction-elements'],
      ],
    );
  });

  it('two identical findings need two records: a second one of the same kind is new', () => {
    // A placeholder in narrative: one finding per placeholder, same message, same line text.
    const line = 'Recheck {{next step}} soon.';
    const one = CLEAN.replace('## Plan\n', `## Plan\n${line}\n`);
    const dir = tempDir({ 'a.tnote': one });
    assert.equal(run(['check', '--baseline', 'b.json', '--update-baseline'], dir).code, 0);
    const two = one.replace('## Instruction\n', `## Instruction\n${line}\n`);
    write(dir, { 'a.tnote': two });
    const placeholders = json(['check'], dir).rows.filter((x) => x.rule === 'unresolved-placeholder');
    assert.equal(placeholders.length, 2, 'both placeholders are findings');
    assert.equal(placeholders[0].message, placeholders[1].message, 'with the same message');
    // Identical findings cannot be told apart: the ones beyond the recorded count are reported,
    // the last ones in the file (here the original, now below the added one).
    const lastLine = two.split('\n').lastIndexOf(line) + 1;
    const r = json(['check', '--baseline', 'b.json'], dir);
    assert.deepEqual(
      r.rows.map((x) => [x.rule, x.line]),
      [['unresolved-placeholder', lastLine]],
    );
    assert.equal(r.code, 1);
  });

  it('says when recorded findings were fixed; --update-baseline drops them and keeps other folders\u2019 records', () => {
    const dir = tempDir({ 'x/a.tnote': NO_MODIFIER, 'y/b.tnote': NO_MODIFIER.replace('MRN-004211', 'MRN-2') });
    assert.equal(run(['check', '.', '--baseline', 'b.json', '--update-baseline'], dir).code, 0);
    write(dir, { 'x/a.tnote': CLEAN });
    const r = run(['check', 'x', '--baseline', 'b.json'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /0 new findings, 0 known not shown; 1 recorded finding no longer occurs \(drop it with --update-baseline\)/);
    const u = run(['check', 'x', '--baseline', 'b.json', '--update-baseline'], dir);
    assert.match(u.stderr, /recorded 0 findings in 0 files in the baseline b\.json \(kept the records of 1 file not checked now\)/);
    assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')).files), ['y/b.tnote']);
    assert.equal(run(['check', '.', '--baseline', 'b.json'], dir).code, 0);
  });

  it('a missing or broken baseline is exit 2 with a message, and every finding is shown', () => {
    const dir = tempDir({ 'a.tnote': NO_MODIFIER, 'bad.json': '{"files": 3}' });
    const missing = run(['check', '--baseline', 'none.json'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /baseline file not found: none\.json \(record one with --baseline none\.json --update-baseline\)/);
    assert.match(missing.stdout, /missing-discipline-modifier/);
    const bad = run(['check', '--baseline', 'bad.json'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /the baseline bad\.json is not a tnote baseline/);
    for (const args of [
      ['check', '--update-baseline'],
      ['rules', '--baseline', 'x.json'],
      ['check', '--baseline'],
    ]) {
      const r = run(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /baseline/);
    }
  });
});
