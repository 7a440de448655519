// @ts-check
'use strict';
/** Small statistics and formatting helpers for the benchmarks. */

function sorted(xs) {
  return [...xs].sort((a, b) => a - b);
}

/** Nearest-rank percentile (p in 0..100) of a list of numbers. */
function percentile(xs, p) {
  if (!xs.length) return NaN;
  const s = sorted(xs);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

const median = (xs) => percentile(xs, 50);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

function summary(xs) {
  return { n: xs.length, median: median(xs), p95: percentile(xs, 95), p99: percentile(xs, 99), min: Math.min(...xs), max: Math.max(...xs), mean: mean(xs) };
}

/** Least-squares slope of log(y) over log(x): 1 means linear growth. */
function logLogSlope(points) {
  const xs = points.map((p) => Math.log(p[0]));
  const ys = points.map((p) => Math.log(p[1]));
  const mx = mean(xs);
  const my = mean(ys);
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}

function ms(x, digits) {
  if (x === undefined || x === null || Number.isNaN(x)) return '—';
  if (digits === undefined) digits = x < 1 ? 3 : x < 10 ? 2 : x < 100 ? 1 : 0;
  return `${x.toFixed(digits)} ms`;
}

function mb(bytes) {
  if (bytes === undefined || bytes === null || Number.isNaN(bytes)) return '—';
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Renders rows (arrays of strings) as an aligned plain-text table. */
function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? '').length)));
  const line = (r) =>
    r
      .map((c, i) => String(c ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Same rows as a Markdown table (for the README's Performance section). */
function markdownTable(header, rows) {
  const esc = (c) => String(c ?? '').replace(/\|/g, '\\|');
  return [`| ${header.map(esc).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

module.exports = { percentile, median, mean, summary, logLogSlope, ms, mb, table, markdownTable };
