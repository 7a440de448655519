#!/usr/bin/env node
// @ts-check
'use strict';
// The diagnostics every editor must show for the e2e workspace (examples/*.tnote + the fixtures in
// test/e2e/workspace/), kept in test/e2e/expected-diagnostics.json:
//   { "<path relative to the workspace>": [{ line, column, endLine, endColumn, rule, severity }], ... }
// line/column are 1-based (column in UTF-16 code units), exactly as `tnote check --format json`.
//
// The file is derived from the CLI and reviewed against examples/README.md (the planted defects);
// `--check` proves all three still agree, so the editor suites, which compare against the file,
// also agree with the CLI:
//   node test/e2e/expected.js --check   CLI over a fresh workspace copy == file; README tables == file
//   node test/e2e/expected.js --write   regenerate the file from the CLI (then review the diff!)

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { prepareWorkspace, ROOT } = require('./prepare-workspace');

const EXPECTED_FILE = path.join(__dirname, 'expected-diagnostics.json');
const CLI = path.join(ROOT, 'bin', 'tnote.js');

function compact(f) {
  return { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, rule: f.rule, severity: f.severity };
}

function sortKey(d) {
  return [d.line, d.column, d.endLine, d.endColumn, d.rule, d.severity].map((x) => String(x).padStart(6, '0')).join('|');
}

function sorted(list) {
  return [...list].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

/** `tnote check --format json` over `paths` (run in `cwd`); exit 0 and 1 are both answers. */
function runCli(paths, cwd) {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...paths], { cwd, encoding: 'utf8' });
  if (r.error || (r.status !== 0 && r.status !== 1)) {
    throw new Error(`tnote check failed (${r.error ? r.error.message : `exit ${r.status}`}): ${r.stderr}`);
  }
  return JSON.parse(r.stdout);
}

/** Every note of `folder` -> its CLI findings (compact, sorted); notes without findings map to []. */
function cliByFile(folder) {
  const out = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.name.endsWith('.tnote')) out[path.relative(folder, f).split(path.sep).join('/')] = [];
    }
  };
  walk(folder);
  for (const f of runCli(['.'], folder)) {
    const key = path.relative(folder, path.resolve(folder, f.file)).split(path.sep).join('/');
    (out[key] ??= []).push(compact(f));
  }
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, sorted(out[k])]),
  );
}

/** The planted defects of examples/README.md: file -> sorted ["<line> <rule>", ...]; clean notes -> []. */
function readmeExpectations() {
  const text = fs.readFileSync(path.join(ROOT, 'examples', 'README.md'), 'utf8');
  const out = {};
  let part = null;
  let current = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^## Clean notes/.test(line)) {
      part = 'clean';
      current = null;
      continue;
    }
    if (/^## Flawed notes/.test(line)) {
      part = 'flawed';
      current = null;
      continue;
    }
    if (/^## /.test(line)) {
      part = null;
      current = null;
      continue;
    }
    const h = /^### `([^`]+\.tnote)`/.exec(line);
    if (h && part === 'flawed') {
      current = h[1];
      out[current] = [];
      continue;
    }
    const cleanRow = /^\| `([^`]+\.tnote)` \|/.exec(line);
    if (part === 'clean' && cleanRow) {
      out[cleanRow[1]] = [];
      continue;
    }
    const row = /^\| (\d+) \| `([a-z0-9-]+)`(?: ×(\d+))? \|/.exec(line);
    if (part === 'flawed' && current && row) {
      for (let i = 0; i < Number(row[3] || 1); i++) out[current].push(`${row[1]} ${row[2]}`);
    }
  }
  for (const k of Object.keys(out)) out[k].sort();
  return out;
}

function readExpected() {
  return JSON.parse(fs.readFileSync(EXPECTED_FILE, 'utf8'));
}

/** Differences between two file -> findings maps, as readable lines ([] when equal). */
function diffMaps(a, b, aName, bName) {
  const lines = [];
  for (const file of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const x = JSON.stringify(a[file] ?? null);
    const y = JSON.stringify(b[file] ?? null);
    if (x !== y) lines.push(`${file}:\n  ${aName}: ${x}\n  ${bName}: ${y}`);
  }
  return lines;
}

function check() {
  const ws = prepareWorkspace();
  try {
    const expected = readExpected();
    const cli = cliByFile(ws);
    const problems = diffMaps(cli, expected, 'CLI     ', 'expected');
    const readme = readmeExpectations();
    const fromExpected = {};
    for (const file of Object.keys(readme)) {
      fromExpected[file] = (expected[file] ?? []).map((d) => `${d.line} ${d.rule}`).sort();
    }
    problems.push(...diffMaps(readme, fromExpected, 'README  ', 'expected'));
    const missing = Object.keys(expected).filter((f) => !f.includes('/') && !(f in readme));
    if (missing.length) problems.push(`examples/README.md does not list: ${missing.join(', ')}`);
    return problems;
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

module.exports = { EXPECTED_FILE, runCli, cliByFile, readmeExpectations, readExpected, diffMaps, sorted, compact, check };

if (require.main === module) {
  const mode = process.argv[2];
  if (mode === '--write') {
    const ws = prepareWorkspace();
    try {
      fs.writeFileSync(EXPECTED_FILE, `${JSON.stringify(cliByFile(ws), null, 1)}\n`);
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
    console.log(`wrote ${path.relative(process.cwd(), EXPECTED_FILE)}; review it against examples/README.md`);
  } else if (mode === '--check') {
    const problems = check();
    if (problems.length) {
      console.error(`expected diagnostics disagree:\n${problems.join('\n')}`);
      process.exit(1);
    }
    console.log('expected diagnostics: CLI, examples/README.md and test/e2e/expected-diagnostics.json agree');
  } else {
    console.error('usage: node test/e2e/expected.js --check | --write');
    process.exit(2);
  }
}
