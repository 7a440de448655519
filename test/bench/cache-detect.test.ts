/**
 * The warm `--cache` row is measured only when `tnote check --help` lists `--cache`; otherwise it
 * says "not available". This pins how the help text is read.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require(path.join(REPO_ROOT, 'bench', 'cli.js')) as {
  cacheOptionsIn: (help: string) => { cache: boolean; cacheLocation: boolean };
};

describe('bench: detecting the --cache option', () => {
  it('finds --cache and --cache-location as options', () => {
    assert.deepEqual(cli.cacheOptionsIn('  --fix   apply fixes\n  --cache           check only changed notes\n  --cache-location F  cache file\n'), { cache: true, cacheLocation: true });
    assert.deepEqual(cli.cacheOptionsIn('  --cache[=FILE]  check only changed notes'), { cache: true, cacheLocation: false });
  });

  it('does not take --cache-location, --no-cache or a word for --cache', () => {
    assert.deepEqual(cli.cacheOptionsIn('  --cache-location F  cache file'), { cache: false, cacheLocation: true });
    assert.deepEqual(cli.cacheOptionsIn('  --no-cache  x\n  --cached-thing y'), { cache: false, cacheLocation: false });
    assert.deepEqual(cli.cacheOptionsIn('  --fix   apply fixes'), { cache: false, cacheLocation: false });
  });
});
