/**
 * displayPath: the shortcuts (a note under the current folder, a normal path outside it) give what
 * the path.relative rule gives, for every pair tried.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { displayPath } from '../../server/src/cli/files';
import { joinPath } from '../../server/src/node/nodeFs';

/** The rule the shortcuts must keep: relative when under the folder, else the absolute path; `/` separators. */
function reference(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join('/');
}

describe('displayPath', () => {
  it('matches path.relative for paths inside, outside, equal to and around the current folder', function () {
    if (path.sep !== '/') this.skip(); // the POSIX shortcut; Windows takes path.relative
    const cwds = ['/', '/a', '/a/b', '/a/b/', '/a//b', '/a/./b', '/a/b/..', '/work/wt/warm'];
    const files = [
      '/a',
      '/a/b',
      '/a/b/n.tnote',
      '/a/bc/n.tnote',
      '/a/b/c/d.tnote',
      '/a/b/.hidden/n.tnote',
      '/a/b/..n.tnote',
      '/a/b/../b/n.tnote',
      '/a/b//n.tnote',
      '/a/b/./n.tnote',
      '/a/b/',
      '/tmp/wc/n.tnote',
      '/tmp/wc/x/..',
      '/tmp/wc/.',
      '/',
      '/work/wt/warm2/n.tnote',
    ];
    for (const cwd of cwds) for (const f of files) assert.equal(displayPath(f, cwd), reference(f, cwd), `${f} from ${cwd}`);
  });
});

describe('joinPath (the node file access join)', () => {
  it('matches path.join for normal and odd folders and names', () => {
    const dirs = ['/', '/a', '/a/', '/a/b', '/a//b', '/a/./b', '/a/b/..', '/a/b/.', '/a/.b', 'a/b', '', '.', '/tmp/wc/x'];
    const names = ['n.tnote', '.hidden', '..n', '.', '..', '', 'x/y', 'x/../y', '...'];
    for (const d of dirs) for (const n of names) assert.equal(joinPath(d, n), path.join(d, n), `${d} + ${n}`);
  });
});
