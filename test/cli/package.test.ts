/**
 * The installable CLI (issue 11 item 3): `npm pack` of this project, installed into a fresh folder
 * outside the repository from the tarball, then `npx tnote check` there. Offline: npm is told
 * `--offline`, its cache is a new empty folder and its registry a closed port on this machine, so
 * the install can only succeed if the package needs nothing from a registry (every runtime
 * dependency is bundled into dist/cli.js). Uses the build `npm test` made (`npm pack
 * --ignore-scripts`, so the test does not rebuild).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { NO_MODIFIER } from './helpers';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

interface PackedFile {
  path: string;
}

describe('the packed CLI, installed outside the repository', function () {
  this.timeout(180_000);
  let work: string;
  let env: NodeJS.ProcessEnv;

  const sh = (cmd: string, args: string[], cwd: string) => {
    const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
  };

  before(() => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` (npm test does)');
    work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-pack-')));
    env = {
      ...process.env,
      NO_COLOR: '1',
      npm_config_cache: path.join(work, 'npm-cache'),
      npm_config_offline: 'true',
      // A closed port on this machine: any request npm tried to make would fail at once.
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      npm_config_loglevel: 'error',
    };
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('packs what the CLI needs at run time and nothing of the sources or tests', () => {
    const r = sh(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO_ROOT);
    assert.equal(r.code, 0, r.stderr || String(r.error));
    const [packed] = JSON.parse(r.stdout) as { filename: string; files: PackedFile[] }[];
    const files = packed.files.map((f) => f.path);
    for (const needed of [
      'package.json',
      'LICENSE',
      'README.md',
      'bin/tnote.js',
      'bin/load-cli.js',
      'bin/respawn.js',
      'bin/tnote-language-server.js',
      'dist/cli.js',
      'dist/cli.js.v8cache',
      'dist/server.js',
      'docs/rules/missing-discipline-modifier.md',
      'schemas/tnoterc.schema.json',
    ]) {
      assert.ok(files.includes(needed), `${needed} is not in the package`);
    }
    const stray = files.filter((f) => /^(server|client|shared|test|out|node_modules|scripts|bench)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts'));
    assert.deepEqual(stray, []);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies?: object; license: string; repository?: object };
    assert.equal(pkg.dependencies, undefined, 'no run-time dependencies: everything is bundled');
    assert.equal(pkg.license, 'MIT');
    assert.ok(pkg.repository);
    assert.match(fs.readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8'), /^MIT License/);
    assert.ok(fs.existsSync(path.join(work, packed.filename)));
  });

  it('installs offline into a fresh folder and runs as `npx tnote check`', () => {
    const tarball = fs.readdirSync(work).find((f) => f.endsWith('.tgz'));
    assert.ok(tarball, 'the tarball of the previous test');
    const team = path.join(work, 'team-repo');
    fs.mkdirSync(path.join(team, 'notes'), { recursive: true });
    fs.writeFileSync(path.join(team, 'package.json'), JSON.stringify({ name: 'team-notes', version: '1.0.0', private: true }));
    fs.writeFileSync(path.join(team, 'notes', 'visit.tnote'), NO_MODIFIER);

    const install = sh(NPM, ['install', '--offline', '--no-package-lock', path.join(work, tarball)], team);
    assert.equal(install.code, 0, install.stderr || String(install.error));
    assert.deepEqual(
      fs.readdirSync(path.join(team, 'node_modules')).filter((n) => !n.startsWith('.')),
      ['tnote'],
      'one package, no dependencies',
    );

    const check = sh(NPX, ['--no', '--', 'tnote', 'check', 'notes'], team);
    assert.equal(check.code, 1, check.stderr || String(check.error));
    assert.match(check.stdout, /^notes\/visit\.tnote\n {2}10:11 {2}error .*missing-discipline-modifier$/m);

    const version = sh(NPX, ['--no', '--', 'tnote', '--version'], team);
    const ours = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(version.stdout.trim(), ours);

    // The rule pages ship with the package: SARIF embeds them.
    const sarif = sh(NPX, ['--no', '--', 'tnote', 'check', '--format', 'sarif', 'notes'], team);
    const rule = JSON.parse(sarif.stdout).runs[0].tool.driver.rules[0];
    assert.equal(rule.id, 'missing-discipline-modifier');
    assert.match(rule.help.markdown, /^# missing-discipline-modifier\n/);
  });
});
