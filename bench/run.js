#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Runs every benchmark in one go, prints a table and writes bench/results.json with each goal of
 * issues 12 and 13, its measured figure and pass / miss (`npm run bench:readme` puts them in the
 * README).
 *
 *   node bench/run.js            full run (10,000-note corpus, 100,000 notes for CLI memory; many minutes)
 *   node bench/run.js --quick    small smoke run, e.g. while developing
 *   options: --only engine,cli,keystroke,index,workspace,memory   --notes N   --runs N   --keep (keep the temp corpus)
 *            --workspace-notes N (notes indexed for the front-matter keystroke bench; default 20,000, quick 2,000)
 *            --memory-notes N (notes for the CLI memory step; default 100,000, quick 5,000)
 *            --out FILE (default bench/results.json)
 *
 * Timings are measured, never asserted: the exit status is 0 unless a benchmark could not run.
 * A goal stated for a corpus size (10,000 notes, 20,000, 100,000) is judged only when the run
 * used that size; a smaller (quick) run reports the figure as "not judged".
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { generateCorpus, writeCorpus, describeCorpus } = require('./corpus');
const { runCliBench, runCliMemoryBench } = require('./cli');
const { runKeystrokeBench, runIndexBench, runWorkspaceRulesBench } = require('./lsp');
const { bundleEngine, root } = require('./lib/bundle');
const { table } = require('./lib/stats');
const { evaluateGoals, detailRows, machineLine, GOAL_NOTES } = require('./report');

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return fallback;
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
};

const quick = flag('--quick');
const STEPS = ['engine', 'cli', 'keystroke', 'index', 'workspace', 'memory'];
const only = new Set(String(option('--only', STEPS.join(','))).split(','));
const workspaceNotes = Number(option('--workspace-notes', quick ? 2000 : GOAL_NOTES.workspace));
const noteCount = Number(option('--notes', quick ? 500 : GOAL_NOTES.cli));
const memoryNotes = Number(option('--memory-notes', quick ? 5000 : GOAL_NOTES.memory));
const runs = Number(option('--runs', quick ? 1 : 3));
const outFile = path.resolve(option('--out', path.join(__dirname, 'results.json')));
const CORPUS_SEED = 97760;

function machine() {
  const cpus = os.cpus();
  let gitCommit;
  try {
    gitCommit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || undefined;
    // Uncommitted changes outside the bench output make the commit an incomplete description of the code measured.
    const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results.json', ':!README.md'], { cwd: root, encoding: 'utf8' }).stdout.trim();
    if (gitCommit && dirty) gitCommit += ' (with uncommitted changes)';
  } catch {
    gitCommit = undefined;
  }
  return {
    cpuModel: cpus[0]?.model?.trim(),
    cores: cpus.length,
    totalMemory: os.totalmem(),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    gitCommit,
    mode: quick ? 'quick' : 'full',
  };
}

function log(msg) {
  process.stderr.write(`[bench] ${msg}\n`);
}

/** The engine benchmark runs in its own process so its heap does not disturb the others. */
async function engineBench(tmp) {
  const bundle = await bundleEngine(tmp);
  const r = spawnSync(process.execPath, [path.join(__dirname, 'engine.js'), '--json', '--bundle', bundle, ...(quick ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`engine benchmark failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
}

async function step(name, results, fn) {
  if (!only.has(name)) return;
  const t0 = Date.now();
  log(`${name}…`);
  try {
    results[name] = await fn();
    if (results[name]?.skipped) log(`${name}: ${results[name].skipped}`);
    log(`${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (err) {
    results[name] = { error: String(err?.stack ?? err) };
    log(`${name} FAILED: ${err?.message ?? err}`);
  }
}

async function main() {
  const results = { machine: machine(), options: { quick, notes: noteCount, runs, corpusSeed: CORPUS_SEED, workspaceNotes, memoryNotes, only: [...only] } };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-bench-'));
  log(`temp folder ${tmp}`);
  try {
    await step('engine', results, () => engineBench(tmp));

    let corpus;
    if (only.has('cli') || only.has('index')) {
      log(`generating ${noteCount} notes (seed ${CORPUS_SEED})…`);
      const notes = generateCorpus(CORPUS_SEED, noteCount);
      corpus = { tnoteDir: path.join(tmp, 'corpus', 'tnote'), mdDir: path.join(tmp, 'corpus', 'md'), notes: notes.length };
      writeCorpus(corpus.tnoteDir, notes, '.tnote');
      if (only.has('cli')) writeCorpus(corpus.mdDir, notes, '.md');
      results.corpus = describeCorpus(notes, CORPUS_SEED);
    }
    await step('cli', results, () => runCliBench({ ...corpus, runs, cacheDir: path.join(tmp, 'cache') }));
    await step('keystroke', results, () => runKeystrokeBench({ quick, tmpDir: path.join(tmp, 'typing') }));
    await step('index', results, () => runIndexBench({ quick, corpusDir: corpus.tnoteDir, notes: corpus.notes, storageDir: path.join(tmp, 'storage') }));
    await step('workspace', results, () => runWorkspaceRulesBench({ quick, tmpDir: path.join(tmp, 'workspace'), notes: workspaceNotes }));
    if (corpus) fs.rmSync(path.join(tmp, 'corpus'), { recursive: true, force: true });
    await step('memory', results, async () => {
      log(`generating ${memoryNotes} notes for the memory step…`);
      const dir = path.join(tmp, 'memory');
      writeCorpus(dir, generateCorpus(CORPUS_SEED + 1, memoryNotes), '.tnote');
      try {
        return await runCliMemoryBench({ tnoteDir: dir, notes: memoryNotes });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  } finally {
    if (flag('--keep')) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }

  results.goals = evaluateGoals(results);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');

  console.log(`\ntnote benchmarks — ${machineLine(results.machine)}`);
  if (results.corpus)
    console.log(
      `corpus: ${results.corpus.notes.toLocaleString('en-US')} notes, ${results.corpus.minLines}–${results.corpus.maxLines} lines (mean ${results.corpus.meanLines}), ${results.corpus.defective} with defects, seed ${results.corpus.seed}\n`,
    );
  const op = { '<': '<', '<=': '≤', '>=': '≥' };
  console.log(
    table(
      ['goal', 'measured', 'target', 'result'],
      results.goals.map((g) => [g.goal, g.measured + (g.note ? ` (${g.note})` : ''), `${op[g.op]} ${g.target}${g.unit === '×' ? '×' : ` ${g.unit}`}`, g.status]),
    ),
  );
  console.log('');
  console.log(table(['measure', 'result'], detailRows(results)));
  const missed = results.goals.filter((g) => g.status === 'miss');
  console.log(`\n${missed.length ? `goals missed: ${missed.map((g) => g.id).join(', ')}` : 'no goal missed'}`);
  console.log(`results written to ${path.relative(process.cwd(), outFile) || outFile}`);
  const failed = STEPS.filter((k) => results[k]?.error);
  if (failed.length) {
    console.error(`benchmarks that could not run: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exitCode = 1;
});
