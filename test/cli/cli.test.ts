/** Spawns the real `tnote` command (bin/tnote.js → dist/cli.js) on notes in temp folders. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Row } from '../../server/src/cli/report';
import { REPO_ROOT } from '../helpers/paths';
import { CLEAN, DRAFT, NO_MODIFIER, run, tempDir } from './helpers';

describe('tnote CLI', () => {
  it('tnote rules lists each rule with its kind and primary source', () => {
    const json = run(['rules', '--format', 'json'], REPO_ROOT);
    assert.equal(json.code, 0, json.stderr);
    const rules = JSON.parse(json.stdout) as { id: string; kind: string; sources: string[]; primarySource: string | null }[];
    assert.ok(rules.length > 50);
    for (const r of rules) {
      assert.ok(r.kind === 'completeness' || r.kind === 'correctness', `${r.id}: ${r.kind}`);
      assert.ok(r.sources.length > 0 && r.primarySource?.startsWith('http'), `${r.id} has no primary source`);
    }
    assert.equal(rules.find((r) => r.id === 'missing-instruction-elements')?.kind, 'completeness');
    const text = run(['rules'], REPO_ROOT);
    assert.match(text.stdout, /^missing-discipline-modifier +error +correctness +\S.*\[SRC-CMS-MCPM-CH5\]$/m);
  });

  it('exits 0 on a clean note and prints a summary', () => {
    const dir = tempDir({ 'a.tnote': CLEAN });
    const r = run(['check', 'a.tnote'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /0 errors, 0 warnings, 0 infos in 1 file checked/);
  });

  it('exits 1 with an error and prints it under its file as a line:col severity message rule row', () => {
    const dir = tempDir({ 'a.tnote': NO_MODIFIER });
    const r = run(['check', '.'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^a\.tnote\n {2}10:11 {2}error {4}97760 has no discipline modifier.* {2}missing-discipline-modifier$/m);
  });

  it('--format json gives the contract fields, 1-based and sorted by file, line, column', () => {
    const dir = tempDir({ 'b.tnote': NO_MODIFIER, 'a.tnote': NO_MODIFIER.replace('## Instruction', '## Instrction') });
    const r = run(['check', '--format', 'json', '*.tnote'], dir);
    assert.equal(r.code, 1);
    const rows = JSON.parse(r.stdout) as Row[];
    assert.ok(rows.length >= 2);
    for (const row of rows) {
      assert.deepEqual(Object.keys(row).sort(), ['column', 'endColumn', 'endLine', 'file', 'fixable', 'line', 'message', 'rule', 'severity']);
      assert.ok(row.line >= 1 && row.column >= 1);
    }
    const keys = rows.map((x) => [x.file, x.line, x.column] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    assert.deepEqual(keys, sorted);
    const mod = rows.find((x) => x.file === 'b.tnote' && x.rule === 'missing-discipline-modifier')!;
    assert.deepEqual([mod.line, mod.column, mod.severity, mod.fixable], [10, 11, 'error', true]);
  });

  it('--format sarif emits SARIF 2.1.0 with rules and regions', () => {
    const dir = tempDir({ 'a.tnote': NO_MODIFIER });
    const r = run(['check', '--format=sarif', 'a.tnote'], dir);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.name, 'tnote');
    const res = run0.results.find((x: { ruleId: string }) => x.ruleId === 'missing-discipline-modifier');
    assert.equal(res.level, 'error');
    assert.equal(run0.tool.driver.rules[res.ruleIndex].id, 'missing-discipline-modifier');
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 10, startColumn: 11, endLine: 10, endColumn: 16 });
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'a.tnote');
  });

  it('--fix applies safe fixes in place, keeps CRLF and BOM, and reports what remains', () => {
    const crlf = '\uFEFF' + NO_MODIFIER.replace(/\n/g, '\r\n');
    const dir = tempDir({ 'a.tnote': crlf });
    const r = run(['check', '--fix', 'a.tnote'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const after = fs.readFileSync(path.join(dir, 'a.tnote'), 'utf8');
    assert.ok(after.startsWith('\uFEFF---\r\n'));
    assert.ok(!/[^\r]\n/.test(after), 'only CRLF line breaks');
    assert.match(after, /modifiers: \[GP\]\r\n/);
    assert.equal(
      after
        .replace(/\r\n/g, '\n')
        .replace('\uFEFF', '')
        .replace(/ {4}modifiers: \[GP\]\n/, ''),
      NO_MODIFIER,
    );
    assert.deepEqual(fs.readdirSync(dir), ['a.tnote'], 'no temp files left behind');
  });

  it('honours status: a draft has only to-do items (exit 0); --final checks it as a final note (exit 1)', () => {
    const dir = tempDir({ 'draft.tnote': DRAFT, 'final.tnote': NO_MODIFIER });
    const asIs = JSON.parse(run(['check', '--format', 'json', 'draft.tnote'], dir).stdout) as Row[];
    assert.ok(asIs.length > 0 && asIs.every((x) => x.severity === 'info'), 'a draft reports to-do items at info');
    assert.equal(run(['check', 'draft.tnote'], dir).code, 0);
    const final = run(['check', '--final', '--format', 'json', 'draft.tnote'], dir);
    assert.equal(final.code, 1, final.stderr);
    const rows = JSON.parse(final.stdout) as Row[];
    assert.ok(rows.some((x) => x.rule === 'unresolved-placeholder' && x.severity === 'error'));
    assert.ok(!rows.some((x) => x.message.startsWith('To do:')));
    // A note without status is final either way.
    assert.deepEqual(JSON.parse(run(['check', '--final', '--format', 'json', 'final.tnote'], dir).stdout), JSON.parse(run(['check', '--format', 'json', 'final.tnote'], dir).stdout));
  });

  it('exits 2 on bad usage', () => {
    const dir = tempDir({});
    assert.equal(run(['check', '--format', 'xml'], dir).code, 2);
    assert.equal(run(['check', '--bogus'], dir).code, 2);
    assert.equal(run(['frobnicate'], dir).code, 2);
    assert.equal(run(['check', '--config', 'missing.yaml', '.'], dir).code, 2);
  });

  it('exits 2 on a missing path, binary or non-UTF-8 input, and still checks the other files', () => {
    const dir = tempDir({ 'good.tnote': NO_MODIFIER, 'bin.tnote': Buffer.from([0x2d, 0x2d, 0x00, 0xff]), 'latin1.tnote': Buffer.from('---\npatient: Jos\xe9\n---\n', 'latin1') });
    const r = run(['check', '--format', 'json', '.', 'nope.tnote'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bin\.tnote: looks like a binary file/);
    assert.match(r.stderr, /latin1\.tnote: is not valid UTF-8/);
    assert.match(r.stderr, /no such file or folder: nope\.tnote/);
    const rows = JSON.parse(r.stdout) as Row[];
    assert.ok(rows.some((x) => x.file === 'good.tnote' && x.rule === 'missing-discipline-modifier'));
  });

  it('uses the nearest .tnoterc.yaml (rule off) and --config overrides it', () => {
    const dir = tempDir({ 'notes/a.tnote': NO_MODIFIER, 'notes/.tnoterc.yaml': 'rules:\n  missing-discipline-modifier: off\n', 'strict.yaml': 'rules:\n  missing-discipline-modifier: error\n' });
    assert.equal(run(['check', 'notes'], dir).code, 0);
    assert.equal(run(['check', '--config', 'strict.yaml', 'notes'], dir).code, 1);
  });

  it('reports a bad config with its file and line, and exits 2', () => {
    const dir = tempDir({ 'a.tnote': CLEAN, '.tnoterc.yaml': 'profile: medicare\nrules:\n  no-such-rule: error\n  missing-discipline-modifier: loud\ncolour: red\n' });
    const r = run(['check', '--format', 'json', 'a.tnote'], dir);
    assert.equal(r.code, 2);
    const rows = (JSON.parse(r.stdout) as Row[]).filter((x) => x.rule === 'config-invalid');
    assert.deepEqual(
      rows.map((x) => [x.file, x.line]),
      [
        ['.tnoterc.yaml', 3],
        ['.tnoterc.yaml', 4],
        ['.tnoterc.yaml', 5],
      ],
    );
  });

  it('checks the bundled examples: clean ones pass, flawed ones fail', () => {
    const r = run(['check', '--format', 'json', 'examples'], REPO_ROOT);
    assert.equal(r.code, 1);
    const rows = JSON.parse(r.stdout) as Row[];
    const files = new Set(rows.filter((x) => x.severity !== 'info').map((x) => x.file));
    for (const f of fs.readdirSync(path.join(REPO_ROOT, 'examples')).filter((x) => x.endsWith('.tnote'))) {
      assert.equal(files.has(`examples/${f}`), !f.includes('clean'), `examples/${f}`);
    }
  });

  it('checks a thousand notes in one call', function () {
    this.timeout(60000);
    const files: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) files[`n${i}.tnote`] = CLEAN.replace('MRN-004211', `MRN-${100000 + i}`);
    const dir = tempDir(files);
    const r = run(['check', '--format', 'json', '.'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });
});
