/** The build check that keeps Node out of the browser bundles (scripts/browser-check.js) catches what it must. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from '../helpers/paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkBrowserBundle } = require(path.join(REPO_ROOT, 'scripts', 'browser-check.js')) as {
  checkBrowserBundle(metafile: esbuild.Metafile | undefined, outfile: string, root: string): string[];
};

describe('browser bundle check (scripts/browser-check.js)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-browser-check-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function build(source: string, options: esbuild.BuildOptions = {}): Promise<string[]> {
    fs.writeFileSync(path.join(dir, 'entry.ts'), source);
    const outfile = path.join(dir, 'out.js');
    const r = await esbuild.build({ entryPoints: [path.join(dir, 'entry.ts')], outfile, bundle: true, platform: 'browser', metafile: true, logLevel: 'silent', absWorkingDir: dir, ...options });
    return checkBrowserBundle(r.metafile, outfile, dir);
  }

  it('passes the shipped browser bundles', () => {
    for (const f of ['extension.js', 'server.js']) assert.deepEqual(checkBrowserBundle(undefined, path.join(REPO_ROOT, 'dist', 'browser', f), REPO_ROOT), [], f);
  });

  it('fails a bundle that reads process.env or uses setImmediate in the project sources', async () => {
    const problems = await build('export const a = process.env.HOME; setImmediate(() => a);');
    assert.ok(
      problems.some((p) => p.includes('process.env')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.includes('setImmediate')),
      problems.join('\n'),
    );
  });

  it('fails a bundle that leaves a Node module to be required at run time', async () => {
    const problems = await build("import * as fs from 'node:fs'; export const x = fs.existsSync('/');", { external: ['node:fs'], format: 'cjs' });
    assert.ok(
      problems.some((p) => p.includes('node:fs')),
      problems.join('\n'),
    );
  });

  it('esbuild itself refuses to bundle a Node module for the browser', async () => {
    await assert.rejects(build("import * as path from 'node:path'; export const x = path.sep;"));
  });

  it('passes a bundle with no Node in it', async () => {
    assert.deepEqual(await build('export const x = new TextDecoder().decode(new Uint8Array([104, 105]));'), []);
  });
});
