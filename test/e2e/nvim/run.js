#!/usr/bin/env node
// @ts-check
'use strict';
// Neovim suite: the language server in a second real LSP editor (headless Neovim 0.7, started by
// test/e2e/nvim/lsp-check.lua with `tnote-language-server --stdio`).
//
//   node test/e2e/nvim/run.js        (needs `nvim` on PATH and a built dist/: npm run build)
//
// Cases, on a fresh copy of the e2e workspace (examples/*.tnote + test/e2e/workspace/):
//   - the CLI's findings agree with test/e2e/expected-diagnostics.json and examples/README.md;
//   - for every note: the diagnostics Neovim receives (line, column, code, severity) equal the CLI's
//     `tnote check --format json` findings for that note, run over the same workspace (1-based lines);
//   - a code action: missing-discipline-modifier on pt-afo-flawed.tnote, applied in the buffer,
//     adds `modifiers: [GP]` to the 97760 charge (and leaves the file on disk alone).
// Exit code 0 when every case passed; 1 otherwise (including "nvim missing" — never a silent skip).
// Env: NVIM_BIN (default nvim), KEEP_E2E_TMP=1 keeps the temp folder, VERBOSE=1 echoes nvim's output.

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { prepareWorkspace, ROOT } = require('../prepare-workspace');
const expected = require('../expected');

const NVIM = process.env.NVIM_BIN || 'nvim';
const LUA = path.join(__dirname, 'lsp-check.lua');
const SERVER = path.join(ROOT, 'bin', 'tnote-language-server.js');
const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 };

const results = [];
function record(name, ok, detail) {
  results.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'} nvim: ${name}${!ok && detail ? `\n  ${String(detail).split('\n').join('\n  ')}` : ''}`);
}

function runNvim(tmp, file, env) {
  const out = path.join(tmp, 'out', `${path.basename(file)}.jsonl`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const r = spawnSync(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${LUA}`], {
    encoding: 'utf8',
    timeout: 60000,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
      XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
      XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
      XDG_STATE_HOME: path.join(tmp, 'xdg-state'),
      TMPDIR: path.join(tmp, 'tmp'),
      LSP_CMD: JSON.stringify([process.execPath, SERVER, '--stdio']),
      LSP_FILE: file,
      LSP_OUT: out,
      ...env,
    },
  });
  const output = `${r.stdout || ''}${r.stderr || ''}`.trim();
  if (process.env.VERBOSE) console.log(output);
  if (r.error) throw new Error(`nvim could not run (${NVIM}): ${r.error.message}`);
  const lines = fs.existsSync(out)
    ? fs
        .readFileSync(out, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
    : null;
  return {
    status: r.status,
    output,
    diagnostics: lines && lines.map((l) => JSON.parse(l)),
    after: fs.existsSync(`${out}.after`) ? fs.readFileSync(`${out}.after`, 'utf8') : null,
  };
}

function main() {
  const started = Date.now();
  const v = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) {
    record('start', false, `nvim not found or not runnable (${NVIM}): install it with scripts/e2e/ensure-debian-packages.sh neovim`);
    return finish(started);
  }
  console.log(`nvim: ${v.stdout.split('\n')[0]}`);
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server.js'))) {
    record('start', false, 'dist/server.js is missing: run `npm run build`');
    return finish(started);
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-e2e-nvim-'));
  for (const d of ['xdg-config', 'xdg-data', 'xdg-cache', 'xdg-state', 'tmp']) fs.mkdirSync(path.join(tmp, d));
  const ws = prepareWorkspace(path.join(tmp, 'workspace'));
  try {
    const problems = expected.check();
    record('CLI, examples/README.md and test/e2e/expected-diagnostics.json agree', problems.length === 0, problems.join('\n'));

    const cli = expected.cliByFile(ws);
    for (const [rel, findings] of Object.entries(cli)) {
      const want = findings.map((f) => ({ line: f.line, col: f.column, code: f.rule, severity: SEVERITY[f.severity] }));
      const r = runNvim(tmp, path.join(ws, rel), { LSP_ROOT: ws, LSP_EXPECT_COUNT: String(want.length) });
      const name = `${rel}: ${want.length ? want.map((d) => `${d.line}:${d.code}`).join(', ') : 'no diagnostics'}`;
      if (r.status !== 0 || !r.diagnostics) {
        record(name, false, `nvim exited ${r.status}:\n${r.output}`);
        continue;
      }
      const got = r.diagnostics.map((d) => ({ line: d.line, col: d.col, code: d.code, severity: d.severity }));
      const sort = (a) => [...a].sort((x, y) => x.line - y.line || x.col - y.col || String(x.code).localeCompare(String(y.code)));
      const ok = JSON.stringify(sort(got)) === JSON.stringify(sort(want));
      record(name, ok, `Neovim: ${JSON.stringify(sort(got))}\n  CLI:    ${JSON.stringify(sort(want))}`);
    }

    // Code action: the quick fix for missing-discipline-modifier, applied by Neovim.
    const file = path.join(ws, 'pt-afo-flawed.tnote');
    const before = fs.readFileSync(file, 'utf8');
    const r = runNvim(tmp, file, { LSP_ROOT: ws, LSP_EXPECT_COUNT: String(cli['pt-afo-flawed.tnote'].length), LSP_CODE_ACTION_CODE: 'missing-discipline-modifier' });
    let ok = r.status === 0 && r.after !== null;
    let detail = `nvim exited ${r.status}:\n${r.output}`;
    if (ok && r.after !== null) {
      const lines = r.after.split('\n');
      const charge = lines.indexOf('  - code: 97760');
      const nextCharge = lines.findIndex((l, i) => i > charge && /^ {2}- /.test(l));
      const chargeLines = lines.slice(charge, nextCharge);
      ok =
        charge >= 0 &&
        chargeLines.includes('    modifiers: [GP]') &&
        r.after === before.replace('    region: lower\n', '    region: lower\n    modifiers: [GP]\n') &&
        fs.readFileSync(file, 'utf8') === before;
      detail = `buffer after the code action:\n${r.after}`;
    }
    record('code action for missing-discipline-modifier on pt-afo-flawed.tnote adds modifiers: [GP]', ok, detail);
  } catch (e) {
    record('run', false, e.stack || e.message);
  } finally {
    if (process.env.KEEP_E2E_TMP) console.log(`nvim: kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  return finish(started);
}

function finish(started) {
  const failed = results.filter((r) => !r.ok).length;
  const passed = results.length - failed;
  console.log(`nvim: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main();
