/**
 * The CLI's V8 code cache (dist/cli.js.v8cache, written by the build; bin/load-cli.js): used when
 * it matches the bundle, never for another bundle's bytes, harmless when V8 rejects it, and the
 * output is the same with it as without. Each case runs in a fresh Node process without coverage
 * (V8 accepts a code cache only under the flags it was made with; coverage turns it off).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

const LOADER = path.join(REPO_ROOT, 'bin', 'load-cli.js');
const BUNDLE = path.join(REPO_ROOT, 'dist', 'cli.js');
const EXAMPLES = path.join(REPO_ROOT, 'examples');

/** Env of a plain run: no coverage, no NODE_OPTIONS. */
function plainEnv(): NodeJS.ProcessEnv {
  // Node copies the parent's NODE_V8_COVERAGE into a child's env unless the env names it: an
  // empty value turns coverage off. (A bundle compiled from wrapped source reports offsets that
  // do not match the file, which coverage would count as other, unrun functions.)
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', NODE_V8_COVERAGE: '' };
  delete env.NODE_OPTIONS;
  return env;
}

/**
 * Loads `bundle` in a fresh process as bin/tnote.js does (the CLI's V8 settings first: the cache is
 * made under them), runs `tnote check --format json EXAMPLES`; says how the code cache went.
 */
function load(bundle: string, useCache?: boolean): { cache: string; stdout: string; code: number | null } {
  const script = `require(${JSON.stringify(LOADER)}).applyCliV8Flags();
    const r = require(${JSON.stringify(LOADER)}).loadBundle(${JSON.stringify(bundle)}${useCache === undefined ? '' : `, { useCache: ${String(useCache)} }`});
    const out = [];
    r.exports.main(['check', '--format', 'json', ${JSON.stringify(EXAMPLES)}], { out: (s) => out.push(s), err: () => {}, cwd: ${JSON.stringify(REPO_ROOT)}, color: false })
      .then((code) => process.stdout.write(JSON.stringify({ cache: r.cache, stdout: out.join('\\n'), code })));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: plainEnv(), timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { cache: string; stdout: string; code: number | null };
}

describe('tnote CLI code cache', function () {
  this.timeout(60_000);

  it('the build writes one that matches the bundle; it is used, and the output is the same as without it', () => {
    assert.ok(fs.existsSync(`${BUNDLE}.v8cache`), 'npm run build writes dist/cli.js.v8cache');
    const withCache = load(BUNDLE);
    const without = load(BUNDLE, false);
    assert.equal(withCache.cache, 'used');
    assert.equal(without.cache, 'none');
    assert.equal(withCache.code, 1, 'the examples have errors');
    assert.equal(withCache.code, without.code);
    assert.equal(withCache.stdout, without.stdout);
    assert.ok(withCache.stdout.includes('missing-discipline-modifier'), 'the comparison means something');
    // bin/tnote.js itself, as a user runs it.
    const bin = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'tnote.js'), 'check', '--format', 'json', EXAMPLES], { cwd: REPO_ROOT, encoding: 'utf8', env: plainEnv() });
    assert.equal(bin.status, 1);
    assert.equal(bin.stdout.trimEnd(), without.stdout.trimEnd());
  });

  it('is not used for a bundle with other bytes, and a cache V8 rejects is only compiled around', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-code-cache-'));
    try {
      const source = fs.readFileSync(BUNDLE, 'utf8');
      const cache = fs.readFileSync(`${BUNDLE}.v8cache`);
      // Another bundle (one comment more) beside the original's cache: not used.
      const other = path.join(dir, 'other.js');
      fs.writeFileSync(other, `${source}\n// another build\n`);
      fs.writeFileSync(`${other}.v8cache`, cache);
      const a = load(other);
      assert.equal(a.cache, 'none');
      // The same bytes, but the cache's code is garbage: V8 rejects it and compiles the bundle.
      const same = path.join(dir, 'same.js');
      fs.writeFileSync(same, source);
      fs.writeFileSync(`${same}.v8cache`, Buffer.concat([cache.subarray(0, 32), Buffer.alloc(4096, 0x5a)]));
      const b = load(same);
      assert.equal(b.cache, 'rejected');
      // Cut short to its digest alone, or absent: not used.
      fs.writeFileSync(`${same}.v8cache`, cache.subarray(0, 32));
      assert.equal(load(same).cache, 'none');
      fs.rmSync(`${same}.v8cache`);
      const c = load(same);
      assert.equal(c.cache, 'none');
      const reference = load(BUNDLE, false);
      for (const r of [a, b, c]) {
        assert.equal(r.code, reference.code);
        assert.equal(r.stdout, reference.stdout);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
