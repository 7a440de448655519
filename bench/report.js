// @ts-check
'use strict';
/**
 * From a bench/results.json object to the goals of issues 12 and 13 (figure, target, pass / miss)
 * and to the README's Performance section. Pure functions: `npm run bench` stores the goals in
 * results.json, `npm run bench:readme` writes the section, and test/bench/readme.test.ts checks
 * that the README and results.json agree.
 */
const { ms, mb } = require('./lib/stats');

/** The corpus sizes the goals are stated for. */
const GOAL_NOTES = { cli: 10000, workspace: 20000, memory: 100000 };

const MB = 1024 * 1024;
const fmtInt = (n) => Number(n).toLocaleString('en-US');
const fmtSeconds = (msValue) => `${(msValue / 1000).toFixed(2)} s`;
/** The server's CPU time to a complete index, when measured (Linux; less disturbed by other load than wall time). */
const serverCpu = (x) => (typeof x?.serverCpuMs === 'number' ? `; server CPU ${fmtSeconds(x.serverCpuMs)}` : '');
const fmtRatio = (x) => `${x.toFixed(1)}×`;

/**
 * One goal. `value` is the figure in `unit` (null when there is none); `status` is
 *   pass / miss          the figure meets the target / does not;
 *   n/a                  the feature measured is not there (e.g. no `--cache` option yet);
 *   not judged           measured on fewer notes than the goal is stated for (a quick run);
 *   not run / failed     the step was left out with --only / could not run.
 * @typedef {{ id: string, issue: number, goal: string, op: '<' | '<=' | '>=', target: number, unit: string,
 *   value: number | null, measured: string, status: 'pass' | 'miss' | 'n/a' | 'not judged' | 'not run' | 'failed', note?: string }} Goal
 */

/**
 * @param {any} g the goal's fields, its figure and whether the run's size lets it be judged
 * @returns {Goal}
 */
function makeGoal({ id, issue, goal, op, target, unit, value, measured, judged = true, note, status }) {
  /** @type {Goal['status']} */
  let st;
  if (status) st = status;
  else if (value === null || value === undefined || Number.isNaN(value)) st = 'failed';
  else if (!judged) st = 'not judged';
  else st = (op === '<' ? value < target : op === '<=' ? value <= target : value >= target) ? 'pass' : 'miss';
  const hasValue = st !== 'n/a' && st !== 'not run' && st !== 'failed' && value !== null && value !== undefined && !Number.isNaN(value);
  return { id, issue, goal, op, target, unit, value: hasValue ? value : null, measured: hasValue ? measured : st === 'n/a' ? 'n/a' : '—', status: st, ...(note ? { note } : {}) };
}

/** What a step left: not run (absent), failed (error) or skipped (a reason). */
function stepState(step) {
  if (!step) return { status: /** @type {const} */ ('not run') };
  if (step.error) return { status: /** @type {const} */ ('failed'), note: 'the step could not run (see results.json)' };
  if (step.skipped) return { status: /** @type {const} */ ('failed'), note: step.skipped };
  return undefined;
}

/** @returns {Goal[]} */
function evaluateGoals(r) {
  /** @type {Goal[]} */
  const goals = [];
  const cli = r.cli;
  const cliState = stepState(cli);
  const cliNotes = cli?.notes;
  const cliJudged = cliNotes === GOAL_NOTES.cli;
  const smaller = (n, goalN) => (n === goalN ? undefined : `measured on ${fmtInt(n)} notes; the goal is for ${fmtInt(goalN)}`);
  const mdl = cli?.tools?.markdownlint;
  goals.push(
    makeGoal({
      id: 'cli-vs-markdownlint',
      issue: 13,
      goal: `cold \`tnote check\`, ${fmtInt(GOAL_NOTES.cli)} realistic notes: times faster than ${mdl?.label ?? 'markdownlint-cli2'} on the same files`,
      op: '>=',
      target: 10,
      unit: '×',
      value: cliState ? null : mdl?.skipped ? null : cli.speedupVsMarkdownlint,
      measured: cli?.speedupVsMarkdownlint ? `${fmtRatio(cli.speedupVsMarkdownlint)} (${fmtSeconds(mdl.wallMs)} / ${fmtSeconds(cli.tools.tnote.wallMs)})` : '',
      judged: cliJudged,
      ...(cliState ?? (mdl?.skipped ? { status: 'failed', note: mdl.skipped } : { note: smaller(cliNotes, GOAL_NOTES.cli) })),
    }),
    makeGoal({
      id: 'cli-vs-baseline',
      issue: 13,
      goal: `cold \`tnote check\`, ${fmtInt(GOAL_NOTES.cli)} realistic notes: time over the read-and-split baseline`,
      op: '<=',
      target: 6,
      unit: '×',
      value: cliState ? null : cli.slowdownVsBaseline,
      measured: cli?.slowdownVsBaseline ? `${fmtRatio(cli.slowdownVsBaseline)} (${fmtSeconds(cli.tools.tnote.wallMs)} / ${fmtSeconds(cli.tools.baseline.wallMs)})` : '',
      judged: cliJudged,
      ...(cliState ?? { note: smaller(cliNotes, GOAL_NOTES.cli) }),
    }),
    makeGoal({
      id: 'cli-rss',
      issue: 13,
      goal: `cold \`tnote check\`, ${fmtInt(GOAL_NOTES.cli)} realistic notes: peak RSS`,
      op: '<',
      target: 150,
      unit: 'MB',
      value: cliState ? null : cli.tools.tnote.peakRss / MB,
      measured: cli?.tools?.tnote?.peakRss ? mb(cli.tools.tnote.peakRss) : '',
      judged: cliJudged,
      ...(cliState ?? { note: smaller(cliNotes, GOAL_NOTES.cli) }),
    }),
  );
  const warm = cli?.tools?.warm;
  goals.push(
    makeGoal({
      id: 'cli-warm-cache',
      issue: 13,
      goal: `warm \`tnote check --cache\`, ${fmtInt(GOAL_NOTES.cli)} unchanged notes: time over the read-and-split baseline`,
      op: '<=',
      target: 2,
      unit: '×',
      value: cliState || warm?.skipped ? null : cli.warmVsBaseline,
      measured: cli?.warmVsBaseline ? `${fmtRatio(cli.warmVsBaseline)} (${fmtSeconds(warm.wallMs)} / ${fmtSeconds(cli.tools.baseline.wallMs)})` : '',
      judged: cliJudged,
      ...(cliState ?? (warm?.skipped ? { status: 'n/a', note: warm.skipped } : { note: smaller(cliNotes, GOAL_NOTES.cli) })),
    }),
  );

  const idx = r.index;
  const idxState = stepState(idx);
  const idxJudged = idx?.notes === GOAL_NOTES.cli;
  const incomplete = (indexed, notes) => (indexed !== undefined && indexed < notes ? `the index held ${fmtInt(indexed)} of ${fmtInt(notes)} notes` : undefined);
  goals.push(
    makeGoal({
      id: 'index-cold',
      issue: 13,
      goal: `workspace index, ${fmtInt(GOAL_NOTES.cli)} notes, cold start: \`initialize\` request to a complete index`,
      op: '<=',
      target: 3,
      unit: 's',
      value: idxState ? null : idx.indexMs / 1000,
      measured: idx?.indexMs !== undefined ? fmtSeconds(idx.indexMs) : '',
      judged: idxJudged,
      ...(idxState ?? (incomplete(idx.indexed, idx.notes) ? { status: 'miss', note: incomplete(idx.indexed, idx.notes) } : { note: smaller(idx.notes, GOAL_NOTES.cli) })),
    }),
  );
  const rs = idx?.restart;
  goals.push(
    makeGoal({
      id: 'index-restart',
      issue: 13,
      goal: `workspace index, ${fmtInt(GOAL_NOTES.cli)} notes, restart on the same storage folder (persisted index)`,
      op: '<=',
      target: 0.5,
      unit: 's',
      value: idxState || !rs || rs.skipped ? null : rs.indexMs / 1000,
      measured: rs?.indexMs !== undefined ? fmtSeconds(rs.indexMs) : '',
      judged: idxJudged,
      ...(idxState ??
        (!rs
          ? { status: 'failed', note: 'no restart measured' }
          : rs.skipped
            ? { status: 'n/a', note: rs.skipped }
            : incomplete(rs.indexed, idx.notes)
              ? { status: 'miss', note: incomplete(rs.indexed, idx.notes) }
              : { note: smaller(idx.notes, GOAL_NOTES.cli) })),
    }),
  );

  const ks = r.keystroke;
  const ksState = stepState(ks);
  for (const [key, id, target, what] of /** @type {const} */ ([
    ['typical', 'keystroke-60', 3, '60-line'],
    ['large', 'keystroke-20k', 50, '20,000-line'],
  ])) {
    const t = ks?.[key];
    goals.push(
      makeGoal({
        id,
        issue: 13,
        goal: `keystroke → diagnostics over stdio, p95, ${what} note`,
        op: '<=',
        target,
        unit: 'ms',
        value: ksState ? null : t.typing.p95,
        measured: t ? `${ms(t.typing.p95)} (${t.lines.toLocaleString('en-US')} lines, ${t.typing.n} keystrokes${t.typing.timeouts ? `, ${t.typing.timeouts} timed out` : ''})` : '',
        ...(ksState ?? (t?.typing?.timeouts ? { status: 'miss', note: `${t.typing.timeouts} keystrokes got no diagnostics in time` } : {})),
      }),
    );
  }

  const ws = r.workspace;
  const wsState = stepState(ws);
  for (const [key, id, what] of /** @type {const} */ ([
    ['patients', 'frontmatter-keystroke', 'patients with a few notes each'],
    ['onePatient', 'frontmatter-keystroke-one-patient', 'all of one patient'],
  ])) {
    const t = ws?.[key]?.typing;
    goals.push(
      makeGoal({
        id,
        issue: 12,
        goal: `front-matter keystroke → diagnostics, p95, ${fmtInt(GOAL_NOTES.workspace)} notes indexed, ${what}`,
        op: '<',
        target: 15,
        unit: 'ms',
        value: wsState ? null : t.p95,
        measured: t ? `${ms(t.p95)} (${t.n} keystrokes${t.timeouts ? `, ${t.timeouts} timed out` : ''})` : '',
        judged: ws?.notes === GOAL_NOTES.workspace,
        ...(wsState ?? (t?.timeouts ? { status: 'miss', note: `${t.timeouts} keystrokes got no diagnostics in time` } : { note: smaller(ws.notes, GOAL_NOTES.workspace) })),
      }),
    );
  }

  const mem = r.memory;
  const memState = stepState(mem);
  for (const format of ['text', 'json']) {
    const m = mem?.[format];
    goals.push(
      makeGoal({
        id: `cli-memory-${format}`,
        issue: 12,
        goal: `\`tnote check --format ${format}\`, ${fmtInt(GOAL_NOTES.memory)} notes: peak RSS`,
        op: '<',
        target: 200,
        unit: 'MB',
        value: memState || !m?.peakRss ? null : m.peakRss / MB,
        measured: m?.peakRss ? `${mb(m.peakRss)} (${fmtSeconds(m.wallMs)})` : '',
        judged: mem?.notes === GOAL_NOTES.memory,
        ...(memState ?? { note: smaller(mem.notes, GOAL_NOTES.memory) }),
      }),
    );
  }
  return goals;
}

/** Measurements beside the goals: [measure, result] rows. */
function detailRows(r) {
  /** @type {string[][]} */
  const rows = [];
  if (r.cli?.tools) {
    for (const id of ['tnote', 'warm', 'markdownlint', 'baseline']) {
      const t = r.cli.tools[id];
      if (!t || t.skipped) continue;
      rows.push([`CLI: ${t.label}, ${fmtInt(r.cli.notes)} notes`, `${fmtSeconds(t.wallMs)}, ${fmtInt(Math.round(t.notesPerSecond))} notes/s, peak RSS ${mb(t.peakRss)}`]);
    }
  }
  if (r.index?.indexMs !== undefined) {
    const x = r.index;
    rows.push([
      `workspace index, ${fmtInt(x.notes)} notes (cold)`,
      `${fmtSeconds(x.indexMs)} (${fmtInt(Math.round(x.notesPerSecond))} notes/s; ${fmtSeconds(x.spawnToIndexMs)} from spawn${serverCpu(x)}), RSS ${mb(x.rssAfterIndex)}, peak ${mb(x.peakRss)}`,
    ]);
    if (x.restart && !x.restart.skipped)
      rows.push([`workspace index, restart`, `${fmtSeconds(x.restart.indexMs)} (${fmtSeconds(x.restart.spawnToIndexMs)} from spawn${serverCpu(x.restart)}), persisted index ${mb(x.storage?.bytes)}`]);
    if (x.typingWithIndex)
      rows.push([
        `keystroke → diagnostics with ${fmtInt(x.notes)} notes indexed (${x.typingWithIndex.n} keystrokes)`,
        `median ${ms(x.typingWithIndex.median)}, p95 ${ms(x.typingWithIndex.p95)}, p99 ${ms(x.typingWithIndex.p99)}`,
      ]);
  }
  if (r.keystroke?.typical) {
    for (const key of ['typical', 'large']) {
      const t = r.keystroke[key];
      rows.push([`server start → first diagnostics, ${t.lines.toLocaleString('en-US')}-line note`, ms(t.startToFirstDiagnosticsMs)]);
      rows.push([
        `keystroke → diagnostics, ${t.lines.toLocaleString('en-US')}-line note (${t.typing.n} keystrokes)`,
        `median ${ms(t.typing.median)}, p95 ${ms(t.typing.p95)}, p99 ${ms(t.typing.p99)}${t.serverReportedLintMs ? `; server lint median ${ms(t.serverReportedLintMs.median)}` : ''}`,
      ]);
    }
  }
  if (r.workspace?.patients) {
    for (const [key, what] of [
      ['patients', 'patients with a few notes each'],
      ['onePatient', 'all of one patient'],
    ]) {
      const w = r.workspace[key];
      rows.push([
        `front-matter keystroke, ${fmtInt(r.workspace.notes)} notes indexed, ${what}`,
        `median ${ms(w.typing.median)}, p95 ${ms(w.typing.p95)}, p99 ${ms(w.typing.p99)}; index ${fmtSeconds(w.indexMs)}`,
      ]);
    }
  }
  if (r.engine?.sizes) {
    for (const s of r.engine.sizes) rows.push([`engine (parse + note rules): corpus note, ${s.label} (${fmtInt(s.notes)} notes)`, `median ${ms(s.median)}, p95 ${ms(s.p95)}`]);
    for (const s of r.engine.scaling) rows.push([`engine: synthetic ${s.lines.toLocaleString('en-US')}-line note`, `median ${ms(s.median)} (${s.usPerLine.toFixed(2)} µs/line)`]);
    rows.push(['engine growth 600 → 20,000 lines', `log-log slope ${r.engine.slope600to20k.toFixed(2)} (1 = linear)`]);
  }
  for (const step of ['engine', 'cli', 'keystroke', 'index', 'workspace', 'memory']) if (r[step]?.error) rows.push([`step ${step}`, 'FAILED (see results.json)']);
  return rows;
}

function machineLine(m) {
  return `${m.cpuModel} × ${m.cores} cores, ${(m.totalMemory / 2 ** 30).toFixed(0)} GB, Node ${m.node}, ${m.platform}; ${m.date.slice(0, 16).replace('T', ' ')} UTC; commit ${m.gitCommit ?? 'unknown'}; ${m.mode} run${m.loadAverageAtStart ? `; load average at start ${m.loadAverageAtStart.join(' / ')}` : ''}`;
}

function corpusLine(c) {
  if (!c) return undefined;
  const kinds = Object.entries(c.byKind ?? {})
    .map(([k, n]) => `${k} ${fmtInt(n)}`)
    .join(', ');
  return `${fmtInt(c.notes)} notes (seed ${c.seed}), ${c.minLines}–${c.maxLines} lines (mean ${c.meanLines}): ${kinds}; ${fmtInt(c.students)} co-signed student notes, ${fmtInt(c.drafts)} drafts, ${fmtInt(c.defective)} final notes with defects`;
}

const esc = (c) => String(c ?? '').replace(/\|/g, '\\|');
const row = (cells) => `| ${cells.map(esc).join(' | ')} |`;
const OP = { '<': '<', '<=': '≤', '>=': '≥' };
const STATUS = { pass: 'pass', miss: '**miss**', 'n/a': 'n/a', 'not judged': 'not judged', 'not run': 'not run', failed: '**failed**' };

const BEGIN = '<!-- performance:begin — generated from bench/results.json by `npm run bench:readme`; do not edit -->';
const END = '<!-- performance:end -->';

/** The README's Performance section body (between the markers), from results.json. */
function performanceMarkdown(r) {
  const goals = r.goals ?? evaluateGoals(r);
  const m = r.machine;
  const out = [BEGIN, ''];
  out.push(`Run: ${machineLine(m)}.`);
  const c = corpusLine(r.corpus);
  if (c) out.push('', `Corpus: ${c}.`);
  if (m.mode !== 'full') out.push('', `This is a ${m.mode} run on a smaller corpus: goals stated for a corpus size are "not judged"; \`npm run bench\` makes the full run.`);
  out.push('', row(['goal', 'issue', 'measured', 'target', 'result']), '|---|---|---|---|---|');
  for (const g of goals) out.push(row([g.goal, `#${g.issue}`, g.measured + (g.note ? ` — ${g.note}` : ''), `${OP[g.op]} ${g.target}${g.unit === '×' ? '×' : ` ${g.unit}`}`, STATUS[g.status]]));
  const rows = detailRows(r);
  if (rows.length) {
    out.push('', 'Measurements from the same run:', '', row(['measure', 'result']), '|---|---|');
    for (const x of rows) out.push(row(x));
  }
  out.push('', END);
  return out.join('\n');
}

/**
 * README text with its Performance section replaced by `performanceMarkdown(results)`: between
 * the markers when present, else the whole body under `## Performance` (up to the next `## `).
 */
function updateReadme(readme, results) {
  const body = performanceMarkdown(results);
  const b = readme.indexOf(BEGIN);
  const e = readme.indexOf(END);
  if (b >= 0 && e > b) return readme.slice(0, b) + body + readme.slice(e + END.length);
  const h = readme.indexOf('\n## Performance\n');
  if (h < 0) throw new Error('README.md has no "## Performance" section');
  const start = h + '\n## Performance\n'.length;
  const next = readme.indexOf('\n## ', start);
  return `${readme.slice(0, start)}\n${INTRO}\n\n${body}\n${next < 0 ? '' : readme.slice(next)}`;
}

/** The section's fixed introduction (kept by updateReadme once the markers are in place). */
const INTRO = [
  '`npm run bench` measures every goal of issues 12 and 13 in one run and writes',
  '`bench/results.json`; `npm run bench:readme` writes the table below from it (a test fails when',
  'they disagree). The corpus is generated from a seed: patients followed from an initial 97760',
  'or 97761 note through 97763 follow-ups, with daily notes, co-signed student notes, drafts and',
  'about 30 % of the final notes with defects, 40–120 lines each with narrative paragraphs;',
  'synthetic 2,000- and 20,000-line notes give the size curve. CLI times are wall time from spawn',
  'to exit, median of interleaved runs; keystroke times run from a one-character `didChange` to',
  'the `publishDiagnostics` of that version over stdio. How each figure is taken: `bench/README.md`.',
].join('\n');

module.exports = { GOAL_NOTES, evaluateGoals, detailRows, performanceMarkdown, updateReadme, machineLine, BEGIN, END };
