import * as fs from 'node:fs';
import * as path from 'node:path';

function findRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'server'))) return d;
    if (path.dirname(d) === d) throw new Error(`repository root not found above ${dir}`);
  }
}

export const REPO_ROOT =
  process.env.TNOTE_REPO_ROOT ??
  (() => {
    try {
      return findRoot(__dirname);
    } catch {
      return findRoot(process.cwd());
    }
  })();
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const CLI = path.join(REPO_ROOT, 'bin', 'tnote.js');
export const SERVER_BIN = path.join(REPO_ROOT, 'bin', 'tnote-language-server.js');
