#!/usr/bin/env node
// @ts-check
// Regenerates the expected findings of the rule fixtures from the engine's current output:
// the `<!-- expect … -->` block of each `bad-*.tnote` (and the same block in its `.fixed.tnote`)
// and the `expected.txt` of each `workspace-*/` case. Run it through `npm run update-expect`
// (which builds first), then review `git diff`.
//
//   npm run update-expect                                  every fixture
//   npm run update-expect -- test/fixtures/rules/RULE-ID   one rule's fixtures
//   npm run update-expect -- path/to/bad-x.tnote path/to/workspace-y   single fixtures or cases
//   npm run update-expect -- --dry-run                     report only, write nothing
//
// A fixture is rewritten only when every finding's start (line:column), severity and rule agree
// with what it expects now (related starts too, where listed): ranges' ends and messages are
// filled in or updated, the set of findings never changes. Write a new fixture's expectations by
// hand as `LINE:COL SEVERITY RULE-ID` lines (workspace: `FILE LINE:COL SEVERITY RULE-ID`) and let
// this script complete them. The format is described in test/helpers/fixtures.ts.
// Exit status: 0 when every fixture agrees (updated or unchanged), 1 otherwise.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const HELPER = path.join(ROOT, 'out', 'test', 'helpers', 'fixtures.js');
if (!fs.existsSync(HELPER)) {
  console.error('out/test/helpers/fixtures.js is missing: build first (`npm run update-expect` runs `tsc -b`).');
  process.exit(2);
}
/** @type {typeof import('../test/helpers/fixtures')} */
const fixtures = require(HELPER);
const RULES_DIR = path.join(ROOT, 'test', 'fixtures', 'rules');

const args = process.argv.slice(2);
const write = !args.includes('--dry-run');
const unknown = args.filter((a) => a.startsWith('-') && a !== '--dry-run');
if (unknown.length) {
  console.error(`unknown option ${unknown[0]}; usage: update-expectations.js [--dry-run] [FIXTURE | RULE-FOLDER | WORKSPACE-CASE]...`);
  process.exit(2);
}
const paths = args.filter((a) => !a.startsWith('-')).map((a) => path.resolve(a));

/** @typedef {{ kind: 'note' | 'workspace', target: string, rule: string }} Job */

/** The fixtures and workspace cases of one rule folder. @param {string} dir @returns {Job[]} */
function jobsOfRuleDir(dir) {
  const rule = path.basename(dir);
  /** @type {Job[]} */
  const out = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (name.startsWith('bad-') && name.endsWith('.tnote') && !name.endsWith('.fixed.tnote')) out.push({ kind: 'note', target: full, rule });
    else if (name.startsWith('workspace-') && fs.statSync(full).isDirectory()) out.push({ kind: 'workspace', target: full, rule });
  }
  return out;
}

/** @param {string} p @returns {Job[]} */
function jobsOf(p) {
  if (!fs.existsSync(p)) throw new Error(`${p} does not exist`);
  const rel = path.relative(RULES_DIR, p);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`${p} is not under test/fixtures/rules/`);
  if (rel === '')
    return fs
      .readdirSync(p)
      .sort()
      .filter((d) => fs.statSync(path.join(p, d)).isDirectory())
      .flatMap((d) => jobsOfRuleDir(path.join(p, d)));
  const parts = rel.split(path.sep);
  if (parts.length === 1) return jobsOfRuleDir(p);
  const rule = parts[0];
  if (parts.length === 2 && fs.statSync(p).isDirectory() && parts[1].startsWith('workspace-')) return [{ kind: 'workspace', target: p, rule }];
  if (parts.length === 2 && /^bad-.*\.tnote$/.test(parts[1]) && !parts[1].endsWith('.fixed.tnote')) return [{ kind: 'note', target: p, rule }];
  if (parts.length === 3 && parts[1].startsWith('workspace-')) return [{ kind: 'workspace', target: path.dirname(p), rule }];
  throw new Error(`${p} is neither a rule folder, a bad-*.tnote fixture nor a workspace-* case`);
}

let jobs;
try {
  jobs = (paths.length ? paths : [RULES_DIR]).flatMap(jobsOf);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
const seen = new Set();
const counts = { updated: 0, unchanged: 0, mismatch: 0, error: 0 };
for (const job of jobs) {
  if (seen.has(job.target)) continue;
  seen.add(job.target);
  let outcome;
  try {
    outcome = job.kind === 'note' ? fixtures.updateNoteFixture(job.target, job.rule, write) : fixtures.updateWorkspaceCase(job.target, job.rule, write);
  } catch (err) {
    outcome = { target: job.target, status: 'error', details: [err instanceof Error ? err.message : String(err)] };
  }
  counts[outcome.status]++;
  const rel = path.relative(ROOT, outcome.target);
  if (outcome.status === 'updated') console.log(`${write ? 'updated' : 'would update'} ${rel}`);
  else if (outcome.status !== 'unchanged') {
    console.log(`${outcome.status.toUpperCase()} ${rel} (left as it is)`);
    for (const d of outcome.details) console.log(`    ${d.split('\n').join('\n      ')}`);
  }
}
console.log(`${jobs.length} fixture(s): ${counts.updated} ${write ? 'updated' : 'to update'}, ${counts.unchanged} unchanged, ${counts.mismatch} disagree with the engine, ${counts.error} error(s)`);
if (counts.mismatch)
  console.log('A disagreeing fixture expects other findings than the engine reports: fix the rule or the expectation by hand; this script never changes which findings a fixture expects.');
process.exit(counts.mismatch || counts.error ? 1 : 0);
