#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Runs every benchmark of issue 5 in one go, prints a table and writes bench/results.json.
 *
 *   node bench/run.js            full run (10,000-note corpus; several minutes)
 *   node bench/run.js --quick    small smoke run (< 60 s), e.g. for CI
 *   options: --only engine,cli,keystroke,index,workspace   --notes N   --runs N   --keep (keep the temp corpus)
 *            --workspace-notes N (notes indexed for the front-matter keystroke bench; default 20,000, quick 2,000)
 *            --out FILE (default bench/results.json)
 *
 * Timings are measured, never asserted: the exit status is 0 unless a benchmark could not run.
 * Goals that are missed are marked "MISSED" in the table and listed under results.goals.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { generateCorpus, writeCorpus } = require('./corpus');
const { runCliBench } = require('./cli');
const { runKeystrokeBench, runIndexBench, runWorkspaceRulesBench } = require('./lsp');
const { bundleEngine, root } = require('./lib/bundle');
const { ms, mb, table, markdownTable } = require('./lib/stats');

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return fallback;
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
};

const quick = flag('--quick');
const only = new Set(String(option('--only', 'engine,cli,keystroke,index,workspace')).split(','));
const workspaceNotes = Number(option('--workspace-notes', quick ? 2000 : 20000));
const noteCount = Number(option('--notes', quick ? 500 : 10000));
const runs = Number(option('--runs', quick ? 1 : 3));
const outFile = path.resolve(option('--out', path.join(__dirname, 'results.json')));
const CORPUS_SEED = 97760;

function machine() {
  const cpus = os.cpus();
  let gitCommit;
  try {
    gitCommit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || undefined;
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

function goal(metric, value, limit, cmp = '<') {
  if (value === undefined || value === null || Number.isNaN(value)) return { metric, value: null, limit, met: null };
  const met = cmp === '<' ? value < limit : value >= limit;
  return { metric, value, limit: `${cmp} ${limit}`, met };
}

function evaluateGoals(r) {
  const g = [];
  if (r.engine?.goals) {
    g.push(goal('engine median, 60-line note (ms)', r.engine.goals.median60LinesMs, 0.5));
    g.push(goal('engine median, 20,000-line note (ms)', r.engine.goals.median20kLinesMs, 100));
    g.push({ metric: 'engine growth 600→20,000 lines (log-log slope; 1 = linear)', value: r.engine.slope600to20k, limit: '≤ 1.15', met: r.engine.slope600to20k <= 1.15 });
  }
  if (r.keystroke?.typical) g.push(goal('keystroke → diagnostics p95, typical note (ms)', r.keystroke.typical.typing.p95, 15));
  if (r.cli?.tools) {
    g.push(goal('CLI speed-up vs markdownlint-cli2 (×)', r.cli.speedupVsMarkdownlint, 10, '>='));
    g.push(goal('CLI time / read-and-split baseline (×)', r.cli.slowdownVsBaseline, 5));
    g.push(goal(`CLI peak RSS, ${r.cli.notes} notes (MB)`, r.cli.tools.tnote?.peakRss / 1048576, 150));
  }
  if (r.index && !r.index.skipped && !r.index.error) g.push(goal(`server peak RSS, index of ${r.index.notes} notes (MB)`, r.index.peakRss / 1048576, 150));
  if (r.workspace?.patients) {
    g.push(goal(`front-matter keystroke p95, ${r.workspace.notes} notes indexed (ms)`, r.workspace.patients.typing.p95, 15));
    g.push(goal(`front-matter keystroke p95, ${r.workspace.notes} notes of one patient (ms)`, r.workspace.onePatient.typing.p95, 15));
  }
  return g;
}

function rowsFor(r) {
  const rows = [];
  const status = (met) => (met === null || met === undefined ? '' : met ? 'ok' : 'MISSED');
  const goalOf = (metric) => r.goals.find((x) => x.metric === metric);
  if (r.engine?.sizes) {
    for (const s of r.engine.sizes) rows.push([`engine: corpus note, ${s.label} (${s.notes} notes)`, `median ${ms(s.median)}, p95 ${ms(s.p95)}`, '', '']);
    for (const s of r.engine.large) rows.push([`engine: synthetic ${s.label}`, `median ${ms(s.median)}, p95 ${ms(s.p95)}`, '', '']);
    for (const s of r.engine.scaling) {
      const g = s.lines < 100 ? goalOf('engine median, 60-line note (ms)') : s.lines >= 19000 ? goalOf('engine median, 20,000-line note (ms)') : undefined;
      rows.push([
        `engine scaling: ${s.lines.toLocaleString('en-US')} lines`,
        `median ${ms(s.median)} (${s.usPerLine.toFixed(2)} µs/line; parse ${ms(s.parseMedian)})`,
        g ? g.limit.replace(/[\d.]+$/, (x) => `${x} ms`) : '',
        status(g?.met),
      ]);
    }
    const slope = goalOf('engine growth 600→20,000 lines (log-log slope; 1 = linear)');
    rows.push(['engine growth 600→20,000 lines', `log-log slope ${r.engine.slope600to20k.toFixed(2)}`, 'linear (≤ 1.15)', status(slope?.met)]);
  } else if (r.engine?.error) rows.push(['engine', 'FAILED (see results.json)', '', '']);

  if (r.keystroke?.skipped) rows.push(['keystroke latency', r.keystroke.skipped, '', '']);
  else if (r.keystroke?.typical) {
    const t = r.keystroke.typical;
    const g = goalOf('keystroke → diagnostics p95, typical note (ms)');
    rows.push([`server start → first diagnostics (${t.lines}-line note)`, ms(t.startToFirstDiagnosticsMs), '', '']);
    rows.push([
      `keystroke → diagnostics, ${t.lines}-line note (${t.typing.n} changes)`,
      `median ${ms(t.typing.median)}, p95 ${ms(t.typing.p95)}, p99 ${ms(t.typing.p99)}`,
      '< 15 ms (p95)',
      status(g?.met),
    ]);
    const l = r.keystroke.large;
    rows.push([`server start → first diagnostics (${l.lines.toLocaleString('en-US')}-line note)`, ms(l.startToFirstDiagnosticsMs), '', '']);
    rows.push([
      `keystroke → diagnostics, ${l.lines.toLocaleString('en-US')}-line note (${l.typing.n} changes)`,
      `median ${ms(l.typing.median)}, p95 ${ms(l.typing.p95)}, p99 ${ms(l.typing.p99)}; server lint ${ms(l.serverReportedLintMs?.median)}`,
      'debounced (> 200,000 chars)',
      '',
    ]);
    rows.push(['server RSS after typing (typical / 20,000 lines)', `${mb(t.serverRss)} / ${mb(l.serverRss)}`, '', '']);
  } else if (r.keystroke?.error) rows.push(['keystroke latency', 'FAILED (see results.json)', '', '']);

  if (r.cli?.tools) {
    const n = r.cli.notes.toLocaleString('en-US');
    for (const id of ['tnote', 'markdownlint', 'baseline']) {
      const t = r.cli.tools[id];
      if (!t) continue;
      if (t.skipped) {
        rows.push([`CLI ${id}`, t.skipped, '', '']);
        continue;
      }
      rows.push([
        `CLI ${t.label}, ${n} notes`,
        `${(t.wallMs / 1000).toFixed(2)} s, ${Math.round(t.notesPerSecond).toLocaleString('en-US')} notes/s, peak RSS ${mb(t.peakRss)}`,
        id === 'tnote' ? '< 150 MB' : '',
        id === 'tnote' ? status(goalOf(`CLI peak RSS, ${r.cli.notes} notes (MB)`)?.met) : '',
      ]);
    }
    if (r.cli.speedupVsMarkdownlint)
      rows.push(['CLI: markdownlint-cli2 time / tnote time', `${r.cli.speedupVsMarkdownlint.toFixed(1)}×`, '≥ 10×', status(goalOf('CLI speed-up vs markdownlint-cli2 (×)')?.met)]);
    rows.push(['CLI: tnote time / read-and-split time', `${r.cli.slowdownVsBaseline.toFixed(1)}×`, '≤ 5×', status(goalOf('CLI time / read-and-split baseline (×)')?.met)]);
  } else if (r.cli?.error) rows.push(['CLI throughput', 'FAILED (see results.json)', '', '']);

  if (r.index?.skipped) rows.push(['workspace index', r.index.skipped, '', '']);
  else if (r.index?.indexMs !== undefined) {
    const x = r.index;
    rows.push([
      `workspace index, ${x.notes.toLocaleString('en-US')} notes`,
      `${(x.indexMs / 1000).toFixed(2)} s (${Math.round(x.notesPerSecond).toLocaleString('en-US')} notes/s), RSS ${mb(x.rssAfterIndex)}, peak ${mb(x.peakRss)}`,
      '< 150 MB',
      status(goalOf(`server peak RSS, index of ${x.notes} notes (MB)`)?.met),
    ]);
    rows.push([
      `keystroke → diagnostics with ${x.notes.toLocaleString('en-US')} notes indexed (${x.typingWithIndex.n} changes)`,
      `median ${ms(x.typingWithIndex.median)}, p95 ${ms(x.typingWithIndex.p95)}, p99 ${ms(x.typingWithIndex.p99)}; peak RSS ${mb(x.peakRssWithTyping)}`,
      '',
      '',
    ]);
  } else if (r.index?.error) rows.push(['workspace index', 'FAILED (see results.json)', '', '']);

  if (r.workspace?.skipped) rows.push(['workspace rules', r.workspace.skipped, '', '']);
  else if (r.workspace?.patients) {
    const w = r.workspace;
    const n = w.notes.toLocaleString('en-US');
    for (const [key, label, metric] of [
      ['patients', `${n} notes indexed, one patient each`, `front-matter keystroke p95, ${w.notes} notes indexed (ms)`],
      ['onePatient', `${n} notes indexed, all of one patient`, `front-matter keystroke p95, ${w.notes} notes of one patient (ms)`],
    ]) {
      const t = w[key].typing;
      rows.push([
        `front-matter keystroke → diagnostics, ${label} (${t.n} changes)`,
        `median ${ms(t.median)}, p95 ${ms(t.p95)}, p99 ${ms(t.p99)}${t.timeouts ? `, ${t.timeouts} timeouts` : ''}`,
        '< 15 ms (p95)',
        status(goalOf(metric)?.met),
      ]);
    }
  } else if (r.workspace?.error) rows.push(['workspace rules', 'FAILED (see results.json)', '', '']);
  return rows;
}

async function main() {
  const results = { machine: machine(), options: { quick, notes: noteCount, runs, corpusSeed: CORPUS_SEED, workspaceNotes } };
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
      results.corpus = {
        seed: CORPUS_SEED,
        notes: notes.length,
        defective: notes.filter((n) => n.defects.length).length,
        lines: notes.reduce((a, n) => a + n.lines, 0),
        bytes: notes.reduce((a, n) => a + Buffer.byteLength(n.text), 0),
        minLines: Math.min(...notes.map((n) => n.lines)),
        maxLines: Math.max(...notes.map((n) => n.lines)),
      };
    }
    await step('cli', results, () => runCliBench({ ...corpus, runs }));
    await step('keystroke', results, () => runKeystrokeBench({ quick, tmpDir: path.join(tmp, 'typing') }));
    await step('index', results, () => runIndexBench({ quick, corpusDir: corpus.tnoteDir, notes: corpus.notes }));
    await step('workspace', results, () => runWorkspaceRulesBench({ quick, tmpDir: path.join(tmp, 'workspace'), notes: workspaceNotes }));
  } finally {
    if (flag('--keep')) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }

  results.goals = evaluateGoals(results);
  const header = ['measure', 'result', 'goal', ''];
  const rows = rowsFor(results);
  const m = results.machine;
  const machineLine = `${m.cpuModel} × ${m.cores} cores, ${(m.totalMemory / 2 ** 30).toFixed(0)} GB, Node ${m.node}, ${m.platform}, ${m.date.slice(0, 10)}${m.gitCommit ? `, commit ${m.gitCommit}` : ''} (${m.mode} run)`;
  results.table = { header, rows, markdown: `${markdownTable(header, rows)}\n\nMachine: ${machineLine}` };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');

  console.log(`\ntnote benchmarks — ${machineLine}`);
  if (results.corpus)
    console.log(
      `corpus: ${results.corpus.notes.toLocaleString('en-US')} notes (${results.corpus.defective} defective), ${results.corpus.minLines}–${results.corpus.maxLines} lines, ${results.corpus.lines.toLocaleString('en-US')} lines in all, seed ${results.corpus.seed}\n`,
    );
  console.log(table(header, rows));
  const missed = results.goals.filter((g) => g.met === false);
  console.log(`\n${missed.length ? `goals missed: ${missed.map((g) => g.metric).join('; ')}` : 'all goals met'}`);
  console.log(`results written to ${path.relative(process.cwd(), outFile) || outFile}`);
  const failed = ['engine', 'cli', 'keystroke', 'index', 'workspace'].filter((k) => results[k]?.error);
  if (failed.length) {
    console.error(`benchmarks that could not run: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exitCode = 1;
});
