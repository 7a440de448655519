/**
 * Ignore patterns (engine/ignore.ts): the matcher's gitignore-like rules, the walker leaving out
 * what they name (folders not entered), and `ignore:` in .tnoterc.yaml.
 */
import * as assert from 'node:assert/strict';
import { ConfigLoader, findNotes, ignoreMatcher, ignorePatternProblem, relativeTo, type IgnoreList } from '../../server/src/engine';
import { MemoryFs } from '../helpers/memoryFs';

const matches = (patterns: string[], rel: string, kind: 'file' | 'directory' = 'file') => ignoreMatcher({ base: '/w', patterns })(`/w/${rel}`, kind);

describe('ignore patterns', () => {
  it('a pattern without "/" matches a name at any depth, and everything below it', () => {
    for (const rel of ['templates', 'templates/a.tnote', 'team/templates/x/b.tnote']) assert.ok(matches(['templates'], rel), rel);
    for (const rel of ['templates.tnote', 'my-templates/a.tnote', 'a.tnote']) assert.ok(!matches(['templates'], rel), rel);
    assert.ok(matches(['*.draft.tnote'], 'a/b/c.draft.tnote'));
    assert.ok(matches(['.drafts'], 'x/.drafts/a.tnote'), 'dot folders match like any other');
    assert.ok(matches(['templates/'], 'templates/a.tnote'), 'a trailing slash changes nothing');
  });

  it('a pattern with "/" is anchored at the base folder; a leading "/" only anchors', () => {
    assert.ok(matches(['notes/archive'], 'notes/archive/2019/a.tnote'));
    assert.ok(!matches(['notes/archive'], 'x/notes/archive/a.tnote'));
    assert.ok(matches(['/drafts'], 'drafts/a.tnote'));
    assert.ok(!matches(['/drafts'], 'team/drafts/a.tnote'));
    assert.ok(matches(['notes/**/old-*.tnote'], 'notes/2020/05/old-1.tnote'));
    assert.ok(matches(['{a,b}/*.tnote'], 'b/x.tnote'));
  });

  it('"!pattern" takes back what an earlier pattern left out; the last match wins', () => {
    const p = ['templates', '!templates/keep.tnote'];
    assert.ok(matches(p, 'templates/other.tnote'));
    assert.ok(!matches(p, 'templates/keep.tnote'));
    assert.ok(matches([...p, 'keep.tnote'], 'templates/keep.tnote'), 'a later pattern leaves it out again');
    // With a "!" pattern in the list a folder is not skipped whole (its notes are matched one by one).
    assert.ok(!matches(p, 'templates', 'directory'));
    assert.ok(matches(['templates'], 'templates', 'directory'));
  });

  it('never matches outside the base folder, nor the base itself', () => {
    const m = ignoreMatcher({ base: '/w/team', patterns: ['**'] });
    assert.ok(m('/w/team/a.tnote', 'file'));
    assert.ok(!m('/w/other/a.tnote', 'file'));
    assert.ok(!m('/w/teamwork/a.tnote', 'file'));
    assert.ok(!m('/w/team', 'directory'));
    assert.equal(relativeTo('C:\\repo', 'C:\\Repo\\notes\\a.tnote'), 'notes/a.tnote', 'Windows paths, case-insensitive');
    assert.equal(relativeTo('/', '/a/b'), 'a/b');
  });

  it('refuses patterns that cannot work, with a reason', () => {
    for (const bad of ['', '  ', '!', '/', '../notes', 'a/../../b', 'C:\\notes', '//server/share']) assert.ok(ignorePatternProblem(bad), JSON.stringify(bad));
    for (const good of ['templates', '!keep.tnote', 'a/**/b', '/drafts', '*.tnote']) assert.equal(ignorePatternProblem(good), undefined, good);
  });
});

describe('the walker with ignore patterns', () => {
  it('does not enter an ignored folder and leaves out ignored notes, counting what it left out', async () => {
    const m = new MemoryFs()
      .file('/w/a.tnote', '')
      .file('/w/x.draft.tnote', '')
      .file('/w/templates/t.tnote', '')
      .file('/w/templates/deep/u.tnote', '')
      .file('/w/notes/templates/v.tnote', '')
      .file('/w/notes/b.tnote', '')
      .link('/w/tpl-link', 'templates');
    const list: IgnoreList = { base: '/w', patterns: ['templates', '*.draft.tnote'] };
    const asked: string[] = [];
    const ignored = (p: string, kind: 'file' | 'directory') => {
      asked.push(p);
      return ignoreMatcher(list)(p, kind);
    };
    const found = (await findNotes(m, ['/w'], { ignored })).notes.map((n) => n.path);
    assert.deepEqual(found, ['/w/a.tnote', '/w/notes/b.tnote', '/w/tpl-link/deep/u.tnote', '/w/tpl-link/t.tnote'], 'a link named otherwise is a different path');
    assert.ok(!asked.some((p) => p.startsWith('/w/templates/')), 'nothing below an ignored folder is looked at');
    assert.equal((await findNotes(m, ['/w'], { ignored })).ignored, 3, 'templates, notes/templates and x.draft.tnote');
    const withLink = (await findNotes(m, ['/w'], { ignored: (p, k) => ignoreMatcher({ base: '/w', patterns: ['templates', 'tpl-link'] })(p, k) })).notes.map((n) => n.path);
    assert.deepEqual(withLink, ['/w/a.tnote', '/w/notes/b.tnote', '/w/x.draft.tnote']);
  });
});

describe('ignore: in .tnoterc.yaml', () => {
  it('is a list of globs relative to the config file’s folder', async () => {
    const m = new MemoryFs().file('/w/.tnoterc.yaml', 'ignore:\n  - templates\n  - "!templates/keep.tnote"\n').file('/w/n/a.tnote', '');
    const loaded = await new ConfigLoader(m).forFile('/w/n/a.tnote');
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.config.ignore, { base: '/w', patterns: ['templates', '!templates/keep.tnote'] });
    const one = await new ConfigLoader(new MemoryFs().file('/w/.tnoterc.yaml', 'ignore: drafts\n')).forFile('/w/a.tnote');
    assert.deepEqual(one.config.ignore?.patterns, ['drafts'], 'a single glob is a list of one');
  });

  it('reports a bad value or pattern at its line (config-invalid) and keeps the good ones', async () => {
    const m = new MemoryFs().file('/w/.tnoterc.yaml', 'profile: medicare\nignore:\n  - templates\n  - ../outside\n  - 12\n  - [nested]\n');
    const loaded = await new ConfigLoader(m).forFile('/w/a.tnote');
    assert.deepEqual(
      loaded.problems.map((p) => [p.line, p.severity]),
      [
        [4, 'error'],
        [6, 'error'],
      ],
    );
    assert.match(loaded.problems[0].message, /outside their base folder/);
    assert.deepEqual(loaded.config.ignore?.patterns, ['templates', '12']);
    const map = await new ConfigLoader(new MemoryFs().file('/w/.tnoterc.yaml', 'ignore:\n  templates: true\n')).forFile('/w/a.tnote');
    assert.match(map.problems[0].message, /ignore must be a list of globs/);
  });
});
