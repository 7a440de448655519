#!/usr/bin/env node
// @ts-check
/// <reference lib="dom" />
// (the DOM types are for the page.evaluate callbacks, which run in the page)
'use strict';
// The compliance report in a real browser (headless Debian Chromium via playwright-core):
//   1. makes a folder of 40 notes with marker strings in their narrative (test/e2e/report/make-notes.js)
//      and runs `tnote report notes templates --out report.html` on it;
//   2. works out what the charts must show on its own: `tnote check --format json` on a copy of the
//      notes with `status: draft` taken out (every note as a final note), plus the rules' kinds;
//   3. opens the report from disk with every request recorded and anything but the file itself
//      aborted, and asserts: no request but the page, no resource loaded, no CSP violation, no
//      console error; the five charts are SVG in the DOM and their numbers (data-value of bars,
//      ring slices and points) equal the expected ones; the table has one row per note and
//      filters by a clicked bar and sorts by a clicked header; no marker string (narrative,
//      heading, comment, placeholder, patient id) is in the file or the DOM;
//   4. saves a screenshot (OUT/report.png; with UPDATE_SCREENSHOT=1 also docs/report.png).
//
// Usage: node scripts/e2e/report-smoke.js [OUT_DIR]   (default test-results/e2e)
// Exit 0 when every check passed, 1 otherwise (each failed check is printed).

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const { launchBrowser } = require('./code-server');
const { makeReportWorkspace } = require('../../test/e2e/report/make-notes');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO_ROOT, 'bin', 'tnote.js');

const failures = [];
let passes = 0;
function check(ok, what, detail) {
  if (ok) {
    passes++;
    console.log(`  ok    ${what}`);
  } else {
    failures.push(what);
    console.log(`  FAIL  ${what}${detail === undefined ? '' : `\n        ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`}`);
  }
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
function checkEqual(actual, expected, what) {
  check(same(actual, expected), what, { actual, expected });
}

function tnote(args, cwd) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What the report must show, from `tnote check` on the notes as final notes. */
function expectations(ws, tmp) {
  const finalDir = path.join(tmp, 'as-final');
  fs.mkdirSync(path.join(finalDir, 'notes'), { recursive: true });
  const facts = new Map();
  for (const name of fs.readdirSync(path.join(ws, 'notes')).sort()) {
    const text = fs.readFileSync(path.join(ws, 'notes', name), 'utf8');
    fs.writeFileSync(path.join(finalDir, 'notes', name), text.replace(/^status: draft\n/m, ''));
    const provider = /^provider: (.+)$/m.exec(text);
    const month = /^date: (\d{4}-\d{2})/m.exec(text);
    if (!provider || !month) throw new Error(`notes/${name}: no provider or date`);
    facts.set(`notes/${name}`, { provider: provider[1], month: month[1] });
  }
  const r = tnote(['check', '--format', 'json', 'notes'], finalDir);
  if (r.code !== 0 && r.code !== 1) throw new Error(`tnote check failed (${r.code}): ${r.stderr}`);
  /** @type {{file:string,rule:string,severity:string}[]} */
  const rows = JSON.parse(r.stdout);
  const { RULES } = require(path.join(REPO_ROOT, 'out', 'server', 'src', 'engine', 'index.js'));
  const kind = new Map(RULES.map((x) => [x.id, x.kind]));
  const blocking = new Set(rows.filter((x) => x.severity === 'error' || x.severity === 'warning').map((x) => x.file));
  const count = (m, k, by = 1) => m.set(k, (m.get(k) || 0) + by);
  const byRule = new Map();
  const lacking = new Map();
  const seen = new Set();
  for (const x of rows) {
    count(byRule, x.rule);
    if (kind.get(x.rule) === 'completeness' && !seen.has(`${x.file}|${x.rule}`)) {
      seen.add(`${x.file}|${x.rule}`);
      count(lacking, x.rule);
    }
  }
  const providers = new Map();
  const months = new Map();
  for (const [file, f] of facts) {
    const notReady = blocking.has(file) ? 1 : 0;
    const p = providers.get(f.provider) || { ready: 0, notready: 0 };
    p[notReady ? 'notready' : 'ready']++;
    providers.set(f.provider, p);
    const m = months.get(f.month) || { notes: 0, notready: 0 };
    m.notes++;
    m.notready += notReady;
    months.set(f.month, m);
  }
  const sortObj = (m) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    notes: facts.size,
    notReady: blocking.size,
    ready: facts.size - blocking.size,
    byRule: sortObj(byRule),
    lacking: sortObj(lacking),
    providers: sortObj(providers),
    months: sortObj(months),
    rowsByRule: (rule) => new Set(rows.filter((x) => x.rule === rule).map((x) => x.file)).size,
  };
}

async function main() {
  const outDir = path.resolve(process.argv[2] || path.join(REPO_ROOT, 'test-results', 'e2e'));
  fs.mkdirSync(outDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-report-e2e-'));
  const ws = path.join(tmp, 'clinic');
  const { marker } = makeReportWorkspace(ws);
  const reportFile = path.join(outDir, 'report.html');
  const shot = path.join(outDir, 'report.png');
  fs.rmSync(reportFile, { force: true });
  fs.rmSync(shot, { force: true });

  console.log('report: tnote report notes templates --out report.html');
  const run = tnote(['report', 'notes', 'templates', '--out', reportFile], ws);
  check(run.code === 0 && fs.existsSync(reportFile), 'the CLI wrote the report and exited 0', `exit ${run.code}: ${run.stderr}`);
  if (!fs.existsSync(reportFile)) return finish(tmp);
  const html = fs.readFileSync(reportFile, 'utf8');
  const expected = expectations(ws, tmp);

  console.log('report: the file itself');
  check(
    !html.includes(marker),
    'no marker string (narrative, heading, comment, placeholder label, patient id) in the file',
    html.slice(Math.max(0, html.indexOf(marker) - 80), html.indexOf(marker) + 40),
  );
  check(!/MRN-/.test(html), 'no patient id in the file');
  check(!/\b(?:src|href)\s*=/i.test(html), 'no src= or href= attribute anywhere (nothing to load)');
  check(!/https?:\/\//i.test(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')), 'no http(s) URL besides the SVG namespace');

  console.log('report: in headless Chromium');
  const browser = await launchBrowser({ viewport: { width: 1280, height: 1560 } });
  const fileUrl = pathToFileURL(reportFile).href;
  /** @type {string[]} */
  const requests = [];
  /** @type {string[]} */
  const consoleErrors = [];
  try {
    const { context, page } = browser;
    context.on('request', (req) => requests.push(req.url()));
    page.on('websocket', (w) => requests.push(w.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await context.route('**/*', (route) => (route.request().url() === fileUrl ? route.continue() : route.abort()));
    await page.addInitScript(() => {
      const seen = /** @type {string[]} */ ([]);
      /** @type {any} */ (window).__csp = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
    });
    await page.goto(fileUrl, { waitUntil: 'load' });
    await page.waitForTimeout(300); // anything the page would start after load

    checkEqual(requests, [fileUrl], 'the only request was the report file itself');
    checkEqual(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)), [], 'no resource was loaded (Resource Timing)');
    checkEqual(await page.evaluate(() => /** @type {any} */ (window).__csp), [], 'no Content-Security-Policy violation (inline style and script allowed by hash)');
    checkEqual(consoleErrors, [], 'no console error or warning');
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') || '');
    check(/default-src 'none'/.test(csp), "the page declares default-src 'none'", csp);

    const charts = await page.evaluate(() => Array.from(document.querySelectorAll('svg[data-chart]')).map((s) => s.getAttribute('data-chart')));
    checkEqual(charts.sort(), ['missing', 'months', 'providers', 'ready', 'rules'], 'five SVG charts: ready, months, rules, providers, missing');
    const value = (sel) => page.evaluate((s) => Array.from(document.querySelectorAll(s)).map((e) => Number(e.getAttribute('data-value'))), sel);
    checkEqual(
      { ready: await value('svg[data-chart="ready"] circle.slice.ready'), notready: await value('svg[data-chart="ready"] circle.slice.notready') },
      { ready: expected.ready ? [expected.ready] : [], notready: [expected.notReady] },
      `ring: ${expected.ready} ready, ${expected.notReady} not ready to bill`,
    );
    const bars = (chart) =>
      page.evaluate(
        (c) => Object.fromEntries(Array.from(document.querySelectorAll(`svg[data-chart="${c}"] g.bar`)).map((g) => [g.getAttribute('data-key'), Number(g.getAttribute('data-value'))])),
        chart,
      );
    const sortKeys = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    checkEqual(sortKeys(await bars('rules')), expected.byRule, 'findings-by-rule bars equal tnote check counts per rule');
    checkEqual(sortKeys(await bars('missing')), expected.lacking, 'top-missing-elements bars equal the notes lacking each completeness rule');
    const providerSegs = await page.evaluate(() =>
      Object.fromEntries(
        Array.from(document.querySelectorAll('svg[data-chart="providers"] g.bar')).map((g) => {
          const seg = (s) => Number(g.querySelector(`rect[data-series="${s}"]`)?.getAttribute('data-value') || 0);
          return [g.getAttribute('data-key'), { ready: seg('ready'), notready: seg('notready') }];
        }),
      ),
    );
    checkEqual(sortKeys(providerSegs), expected.providers, 'provider bars: ready and not ready notes per provider');
    const points = await page.evaluate(() => {
      const out = {};
      for (const c of Array.from(document.querySelectorAll('svg[data-chart="months"] circle.point'))) {
        const k = c.getAttribute('data-key') || '';
        out[k] = out[k] || { notes: 0, notready: 0 };
        out[k][c.getAttribute('data-series') || ''] = Number(c.getAttribute('data-value'));
      }
      return out;
    });
    checkEqual(sortKeys(points), expected.months, 'month trend: notes and not-ready notes per month of service');
    const lines = await page.evaluate(() => document.querySelectorAll('svg[data-chart="months"] polyline.line').length);
    check(lines === 2, 'month trend: two lines drawn', lines);
    const boxes = await page.evaluate(() => Array.from(document.querySelectorAll('svg[data-chart]')).map((s) => s.getBoundingClientRect().height));
    check(
      boxes.every((h) => h > 40),
      'every chart is laid out with a height',
      boxes,
    );

    const rowCount = () => page.evaluate(() => Array.from(document.querySelectorAll('#note-table tbody tr')).filter((r) => !(/** @type {HTMLElement} */ (r).hidden)).length);
    check((await rowCount()) === expected.notes, `the table has one row per note (${expected.notes}; the template left out)`, await rowCount());
    const badges = await page.evaluate(() => document.querySelectorAll('#note-table .badge.notready').length);
    check(badges === expected.notReady, 'the table marks the not-ready notes', badges);

    const topRule = Object.entries(expected.byRule).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (topRule) {
      await page.click(`svg[data-chart="rules"] g.bar[data-key="${topRule[0]}"] rect`);
      check((await rowCount()) === expected.rowsByRule(topRule[0]), `clicking the ${topRule[0]} bar lists its notes only`, await rowCount());
      await page.click('#facet-clear');
      check((await rowCount()) === expected.notes, 'clearing the chart filter lists every note again');
    }
    await page.selectOption('#readiness', 'notready');
    check((await rowCount()) === expected.notReady, 'the readiness filter shows the not-ready notes');
    await page.selectOption('#readiness', 'all');
    await page.click('#note-table thead th:nth-child(2) button'); // Date
    await page.click('#note-table thead th:nth-child(2) button'); // Date, descending
    const dates = await page.evaluate(() => Array.from(document.querySelectorAll('#note-table tbody tr')).map((r) => /** @type {HTMLTableRowElement} */ (r).cells[1].textContent));
    check(same(dates, [...dates].sort().reverse()), 'clicking the Date header twice sorts the notes newest first');
    await page.click('#note-table thead th:nth-child(1) button'); // back to file order for the screenshot

    const dom = await page.evaluate(() => document.documentElement.outerHTML);
    check(!dom.includes(marker) && !/MRN-/.test(dom), 'no marker string or patient id in the DOM');

    // The recorders can see a request: one the page tries now is refused by its own policy.
    const before = requests.length;
    const blocked = await page.evaluate(() =>
      fetch('https://example.invalid/x.js').then(
        () => 'fetched',
        () => 'refused',
      ),
    );
    const violations = await page.evaluate(() => /** @type {any} */ (window).__csp);
    check(blocked === 'refused' && violations.includes('connect-src') && requests.length === before, 'a fetch started in the page is refused by its Content-Security-Policy', {
      blocked,
      violations,
      requests: requests.slice(before),
    });

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot });
    check(fs.statSync(shot).size > 20000, `screenshot saved: ${path.relative(REPO_ROOT, shot)}`);
    if (process.env.UPDATE_SCREENSHOT === '1') {
      fs.copyFileSync(shot, path.join(REPO_ROOT, 'docs', 'report.png'));
      console.log('  -> docs/report.png');
    }
  } finally {
    await browser.close();
  }
  finish(tmp);
}

function finish(tmp) {
  if (!process.env.KEEP_E2E_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`report: ${passes} passed, ${failures.length} failed`);
  process.exitCode = failures.length ? 1 : 0;
}

main().catch((e) => {
  console.error(`report: ${e && e.stack ? e.stack : e}`);
  process.exitCode = 1;
});
