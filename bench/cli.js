// @ts-check
'use strict';
/**
 * CLI throughput: `tnote check --format json` over a folder of generated notes, versus
 * markdownlint-cli2 over the same files saved as .md, versus bench/baseline.js (read and split
 * only). Each tool runs in its own process; wall time is spawn to exit, peak RSS is the child's
 * own maxRSS (process.resourceUsage via a preloaded hook). Median of `runs` runs, interleaved.
 */
const { spawn } = require('child_process');
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

/** Runs `node [hook] args` in cwd; resolves { wallMs, peakRss (bytes), cpuMs, code }. */
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
      let usage = {};
      try {
        usage = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
        fs.rmSync(usageFile, { force: true });
      } catch {
        /* no usage recorded */
      }
      resolve({ wallMs, peakRss: usage.maxRSS ? usage.maxRSS * 1024 : undefined, cpuMs: usage.userCPUTime !== undefined ? (usage.userCPUTime + usage.systemCPUTime) / 1000 : undefined, code, stderr });
    });
  });
}

async function runCliBench({ tnoteDir, mdDir, notes, runs = 3 }) {
  const tools = [
    { id: 'baseline', label: 'read-and-split baseline', args: [path.join(__dirname, 'baseline.js'), tnoteDir], cwd: root, ok: (c) => c === 0 },
    { id: 'tnote', label: 'tnote check --format json', args: [path.join(root, 'bin', 'tnote.js'), 'check', '--format', 'json', tnoteDir], cwd: root, ok: (c) => c === 0 || c === 1 },
  ];
  if (MDLINT) tools.push({ id: 'markdownlint', label: `markdownlint-cli2 ${markdownlintVersion()}`, args: [MDLINT, '**/*.md'], cwd: mdDir, ok: (c) => c === 0 || c === 1 });
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
      allWallMs: s.map((x) => x.wallMs),
    };
  }
  if (!MDLINT) result.tools.markdownlint = { skipped: 'markdownlint-cli2 not installed (npm i -D markdownlint-cli2)' };
  const w = (id) => result.tools[id]?.wallMs;
  result.speedupVsMarkdownlint = w('markdownlint') ? w('markdownlint') / w('tnote') : undefined;
  result.slowdownVsBaseline = w('tnote') / w('baseline');
  return result;
}

module.exports = { runCliBench, measure };
