// @ts-check
'use strict';
/**
 * Engine benchmark: parse + all note rules (`lintText`) on one note at a time.
 *   node bench/engine.js [--quick] [--bundle FILE] [--json]
 * Per-size median/p95 over a seeded realistic corpus (40–120 lines) plus synthetic 2,000- and 20,000-line
 * notes, and time versus size for 60 / 600 / 6,000 / 20,000 lines (log-log slope ≈ 1 is linear).
 */
const { performance } = require('perf_hooks');
const { generateCorpus, largeNote } = require('./corpus');
const { summary, median, logLogSlope } = require('./lib/stats');
const { bundleEngine } = require('./lib/bundle');

/** @type {[number, number, string][]} */
const BUCKETS = [
  [40, 60, '40–60 lines'],
  [61, 90, '61–90 lines'],
  [91, 120, '91–120 lines'],
];

function timeCalls(fn, reps) {
  const out = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** @param {{ quick?: boolean, bundle?: string }} [options] */
async function runEngineBench({ quick = false, bundle } = {}) {
  const file = bundle ?? (await bundleEngine());
  const engine = require(file);
  const config = engine.defaultConfig();
  const lint = (text) => engine.lintText(text, config);

  // 1. Per size over the realistic corpus.
  const notes = generateCorpus(20260, quick ? 400 : 2000);
  for (let w = 0; w < (quick ? 2 : 3); w++) for (const n of notes) lint(n.text); // warm up the JIT
  const reps = quick ? 3 : 7;
  const perBucket = BUCKETS.map(([lo, hi, label]) => ({ label, lo, hi, times: /** @type {number[]} */ ([]), notes: 0, clean: 0, findings: 0 }));
  for (const n of notes) {
    const b = perBucket.find((x) => n.lines >= x.lo && n.lines <= x.hi) ?? (n.lines < 40 ? perBucket[0] : perBucket[perBucket.length - 1]);
    b.notes++;
    if (!n.defects.length) b.clean++;
    b.findings += lint(n.text).findings.length;
    b.times.push(...timeCalls(() => lint(n.text), reps));
  }
  const sizes = perBucket.map((b) => ({ label: b.label, notes: b.notes, clean: b.clean, findings: b.findings, ...summary(b.times) }));

  // 2. Synthetic large notes (clean and defective) and the scaling series.
  const large = [];
  for (const [lines, iters] of quick
    ? [
        [2000, 20],
        [20000, 5],
      ]
    : [
        [2000, 60],
        [20000, 20],
      ]) {
    for (const defective of [false, true]) {
      const n = largeNote(lines + (defective ? 1 : 0), lines, defective);
      for (let w = 0; w < 3; w++) lint(n.text);
      const times = timeCalls(() => lint(n.text), iters);
      large.push({
        label: `${lines.toLocaleString('en-US')} lines${defective ? ' (defective)' : ''}`,
        lines: n.lines,
        bytes: Buffer.byteLength(n.text),
        findings: lint(n.text).findings.length,
        ...summary(times),
      });
    }
  }

  const scaling = [];
  for (const [lines, iters] of quick
    ? [
        [60, 500],
        [600, 100],
        [6000, 10],
        [20000, 5],
      ]
    : [
        [60, 3000],
        [600, 400],
        [6000, 40],
        [20000, 15],
      ]) {
    const n = largeNote(60, lines);
    for (let w = 0; w < Math.min(iters, 20); w++) lint(n.text);
    const times = timeCalls(() => lint(n.text), iters);
    const parse = timeCalls(() => engine.parseNote(n.text, config.vocabulary), Math.max(3, Math.floor(iters / 2)));
    const m = median(times);
    scaling.push({ lines: n.lines, bytes: Buffer.byteLength(n.text), findings: lint(n.text).findings.length, ...summary(times), parseMedian: median(parse), usPerLine: (m * 1000) / n.lines });
  }
  const slope = logLogSlope(scaling.filter((s) => s.lines >= 600).map((s) => [s.lines, s.median]));
  const at60 = scaling.find((s) => s.lines >= 50 && s.lines <= 70);
  const at20k = scaling[scaling.length - 1];
  return {
    corpus: {
      seed: 20260,
      notes: notes.length,
      defective: notes.filter((n) => n.defects.length).length,
      minLines: Math.min(...notes.map((n) => n.lines)),
      maxLines: Math.max(...notes.map((n) => n.lines)),
    },
    sizes,
    large,
    scaling,
    slope600to20k: slope,
    goals: {
      median60LinesMs: at60?.median,
      median20kLinesMs: at20k?.median,
    },
  };
}

module.exports = { runEngineBench };

if (require.main === module) {
  const args = process.argv.slice(2);
  const bi = args.indexOf('--bundle');
  runEngineBench({ quick: args.includes('--quick'), bundle: bi >= 0 ? args[bi + 1] : undefined }).then(
    (r) => {
      if (args.includes('--json')) process.stdout.write(JSON.stringify(r) + '\n');
      else console.log(JSON.stringify(r, null, 2));
    },
    (err) => {
      console.error(err.stack ?? err);
      process.exit(1);
    },
  );
}
