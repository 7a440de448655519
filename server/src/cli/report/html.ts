/**
 * The HTML report: one self-contained file (inline CSS, SVG and a little JS; no fonts, images,
 * scripts or styles from anywhere else). A Content-Security-Policy allows only the page's own
 * inline style and script, by hash, so even a tampered copy cannot load or send anything. The
 * charts are drawn here as SVG (readable without JS and in print); the script only sorts and
 * filters the notes table and lets a click on a chart's bar filter it.
 */
import { createHash } from 'node:crypto';
import { NO_PROVIDER, type NoteRow, type ReportData, type RuleCount } from './model';
import { barChart, clip, esc, lineChart, ringChart, type Bar } from './svg';

export interface HtmlOptions {
  version: string;
  generatedAt: Date;
  /** Rule ids shown in the rules chart before "… more" (all are in the table). */
  maxRules?: number;
}

const CSS = `
:root{--fg:#1f2933;--muted:#5f6b7a;--line:#d9dee5;--bg:#f6f7f9;--card:#fff;--error:#c62828;--warning:#d98e04;--info:#2f6fb0;--ready:#2e7d32;--notready:#c62828;--notes:#44546a}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header,main,footer{max-width:1280px;margin:0 auto;padding:0 24px}
header{padding-top:24px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:16px;margin:0 0 8px}
.meta{color:var(--muted);margin:0 0 16px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin-bottom:16px}
.tile{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px}
.tile .n{font-size:28px;font-weight:600;display:block}
.tile .t{color:var(--muted)}
.tile.ready .n{color:var(--ready)}
.tile.notready .n{color:var(--notready)}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:16px;margin-bottom:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px;margin:0}
.card.wide{grid-column:1/-1}
.card p.note{color:var(--muted);margin:4px 0 0;font-size:12px}
.chart{width:100%;height:auto;display:block}
.chart.ring{max-width:220px;margin:0 auto}
.chart text{font-size:12px;fill:var(--fg)}
.chart .tick,.chart .value,.chart .empty{fill:var(--muted)}
.chart .axis,.chart .grid{stroke:var(--line);stroke-width:1}
.chart [data-filter]{cursor:pointer}
.chart g.bar:hover rect,.chart g.bar:focus rect{opacity:.8}
.chart g.bar:focus{outline:none}
.chart g.bar:focus text.label{text-decoration:underline}
.sev-error{fill:var(--error)}.sev-warning{fill:var(--warning)}.sev-info{fill:var(--info)}
.ready{fill:var(--ready)}.notready{fill:var(--notready)}.missing{fill:var(--warning)}
circle.slice{fill:none;stroke-width:26}
circle.slice.ready{stroke:var(--ready)}circle.slice.notready{stroke:var(--notready)}
.ring-pct{font-size:30px!important;font-weight:600}
.ring-sub{fill:var(--muted)!important}
polyline.line{fill:none;stroke-width:2.5}
polyline.notes{stroke:var(--notes)}polyline.notready{stroke:var(--notready)}
circle.point.notes{fill:var(--notes)}circle.point.notready{fill:var(--notready)}
.legend{display:flex;flex-wrap:wrap;gap:14px;margin:6px 0 0;padding:0;list-style:none;color:var(--muted);font-size:12px}
.legend li::before{content:"";display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:-1px;background:var(--c)}
.legend .l-error{--c:var(--error)}.legend .l-warning{--c:var(--warning)}.legend .l-info{--c:var(--info)}
.legend .l-ready{--c:var(--ready)}.legend .l-notready{--c:var(--notready)}.legend .l-notes{--c:var(--notes)}.legend .l-missing{--c:var(--warning)}
.controls{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin-bottom:8px}
.controls input,.controls select,.controls button{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:6px;background:#fff}
.controls input{min-width:260px}
.chip{background:#e8eef7;border-radius:12px;padding:2px 10px}
.chip button{border:0;background:none;padding:0 0 0 6px;cursor:pointer}
#shown{color:var(--muted)}
.table-wrap{background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:auto;max-height:640px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);white-space:nowrap;vertical-align:top}
td.rules{white-space:normal;min-width:200px}
th{position:sticky;top:0;background:#eef1f5;z-index:1}
th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff}
.badge.ready{background:var(--ready)}.badge.notready{background:var(--notready)}
.rule{display:inline-block;margin:0 6px 2px 0;padding:0 6px;border-radius:4px;background:#f0f2f5;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
footer{color:var(--muted);font-size:12px;padding-bottom:32px}
footer ul{padding-left:18px}
@media print{body{background:#fff}.controls{display:none}.table-wrap{max-height:none;overflow:visible}.card,.tile{break-inside:avoid}}
`;

/** Sorting and filtering of the notes table; clicking a chart's bar or point filters by it. */
const SCRIPT = `
(function () {
  'use strict';
  var table = document.getElementById('note-table');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var q = document.getElementById('q');
  var readiness = document.getElementById('readiness');
  var chip = document.getElementById('facet');
  var chipText = document.getElementById('facet-text');
  var shown = document.getElementById('shown');
  var facet = null;
  function matches(r) {
    if (!facet) return true;
    if (facet.by === 'rule') return r.getAttribute('data-rules').indexOf('|' + facet.value + '|') !== -1;
    return r.getAttribute('data-' + facet.by) === facet.value;
  }
  function apply() {
    var text = q.value.trim().toLowerCase();
    var want = readiness.value;
    var n = 0;
    rows.forEach(function (r) {
      var ok = (!text || r.textContent.toLowerCase().indexOf(text) !== -1) && (want === 'all' || r.getAttribute('data-ready') === want) && matches(r);
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + ' of ' + rows.length + ' notes shown';
    chip.hidden = !facet;
    if (facet) chipText.textContent = facet.by + ': ' + facet.value;
  }
  q.addEventListener('input', apply);
  readiness.addEventListener('change', apply);
  document.getElementById('facet-clear').addEventListener('click', function () { facet = null; apply(); });
  function pick(el) {
    facet = { by: el.getAttribute('data-filter'), value: el.getAttribute('data-filter-value') };
    apply();
    document.getElementById('notes').scrollIntoView();
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-filter]'), function (el) {
    el.addEventListener('click', function () { pick(el); });
    el.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(el); } });
  });
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, col) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var numeric = th.getAttribute('data-type') === 'number';
      var collator = new Intl.Collator([], { numeric: true });
      // Keys read once per row, not once per comparison; rows put back in one fragment.
      var keyed = rows.map(function (r) {
        var c = r.cells[col];
        var v = c.getAttribute('data-v');
        var k = v === null ? c.textContent : v;
        return { row: r, key: numeric ? Number(k) : k, i: Number(r.getAttribute('data-i')) };
      });
      keyed.sort(function (a, b) {
        var d = numeric ? a.key - b.key : collator.compare(a.key, b.key);
        return d * dir || a.i - b.i;
      });
      rows = keyed.map(function (x) { return x.row; });
      var fragment = document.createDocumentFragment();
      rows.forEach(function (r) { fragment.appendChild(r); });
      body.appendChild(fragment);
    });
  });
  apply();
})();
`;

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** Only the page's own inline style and script run; nothing is fetched, framed or submitted. */
export function contentSecurityPolicy(): string {
  return `default-src 'none'; style-src ${sha256(CSS)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
}

const plural = (n: number, w: string, ws = w + 's') => `${n} ${n === 1 ? w : ws}`;
const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0);

function legend(items: [string, string][]): string {
  return `<ul class="legend">${items.map(([cls, name]) => `<li class="l-${cls}">${esc(name)}</li>`).join('')}</ul>`;
}

function ruleBars(rules: readonly RuleCount[]): Bar[] {
  return rules.map((r) => ({
    key: r.rule,
    label: clip(r.rule, 34),
    title: `${r.rule}: ${r.description} — ${plural(r.findings, 'finding')} in ${plural(r.notes, 'note')}`,
    segments: [
      { value: r.bySeverity.error, cls: 'sev-error', name: 'errors' },
      { value: r.bySeverity.warning, cls: 'sev-warning', name: 'warnings' },
      { value: r.bySeverity.info, cls: 'sev-info', name: 'infos' },
    ],
    filter: { by: 'rule', value: r.rule },
  }));
}

function noteRowHtml(r: NoteRow, i: number, data: ReportData, descriptions: Map<string, string>): string {
  const provider = r.provider ?? NO_PROVIDER;
  const attrs = [
    `data-i="${i}"`,
    `data-ready="${r.ready ? 'ready' : 'notready'}"`,
    `data-provider="${esc(provider)}"`,
    `data-month="${esc(r.month ?? '')}"`,
    `data-rules="|${esc(r.rules.map((x) => x.rule).join('|'))}|"`,
  ].join(' ');
  const rules = r.rules.map((x) => `<span class="rule" title="${esc(descriptions.get(x.rule) ?? x.rule)}">${esc(x.rule)}${x.count > 1 ? ` \u00d7${x.count}` : ''}</span>`).join('');
  const cells = [
    `<td>${esc(r.file)}</td>`,
    ...(data.patientIds !== 'none' ? [`<td>${esc(r.patient ?? '')}</td>`] : []),
    `<td data-v="${esc(r.date ?? '')}">${esc(r.date ?? '\u2014')}</td>`,
    `<td>${esc(provider)}</td>`,
    `<td>${esc(r.discipline ?? '')}</td>`,
    `<td>${esc(r.codes.join(', '))}</td>`,
    `<td>${r.status}</td>`,
    `<td data-v="${r.ready ? 1 : 0}"><span class="badge ${r.ready ? 'ready' : 'notready'}">${r.ready ? 'ready' : 'not ready'}</span></td>`,
    `<td class="num">${r.counts.error}</td>`,
    `<td class="num">${r.counts.warning}</td>`,
    `<td class="num">${r.counts.info}</td>`,
    `<td class="rules" data-v="${r.rules.length}">${rules}</td>`,
  ];
  return `<tr ${attrs}>${cells.join('')}</tr>`;
}

function privacyNote(data: ReportData): string {
  const patient =
    data.patientIds === 'none'
      ? 'Patient identifiers are not shown.'
      : data.patientIds === 'pseudonym'
        ? 'Patients appear as pseudonyms that are stable within this report only (a keyed hash whose key was discarded).'
        : 'Patient identifiers are shown as written in the notes: treat this file as protected health information.';
  return `This report shows file names, dates of service, providers, disciplines, billed codes, rule ids and counts only: no note text and no finding messages. ${patient} File names are shown as they are: if yours contain patient names, this report does too.`;
}

export function renderHtml(data: ReportData, o: HtmlOptions): string {
  const t = data.totals;
  const maxRules = o.maxRules ?? 20;
  const descriptions = new Map(data.byRule.map((r) => [r.rule, r.description]));
  const generated = o.generatedAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

  const scope = [
    plural(t.notes, 'note'),
    t.drafts ? `${plural(t.drafts, 'draft')} among them` : '',
    t.templatesSkipped ? `${plural(t.templatesSkipped, 'template')} left out` : '',
    t.unreadable ? `${plural(t.unreadable, 'file')} could not be read` : '',
  ].filter(Boolean);

  const tiles = [
    ['', t.notes, 'notes checked'],
    ['ready', t.ready, `ready to bill (${pct(t.ready, t.notes)}%)`],
    ['notready', t.notReady, 'not ready to bill'],
    ['', t.findings, `findings: ${plural(t.bySeverity.error, 'error')}, ${plural(t.bySeverity.warning, 'warning')}, ${plural(t.bySeverity.info, 'info')}`],
  ] as const;

  const rulesShown = data.byRule.slice(0, maxRules);
  const moreRules = data.byRule.length - rulesShown.length;
  const providers = data.byProvider.slice(0, 25);
  const missing = data.missing.slice(0, 10);

  const charts = [
    `<figure class="card" id="chart-ready"><h2>Ready to bill</h2>` +
      ringChart({
        chart: 'ready',
        label: `${t.ready} of ${t.notes} notes ready to bill`,
        part: t.ready,
        whole: t.notes,
        cls: 'ready',
        baseCls: 'notready',
        partName: 'ready to bill',
        restName: 'not ready to bill',
      }) +
      legend([
        ['ready', `ready: ${t.ready}`],
        ['notready', `not ready: ${t.notReady}`],
      ]) +
      `<p class="note">Ready: no error and no warning when checked as a final note.</p></figure>`,
    `<figure class="card" id="chart-months"><h2>By month of service</h2>` +
      lineChart(
        data.byMonth.map((m) => m.key),
        [
          { name: 'notes', cls: 'notes', values: data.byMonth.map((m) => m.notes) },
          { name: 'not ready to bill', cls: 'notready', values: data.byMonth.map((m) => m.notReady) },
        ],
        { chart: 'months', label: 'Notes and notes not ready to bill per month of service', filterBy: 'month' },
      ) +
      legend([
        ['notes', 'notes'],
        ['notready', 'not ready to bill'],
      ]) +
      (t.undated ? `<p class="note">${plural(t.undated, 'note')} without a readable date of service not shown.</p>` : '') +
      `</figure>`,
    `<figure class="card wide" id="chart-rules"><h2>Findings by rule</h2>` +
      barChart(ruleBars(rulesShown), { chart: 'rules', label: 'Findings by rule', labelWidth: 270, width: 1100 }) +
      legend([
        ['error', 'error'],
        ['warning', 'warning'],
        ['info', 'info'],
      ]) +
      (moreRules ? `<p class="note">${plural(moreRules, 'more rule')} with fewer findings: see the table.</p>` : '') +
      `<p class="note">Click a bar to list its notes.</p></figure>`,
    `<figure class="card" id="chart-providers"><h2>By provider</h2>` +
      barChart(
        providers.map((p) => ({
          key: p.key,
          label: clip(p.key, 30),
          title: `${p.key}: ${p.ready} of ${plural(p.notes, 'note')} ready to bill`,
          segments: [
            { value: p.ready, cls: 'ready', name: 'ready' },
            { value: p.notReady, cls: 'notready', name: 'not ready' },
          ],
          filter: { by: 'provider', value: p.key },
        })),
        { chart: 'providers', label: 'Notes ready and not ready to bill by provider', unit: ['note', 'notes'] },
      ) +
      legend([
        ['ready', 'ready'],
        ['notready', 'not ready'],
      ]) +
      (data.byProvider.length > providers.length ? `<p class="note">${plural(data.byProvider.length - providers.length, 'more provider')}: see the table.</p>` : '') +
      `</figure>`,
    `<figure class="card" id="chart-missing"><h2>Top missing elements</h2>` +
      barChart(
        missing.map((r) => ({
          key: r.rule,
          label: clip(r.rule, 30),
          title: `${r.rule}: ${r.description} — lacking in ${plural(r.notes, 'note')}`,
          segments: [{ value: r.notes, cls: 'missing', name: 'notes' }],
          filter: { by: 'rule', value: r.rule },
        })),
        { chart: 'missing', label: 'Notes lacking a required element, by rule', unit: ['note', 'notes'] },
      ) +
      legend([['missing', 'notes lacking it (completeness rules)']]) +
      `</figure>`,
  ];

  const patientHead = data.patientIds !== 'none' ? `<th><button type="button">Patient</button></th>` : '';
  const table =
    `<table id="note-table"><thead><tr>` +
    `<th><button type="button">File</button></th>${patientHead}<th><button type="button">Date</button></th><th><button type="button">Provider</button></th>` +
    `<th><button type="button">Disc.</button></th><th><button type="button">Codes</button></th><th><button type="button">Status</button></th>` +
    `<th data-type="number"><button type="button">Billing</button></th><th data-type="number"><button type="button">Errors</button></th>` +
    `<th data-type="number"><button type="button">Warnings</button></th><th data-type="number"><button type="button">Infos</button></th>` +
    `<th data-type="number"><button type="button">Rules</button></th></tr></thead><tbody>` +
    data.notes.map((r, i) => noteRowHtml(r, i, data, descriptions)).join('\n') +
    `</tbody></table>`;

  const lists: string[] = [];
  if (data.templates.length) lists.push(`<li>Left out (status: template): ${data.templates.map(esc).join(', ')}</li>`);
  if (data.unreadable.length) lists.push(`<li>Could not be read: ${data.unreadable.map(esc).join(', ')}</li>`);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tnote ${esc(o.version)}">
<title>Documentation compliance report</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Documentation compliance report</h1>
<p class="meta">${esc(scope.join(' \u00b7 '))} \u00b7 every note checked as a final note \u00b7 generated ${esc(generated)} by tnote ${esc(o.version)}</p>
</header>
<main>
<section class="tiles">${tiles.map(([cls, n, label]) => `<div class="tile${cls ? ' ' + cls : ''}"><span class="n">${n}</span><span class="t">${esc(label)}</span></div>`).join('')}</section>
<section class="grid">
${charts.join('\n')}
</section>
<section id="notes">
<h2>Notes</h2>
<div class="controls">
<input id="q" type="search" placeholder="Filter: file, date, provider, rule\u2026" aria-label="Filter notes">
<select id="readiness" aria-label="Billing readiness"><option value="all">all notes</option><option value="notready">not ready to bill</option><option value="ready">ready to bill</option></select>
<span id="facet" class="chip" hidden><span id="facet-text"></span><button id="facet-clear" type="button" aria-label="Clear chart filter">\u00d7</button></span>
<span id="shown">${plural(t.notes, 'note')}</span>
</div>
<div class="table-wrap">${table}</div>
</section>
</main>
<footer>
<ul>
<li>A note is ready to bill when, checked as a final note, it has no error and no warning (infos do not block). A draft counts as not ready until it would pass.</li>
<li>Rule descriptions and fixes: docs/rules/&lt;rule-id&gt;.md, or <code>tnote rules</code>.</li>
<li>${esc(privacyNote(data))}</li>
${lists.join('\n')}
</ul>
</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
