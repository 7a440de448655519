// @ts-check
'use strict';
/**
 * CLI throughput: `tnote check --format json` over a folder of generated notes, versus
 * markdownlint-cli2 over the same files saved as .md, versus bench/baseline.js (read and split
 * only), and a warm `tnote check --cache` run when the CLI has that option. Each tool runs in its
 * own process; wall time is spawn to exit, peak RSS is the child's own maxRSS
 * (process.resourceUsage via a preloaded hook, summed over the processes of a run). Median of `runs` runs, interleaved.
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const { median } = require('./lib/stats');
const { root } = require('./lib/bundle');

const HOOK = path.join(__dirname, 'lib', 'rss-hook.js');
const MDLINT_PKG = path.join(root, 'node_modules', 'markdownlint-cli2', 'package.json');
const MDLINT = (() => {
  try {
    const pkg = MDLINT_PKG;
    const bin = JSON.parse(fs.readFileSync(pkg, 'utf8')).bin;
    return path.join(path.dirname(pkg), typeof bin === 'string' ? bin : bin['markdownlint-cli2']);
  } catch {
    return undefined;
  }
})();

function markdownlintVersion() {
  try {
    return JSON.parse(fs.readFileSync(MDLINT_PKG, 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Runs `node [hook] args` in cwd; resolves { wallMs, peakRss (bytes), cpuMs, processes, code }: RSS and CPU summed over the run's processes. */
function measure(args, cwd) {
  const usageFile = path.join(os.tmpdir(), `tnote-bench-usage-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-r', HOOK, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, BENCH_USAGE_FILE: usageFile, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d) => {
      if (stderr.length < 4000) stderr += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - t0;
      // One line per process of the run (tnote may check in a second process, bin/respawn.js):
      // peak RSS and CPU time are the sums over them.
      let usages = [];
      try {
        usages = fs
          .readFileSync(usageFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l));
        fs.rmSync(usageFile, { force: true });
      } catch {
        /* no usage recorded */
      }
      const sum = (/** @type {(u: any) => number} */ f) => (usages.length ? usages.reduce((a, u) => a + f(u), 0) : undefined);
      const maxRss = sum((u) => u.maxRSS);
      const cpuUs = sum((u) => u.userCPUTime + u.systemCPUTime);
      resolve({ wallMs, peakRss: maxRss ? maxRss * 1024 : undefined, cpuMs: cpuUs !== undefined ? cpuUs / 1000 : undefined, processes: usages.length, code, stderr });
    });
  });
}

/**
 * Which cache options `tnote check` offers, read from its own `--help` (the cache is being added
 * separately; the warm row says "not available" until it is there).
 */
function cacheSupport() {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'tnote.js'), 'check', '--help'], { encoding: 'utf8' });
  return cacheOptionsIn(`${r.stdout ?? ''}${r.stderr ?? ''}`);
}

/** The cache options a `--help` text lists: `--cache` (not just `--cache-location`) and `--cache-location`. */
function cacheOptionsIn(help) {
  return { cache: /(^|\s)--cache(?![-\w])/m.test(help), cacheLocation: /(^|\s)--cache-location(?![-\w])/m.test(help) };
}

/**
 * Cold `tnote check` versus markdownlint-cli2 and the read-and-split baseline, plus a warm
 * `tnote check --cache` run when the CLI has `--cache` (primed once, then measured interleaved
 * with the others). `cacheDir` holds the cache file, outside the corpus.
 */
async function runCliBench({ tnoteDir, mdDir, notes, runs = 3, cacheDir }) {
  const tnote = path.join(root, 'bin', 'tnote.js');
  const tools = [
    { id: 'baseline', label: 'read-and-split baseline', args: [path.join(__dirname, 'baseline.js'), tnoteDir], cwd: root, ok: (c) => c === 0 },
    { id: 'tnote', label: 'tnote check --format json', args: [tnote, 'check', '--format', 'json', tnoteDir], cwd: root, ok: (c) => c === 0 || c === 1 },
  ];
  if (MDLINT) tools.push({ id: 'markdownlint', label: `markdownlint-cli2 ${markdownlintVersion()}`, args: [MDLINT, '**/*.md'], cwd: mdDir, ok: (c) => c === 0 || c === 1 });
  const support = cacheSupport();
  let warm;
  if (support.cache) {
    fs.mkdirSync(cacheDir, { recursive: true });
    const location = support.cacheLocation ? ['--cache-location', path.join(cacheDir, 'tnote-cache')] : [];
    warm = {
      id: 'warm',
      label: 'tnote check --cache --format json (warm)',
      args: [tnote, 'check', '--cache', ...location, '--format', 'json', tnoteDir],
      cwd: cacheDir,
      ok: (c) => c === 0 || c === 1,
    };
    const prime = await measure(warm.args, warm.cwd); // the cold run that fills the cache
    if (!warm.ok(prime.code)) throw new Error(`${warm.label} exited with ${prime.code}: ${prime.stderr.slice(0, 500)}`);
    tools.push(warm);
  }
  await measure(tools[0].args, tools[0].cwd); // warm the page cache
  const samples = Object.fromEntries(tools.map((t) => [t.id, /** @type {any[]} */ ([])]));
  for (let r = 0; r < runs; r++) {
    for (const t of tools) {
      const m = await measure(t.args, t.cwd);
      if (!t.ok(m.code)) throw new Error(`${t.label} exited with ${m.code}: ${m.stderr.slice(0, 500)}`);
      samples[t.id].push(m);
    }
  }
  const result = { notes, runs, tools: {} };
  for (const t of tools) {
    const s = samples[t.id];
    const wallMs = median(s.map((x) => x.wallMs));
    result.tools[t.id] = {
      label: t.label,
      wallMs,
      notesPerSecond: (notes / wallMs) * 1000,
      peakRss: Math.max(...s.map((x) => x.peakRss ?? 0)) || undefined,
      cpuMs: median(s.map((x) => x.cpuMs ?? NaN)),
      exitCode: s[0].code,
      /** Processes a run took (tnote respawns once on a 2-core machine: bin/respawn.js). */
      processes: s[0].processes,
      allWallMs: s.map((x) => x.wallMs),
    };
  }
  if (!MDLINT) result.tools.markdownlint = { skipped: 'markdownlint-cli2 not installed (npm ci installs the pinned version)' };
  if (!warm) result.tools.warm = { skipped: 'not available: `tnote check --help` lists no --cache option' };
  else if (result.tools.warm.exitCode !== result.tools.tnote.exitCode)
    throw new Error(`the warm --cache run exited with ${result.tools.warm.exitCode}, the cold run with ${result.tools.tnote.exitCode}`);
  const w = (id) => result.tools[id]?.wallMs;
  result.speedupVsMarkdownlint = w('markdownlint') ? w('markdownlint') / w('tnote') : undefined;
  result.slowdownVsBaseline = w('tnote') / w('baseline');
  result.warmVsBaseline = w('warm') ? w('warm') / w('baseline') : undefined;
  return result;
}

/**
 * Peak RSS of `tnote check` over a large corpus (issue 12 item 9: 100,000 notes), once with the
 * text output and once with JSON; the output goes to /dev/null (the CLI streams it per file).
 * The hook's `-r` is among the node options of every process of the run (bin/tnote.js passes them
 * on when it checks in a second process): the peak is the sum of the processes' peaks.
 */
async function runCliMemoryBench({ tnoteDir, notes }) {
  const tnote = path.join(root, 'bin', 'tnote.js');
  const out = { notes };
  for (const format of ['text', 'json']) {
    const m = await measure([tnote, 'check', '--format', format, tnoteDir], root);
    if (m.code !== 0 && m.code !== 1) throw new Error(`tnote check --format ${format} exited with ${m.code}: ${m.stderr.slice(0, 500)}`);
    out[format] = { wallMs: m.wallMs, peakRss: m.peakRss, processes: m.processes, exitCode: m.code };
  }
  return out;
}

module.exports = { runCliBench, runCliMemoryBench, cacheSupport, cacheOptionsIn, measure };
