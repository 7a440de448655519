/**
 * The CI recipes (issue 11 item 4), run for real with a local bash, offline:
 * - action.yml: its `run:` steps, with `${{ inputs.* }}` replaced by test values (defaults from the
 *   action) and the GITHUB_* variables the steps use, in a temp "repository" whose
 *   node_modules/.bin/tnote runs this repository's built CLI (bin/tnote.js; `npm test` builds);
 * - .pre-commit-hooks.yaml: the hook's entry with staged file names appended, as pre-commit does;
 * - the GitLab CI job in docs/ci.md: its `script:` lines.
 * npx is told `--offline` with an empty cache and a closed registry port, so nothing is fetched.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SaxesParser } from 'saxes';
import { parse as parseYaml } from 'yaml';
import { CLI, REPO_ROOT } from '../helpers/paths';
import { CLEAN, DRAFT, NO_MODIFIER, run } from './helpers';

interface ActionInput {
  default?: string;
}
interface ActionStep {
  id?: string;
  shell?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, ActionInput>;
  runs: { using: string; steps: ActionStep[] };
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string } };
    results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
  }[];
}

const action = parseYaml(fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;
const hooks = parseYaml(fs.readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; require_serial?: boolean }[];

let work: string;
let npmEnv: NodeJS.ProcessEnv;

/** A temp repository: notes, and node_modules/.bin/tnote that runs the built CLI (as `npm install` of the tarball would provide). */
function repo(files: Record<string, string>, { installed = true } = {}): string {
  const dir = fs.mkdtempSync(path.join(work, 'repo-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true, "devDependencies": { "tnote": "file:tnote-0.1.0.tgz" } }\n');
  fs.mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  if (installed) {
    const bin = path.join(dir, 'node_modules', '.bin', 'tnote');
    fs.writeFileSync(bin, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
    fs.chmodSync(bin, 0o755);
  }
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** `${{ inputs.x }}` → the test's value or the action's default; any other expression fails the test. */
function substitute(text: string, inputs: Record<string, string>): string {
  const out = text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, name: string) => {
    assert.ok(name in action.inputs, `action.yml uses undeclared input ${name}`);
    return inputs[name] ?? action.inputs[name].default ?? '';
  });
  assert.ok(!out.includes('${{'), `an expression the test cannot evaluate: ${out}`);
  return out;
}

interface StepRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

/** Runs the action's `run:` steps in order as GitHub's runner does (`bash --noprofile --norc -eo pipefail`), stopping at the first failure. */
function runAction(cwd: string, inputs: Record<string, string>): StepRun {
  for (const name of Object.keys(inputs)) assert.ok(name in action.inputs, `test sets unknown input ${name}`);
  const result: StepRun = { code: 0, stdout: '', stderr: '', outputs: {} };
  for (const step of action.runs.steps.filter((s) => s.run !== undefined)) {
    assert.equal(step.shell, 'bash');
    const outFile = path.join(work, `github-output-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(outFile, '');
    const script = path.join(work, `step-${Math.random().toString(36).slice(2)}.sh`);
    fs.writeFileSync(script, substitute(step.run ?? '', inputs));
    const stepEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.env ?? {})) stepEnv[k] = substitute(String(v), inputs);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...npmEnv, GITHUB_OUTPUT: outFile, GITHUB_WORKSPACE: cwd, GITHUB_ACTIONS: 'true', ...stepEnv },
    });
    result.code = r.status;
    result.stdout += r.stdout;
    result.stderr += r.stderr;
    for (const line of fs.readFileSync(outFile, 'utf8').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) result.outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
    if (r.status !== 0) break;
  }
  return result;
}

function readSarif(file: string): SarifLog {
  const log = JSON.parse(fs.readFileSync(file, 'utf8')) as SarifLog;
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  assert.equal(log.runs[0].tool.driver.name, 'tnote');
  return log;
}

/** A clean note of another patient (two notes of one patient would meet the rule on a repeated initial encounter). */
const CLEAN_OTHER = CLEAN.replace('patient: MRN-004211', 'patient: MRN-007300');

const ruleLines = (log: SarifLog) =>
  log.runs[0].results.map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine} ${r.level} ${r.ruleId}`);

function wellFormedXml(xml: string): string[] {
  const names: string[] = [];
  const parser = new SaxesParser();
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (t) => void names.push(t.name));
  parser.write(xml).close();
  return names;
}

describe('CI recipes (issue 11 item 4)', () => {
  before(() => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` (npm test does)');
    work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-ci-')));
    npmEnv = {
      ...process.env,
      NO_COLOR: '1',
      npm_config_cache: path.join(work, 'npm-cache'),
      npm_config_offline: 'true',
      npm_config_registry: 'http://127.0.0.1:9/', // closed: any request would fail at once
      npm_config_update_notifier: 'false',
      npm_config_loglevel: 'error',
    };
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  describe('CI recipe: the GitHub Action (action.yml)', function () {
    this.timeout(60_000);

    it('is a composite action that runs the installed CLI and uploads SARIF with upload-sarif, always', () => {
      assert.equal(action.runs.using, 'composite');
      const runSteps = action.runs.steps.filter((s) => s.run !== undefined);
      assert.ok(runSteps.length >= 1);
      const script = runSteps.map((s) => s.run).join('\n');
      assert.match(script, /npx --no-install tnote /, 'runs the CLI the repository installed, never downloads one');
      assert.doesNotMatch(script, /^\s*npm (ci|install|run|pack)\b/m, 'the action must not build or install tnote');
      assert.doesNotMatch(script, /\$\{\{/, 'inputs reach the script through env, not pasted into its text');
      const upload = action.runs.steps.filter((s) => s.uses !== undefined);
      assert.equal(upload.length, 1, 'the only `uses:` step is the upload');
      assert.match(upload[0].uses ?? '', /^github\/codeql-action\/upload-sarif@v\d+$/);
      assert.match(upload[0].if ?? '', /\balways\(\)/, 'uploads also when the check failed');
      assert.match(upload[0].with?.sarif_file ?? '', /steps\.check\.outputs\.sarif-file/);
      for (const name of ['paths', 'config', 'args', 'sarif-file', 'fail-on']) assert.ok(name in action.inputs, `input ${name}`);
    });

    it('flawed note: writes SARIF 2.1.0 with the finding, and the step fails with the CLI exit status', () => {
      const dir = repo({ 'notes/flawed.tnote': NO_MODIFIER, 'notes/clean.tnote': CLEAN_OTHER });
      const r = runAction(dir, { paths: 'notes', 'sarif-file': 'reports/tnote.sarif' });
      const cli = run(['check', '--format', 'sarif', 'notes'], dir);
      assert.equal(cli.code, 1);
      assert.equal(r.code, cli.code, r.stdout + r.stderr);
      assert.equal(r.outputs['exit-code'], '1');
      assert.equal(r.outputs['sarif-file'], 'reports/tnote.sarif');
      const log = readSarif(path.join(dir, 'reports', 'tnote.sarif'));
      assert.deepEqual(ruleLines(log), ['notes/flawed.tnote:10 error missing-discipline-modifier']);
      assert.deepEqual(log, JSON.parse(cli.stdout), 'the same SARIF as the CLI run by hand');
    });

    it('clean note: SARIF with no results, the step succeeds as the CLI does', () => {
      const dir = repo({ 'notes/clean.tnote': CLEAN });
      const r = runAction(dir, {});
      assert.equal(run(['check', '.'], dir).code, 0);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(r.outputs['exit-code'], '0');
      assert.deepEqual(ruleLines(readSarif(path.join(dir, 'tnote.sarif'))), []);
    });

    it('fail-on: never keeps the step green on findings but still writes them; fail-on must be a known value', () => {
      const dir = repo({ 'flawed.tnote': NO_MODIFIER });
      const r = runAction(dir, { 'fail-on': 'never' });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(r.outputs['exit-code'], '1');
      assert.deepEqual(ruleLines(readSarif(path.join(dir, 'tnote.sarif'))), ['flawed.tnote:10 error missing-discipline-modifier']);

      const bad = runAction(dir, { 'fail-on': 'sometimes' });
      assert.equal(bad.code, 2);
      assert.match(bad.stdout, /fail-on must be error, warning or never/);
    });

    it('paths one per line (with spaces), extra args and config reach the CLI', () => {
      const dir = repo({ 'my notes/draft.tnote': DRAFT, 'other/flawed.tnote': NO_MODIFIER, 'ci/rules.yaml': 'rules:\n  missing-discipline-modifier: off\n' });
      // A draft's unfinished items are infos: exit 0, unless --final treats it as final.
      assert.equal(runAction(dir, { paths: 'my notes\n' }).code, 0);
      const final = runAction(dir, { paths: '  my notes  \n\n', args: '--final' });
      assert.equal(final.code, 1, final.stdout + final.stderr);
      assert.ok(ruleLines(readSarif(path.join(dir, 'tnote.sarif'))).every((l) => l.startsWith('my%20notes/draft.tnote:')));
      // The config turns the only finding of other/flawed.tnote off.
      assert.equal(runAction(dir, { paths: 'other' }).code, 1);
      const configured = runAction(dir, { paths: 'other', config: 'ci/rules.yaml' });
      assert.equal(configured.code, 0, configured.stdout + configured.stderr);
    });

    it('an input cannot inject shell code', () => {
      const dir = repo({ 'clean.tnote': CLEAN });
      runAction(dir, { paths: 'clean.tnote\n$(touch pwned1)', args: '`touch pwned2` ; touch pwned3', 'sarif-file': 'x$(touch pwned4).sarif' });
      for (const f of ['pwned1', 'pwned2', 'pwned3', 'pwned4']) assert.ok(!fs.existsSync(path.join(dir, f)), `${f} was created`);
    });

    it('tnote not installed: exit 2 with a message, no SARIF file and nothing to upload', () => {
      const dir = repo({ 'clean.tnote': CLEAN }, { installed: false });
      const r = runAction(dir, {});
      assert.equal(r.code, 2);
      assert.match(r.stdout, /wrote no SARIF .*Is tnote installed/);
      assert.equal(r.outputs['sarif-file'], '');
      assert.ok(!fs.existsSync(path.join(dir, 'tnote.sarif')));
    });
  });

  describe('CI recipe: the pre-commit hook (.pre-commit-hooks.yaml)', function () {
    this.timeout(60_000);
    const hook = hooks.find((h) => h.id === 'tnote');

    /** As pre-commit runs a hook: the entry split on whitespace, the matching file names appended. */
    function runHook(dir: string, staged: string[]) {
      assert.ok(hook);
      const files = staged.filter((f) => new RegExp(hook.files).test(f));
      const [cmd, ...args] = hook.entry.split(/\s+/);
      return spawnSync(cmd, [...args, ...files], { cwd: dir, encoding: 'utf8', env: npmEnv, timeout: 60_000 });
    }

    it('is a system hook on .tnote files that runs the installed CLI', () => {
      assert.ok(hook, 'a hook with id tnote');
      assert.equal(hook.language, 'system');
      assert.equal(hook.entry, 'npx --no-install tnote check');
      const re = new RegExp(hook.files);
      assert.ok(re.test('notes/a b.tnote') && !re.test('notes/a.tnote.bak') && !re.test('README.md'));
      assert.equal(hook.require_serial, true);
    });

    it('passes a clean note and refuses a flawed one', () => {
      const dir = repo({ 'notes/clean.tnote': CLEAN_OTHER, 'notes/flawed.tnote': NO_MODIFIER, 'README.md': '# not a note\n' });
      const ok = runHook(dir, ['notes/clean.tnote', 'README.md']);
      assert.equal(ok.status, 0, ok.stdout + ok.stderr);
      const bad = runHook(dir, ['notes/clean.tnote', 'notes/flawed.tnote']);
      assert.equal(bad.status, 1, bad.stdout + bad.stderr);
      assert.match(bad.stdout, /missing-discipline-modifier/);
    });
  });

  describe('CI recipe: the GitLab CI job (docs/ci.md)', function () {
    this.timeout(60_000);
    const md = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'ci.md'), 'utf8');
    const section = md.slice(md.indexOf('## GitLab CI'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section);
    const job = (parseYaml(block?.[1] ?? '') as Record<string, { script: string[]; artifacts: { when: string; paths: string[]; reports: { junit: string } } }>).tnote;

    function runJob(dir: string) {
      return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', job.script.join('\n')], { cwd: dir, encoding: 'utf8', env: npmEnv, timeout: 60_000 });
    }

    it('keeps a JUnit report and the SARIF file as artifacts, also when the job fails', () => {
      assert.ok(job, 'docs/ci.md has a yaml block with a `tnote` job under "GitLab CI"');
      assert.equal(job.artifacts.when, 'always');
      assert.equal(job.artifacts.reports.junit, 'tnote-junit.xml');
      assert.ok(job.artifacts.paths.includes('tnote.sarif'));
    });

    it('flawed note: JUnit with a failure, SARIF with the finding, the job fails with exit status 1', () => {
      const dir = repo({ 'notes/flawed.tnote': NO_MODIFIER, 'notes/clean.tnote': CLEAN_OTHER });
      const r = runJob(dir);
      assert.equal(r.status, 1, r.stdout + r.stderr);
      const names = wellFormedXml(fs.readFileSync(path.join(dir, 'tnote-junit.xml'), 'utf8'));
      assert.equal(names[0], 'testsuites');
      assert.equal(names.filter((n) => n === 'failure').length, 1);
      assert.deepEqual(ruleLines(readSarif(path.join(dir, 'tnote.sarif'))), ['notes/flawed.tnote:10 error missing-discipline-modifier']);
    });

    it('clean note: the job succeeds with both reports', () => {
      const dir = repo({ 'notes/clean.tnote': CLEAN });
      const r = runJob(dir);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.ok(!wellFormedXml(fs.readFileSync(path.join(dir, 'tnote-junit.xml'), 'utf8')).includes('failure'));
      assert.deepEqual(ruleLines(readSarif(path.join(dir, 'tnote.sarif'))), []);
    });
  });
});
