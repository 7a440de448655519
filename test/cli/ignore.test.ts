/**
 * Ignore in the CLI: `ignore:` in .tnoterc.yaml, `--ignore GLOB` and `!GLOB` path arguments;
 * nothing is silently ignored (a bad pattern is an error, an explicitly named file that is left
 * out is said so).
 */
import * as assert from 'node:assert/strict';
import type { Row } from '../../server/src/cli/report';
import { NO_MODIFIER, run, tempDir } from './helpers';

/** One error per note; a distinct patient each, so no cross-note finding. */
const note = (i: number) => NO_MODIFIER.replace('MRN-004211', `MRN-${9000 + i}`);
const TEAM = {
  'notes/a.tnote': note(1),
  'notes/b.tnote': note(2),
  'templates/t1.tnote': note(3),
  'notes/templates/t2.tnote': note(4),
  'drafts/keep.tnote': note(5),
  'drafts/old.tnote': note(6),
};

const filesOf = (stdout: string) => [...new Set((JSON.parse(stdout) as Row[]).map((r) => r.file))].sort();

describe('tnote check: ignore', () => {
  it('ignore: in .tnoterc.yaml leaves out folders and notes (gitignore-like), in folder walks and globs alike', () => {
    const dir = tempDir({ ...TEAM, '.tnoterc.yaml': 'ignore:\n  - templates\n  - drafts\n  - "!drafts/keep.tnote"\n' });
    const walked = run(['check', '--format', 'json', '.'], dir);
    assert.equal(walked.code, 1, walked.stderr);
    assert.equal(walked.stderr, '');
    assert.deepEqual(filesOf(walked.stdout), ['drafts/keep.tnote', 'notes/a.tnote', 'notes/b.tnote']);
    assert.deepEqual(filesOf(run(['check', '--format', 'json', '**/*.tnote'], dir).stdout), ['drafts/keep.tnote', 'notes/a.tnote', 'notes/b.tnote']);
    assert.match(run(['check', '.'], dir).stdout, / in 3 files checked/);
  });

  it('--ignore GLOB (repeatable, relative to the current folder) and !GLOB among the paths', () => {
    const dir = tempDir(TEAM);
    assert.deepEqual(filesOf(run(['check', '--format', 'json', '--ignore', 'templates', '--ignore=drafts/old.tnote', '.'], dir).stdout), ['drafts/keep.tnote', 'notes/a.tnote', 'notes/b.tnote']);
    assert.deepEqual(filesOf(run(['check', '--format', 'json', 'notes', 'drafts', '!**/templates/**', '!drafts/old.tnote'], dir).stdout), ['drafts/keep.tnote', 'notes/a.tnote', 'notes/b.tnote']);
    // Only negations: the current folder, less what they name (the case of issue 11).
    assert.deepEqual(filesOf(run(['check', '--format', 'json', '!templates/**', '!notes/templates/**', '!drafts'], dir).stdout), ['notes/a.tnote', 'notes/b.tnote']);
    // After `--`, "!" is part of a file name.
    const bang = tempDir({ '!x.tnote': note(7) });
    assert.deepEqual(filesOf(run(['check', '--format', 'json', '--', '!x.tnote'], bang).stdout), ['!x.tnote']);
  });

  it('says so when a file or folder named explicitly is left out; the exit status stays that of what was checked', () => {
    const dir = tempDir({ ...TEAM, '.tnoterc.yaml': 'ignore: [templates]\n' });
    const file = run(['check', 'templates/t1.tnote', 'notes/a.tnote'], dir);
    assert.equal(file.code, 1);
    assert.match(file.stderr, /^tnote: templates\/t1\.tnote is left out by ignore patterns .*; not checked$/m);
    assert.match(file.stdout, / in 1 file checked/);
    const folder = run(['check', 'templates'], dir);
    assert.equal(folder.code, 0);
    assert.match(folder.stderr, /^tnote: templates is left out by ignore patterns/m);
  });

  it('refuses a pattern that cannot work instead of ignoring it silently', () => {
    const dir = tempDir(TEAM);
    for (const args of [['--ignore', '../x'], ['--ignore'], ['.', '!'], ['.', '!/'], ['.', '!!templates']]) {
      const r = run(['check', ...args], dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^tnote: .*(ignore|!)/, args.join(' '));
    }
    const config = tempDir({ ...TEAM, '.tnoterc.yaml': 'ignore:\n  - templates\n  - /abs/../../x\n' });
    const r = run(['check', '--format', 'json', '.'], config);
    assert.equal(r.code, 2, 'a bad config');
    const rows = JSON.parse(r.stdout) as Row[];
    assert.deepEqual(
      rows.filter((x) => x.rule === 'config-invalid').map((x) => [x.file, x.line]),
      [['.tnoterc.yaml', 3]],
    );
    assert.ok(!rows.some((x) => x.file.startsWith('templates/')), 'the good pattern still applies');
  });

  it('a nearer .tnoterc.yaml replaces the outer one, its ignore: included (no merging)', () => {
    const dir = tempDir({ ...TEAM, '.tnoterc.yaml': 'ignore: [templates]\n', 'notes/.tnoterc.yaml': 'profile: medicare\n' });
    assert.deepEqual(filesOf(run(['check', '--format', 'json', '.'], dir).stdout), ['drafts/keep.tnote', 'drafts/old.tnote', 'notes/a.tnote', 'notes/b.tnote', 'notes/templates/t2.tnote']);
  });
});
