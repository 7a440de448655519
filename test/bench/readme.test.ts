/**
 * The README's Performance section is generated from bench/results.json (`npm run bench:readme`):
 * this fails when the two disagree, and pins how goals are judged so a figure cannot read better
 * than it is (a miss shows as a miss, a missing feature as n/a with no figure, a smaller run as
 * not judged).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

interface Goal {
  id: string;
  value: number | null;
  measured: string;
  status: string;
  note?: string;
}
interface Results {
  machine: { mode: string; date: string; gitCommit?: string };
  goals: Goal[];
  [step: string]: unknown;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const report = require(path.join(REPO_ROOT, 'bench', 'report.js')) as {
  evaluateGoals: (r: unknown) => Goal[];
  performanceMarkdown: (r: unknown) => string;
  updateReadme: (readme: string, r: unknown) => string;
  BEGIN: string;
  END: string;
};

const MB = 1024 * 1024;
const typing = (p95: number) => ({ n: 100, median: p95 / 2, p95, p99: p95, timeouts: 0 });
/** A full-size result in the shape bench/run.js writes. */
function sample(): Results {
  return {
    machine: { mode: 'full', date: '2026-11-29T12:00:00.000Z', gitCommit: 'abc1234' },
    goals: [],
    cli: {
      notes: 10000,
      tools: {
        baseline: { label: 'read-and-split baseline', wallMs: 250, notesPerSecond: 40000, peakRss: 60 * MB },
        tnote: { label: 'tnote check --format json', wallMs: 1000, notesPerSecond: 10000, peakRss: 120 * MB },
        markdownlint: { label: 'markdownlint-cli2 0.24.1', wallMs: 20000, notesPerSecond: 500, peakRss: 500 * MB },
        warm: { label: 'tnote check --cache --format json (warm)', wallMs: 400, notesPerSecond: 25000, peakRss: 70 * MB },
      },
      speedupVsMarkdownlint: 20,
      slowdownVsBaseline: 4,
      warmVsBaseline: 1.6,
    },
    index: {
      notes: 10000,
      indexed: 10000,
      indexMs: 2500,
      spawnToIndexMs: 2700,
      notesPerSecond: 4000,
      rssAfterIndex: 100 * MB,
      peakRss: 110 * MB,
      restart: { indexed: 10000, indexMs: 300, spawnToIndexMs: 450 },
    },
    keystroke: { typical: { lines: 61, typing: typing(2), startToFirstDiagnosticsMs: 100 }, large: { lines: 20000, typing: typing(40), startToFirstDiagnosticsMs: 150 } },
    workspace: { notes: 20000, patients: { typing: typing(5), indexMs: 5000 }, onePatient: { typing: typing(6), indexMs: 5000 } },
    memory: { notes: 100000, text: { wallMs: 30000, peakRss: 150 * MB }, json: { wallMs: 31000, peakRss: 160 * MB } },
  };
}
const byId = (goals: Goal[]) => new Map(goals.map((g) => [g.id, g]));

describe('bench results and the README', () => {
  const resultsFile = path.join(REPO_ROOT, 'bench', 'results.json');
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Results;
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

  it('the README Performance section is the one bench/results.json gives (run `npm run bench:readme`)', () => {
    assert.ok(readme.includes(report.BEGIN) && readme.includes(report.END), 'README.md has the generated Performance section markers');
    const start = readme.indexOf(report.BEGIN);
    const end = readme.indexOf(report.END) + report.END.length;
    assert.equal(readme.slice(start, end), report.performanceMarkdown(results));
    assert.equal(report.updateReadme(readme, results), readme);
  });

  it('results.json holds the goals its own figures give', () => {
    assert.deepEqual(results.goals, report.evaluateGoals(results));
    assert.equal(results.goals.length, 12);
  });

  it('the section names the machine, date, commit and every goal with its result', () => {
    const section = report.performanceMarkdown(results);
    assert.ok(section.includes(results.machine.date.slice(0, 10)));
    if (results.machine.gitCommit) assert.ok(section.includes(`commit ${results.machine.gitCommit}`));
    assert.ok(section.includes(`${results.machine.mode} run`));
    for (const g of results.goals) assert.ok(section.includes(g.measured), g.id);
  });
});

describe('bench goals are judged honestly', () => {
  it('a full run that meets every target passes every goal', () => {
    const goals = report.evaluateGoals(sample());
    assert.deepEqual(
      goals.filter((g) => g.status !== 'pass').map((g) => g.id),
      [],
    );
  });

  it('a figure past its target is a miss, and the README says so', () => {
    const r = sample();
    (r.cli as { speedupVsMarkdownlint: number }).speedupVsMarkdownlint = 9.9;
    (r.keystroke as { typical: { typing: { p95: number } } }).typical.typing.p95 = 3.01;
    const goals = byId(report.evaluateGoals(r));
    assert.equal(goals.get('cli-vs-markdownlint')?.status, 'miss');
    assert.equal(goals.get('keystroke-60')?.status, 'miss');
    assert.equal(goals.get('keystroke-20k')?.status, 'pass');
    assert.match(report.performanceMarkdown({ ...r, goals: [...goals.values()] }), /9\.9×[^\n]*\*\*miss\*\*/);
  });

  it('no --cache option and no persisted index are n/a, with no figure', () => {
    const r = sample();
    const cli = r.cli as { tools: Record<string, unknown>; warmVsBaseline?: number };
    cli.tools.warm = { skipped: 'not available: `tnote check --help` lists no --cache option' };
    delete cli.warmVsBaseline;
    (r.index as { restart: unknown }).restart = { skipped: 'the server wrote no persisted index to initializationOptions.storagePath' };
    const goals = byId(report.evaluateGoals(r));
    for (const id of ['cli-warm-cache', 'index-restart']) {
      assert.equal(goals.get(id)?.status, 'n/a', id);
      assert.equal(goals.get(id)?.value, null, id);
      assert.equal(goals.get(id)?.measured, 'n/a', id);
    }
  });

  it('an incomplete restart index is a miss however fast it was', () => {
    const r = sample();
    (r.index as { restart: { indexed: number } }).restart.indexed = 12;
    assert.equal(byId(report.evaluateGoals(r)).get('index-restart')?.status, 'miss');
  });

  it('a smaller (quick) run is not judged; a step left out is not run', () => {
    const r = sample();
    (r.cli as { notes: number }).notes = 500;
    (r.memory as { notes: number }).notes = 5000;
    delete r.workspace;
    const goals = byId(report.evaluateGoals(r));
    for (const id of ['cli-vs-markdownlint', 'cli-vs-baseline', 'cli-rss', 'cli-warm-cache', 'cli-memory-text', 'cli-memory-json']) assert.equal(goals.get(id)?.status, 'not judged', id);
    for (const id of ['frontmatter-keystroke', 'frontmatter-keystroke-one-patient']) assert.equal(goals.get(id)?.status, 'not run', id);
    assert.equal(goals.get('index-cold')?.status, 'pass');
  });

  it('a step that failed is failed, not a figure', () => {
    const r = sample();
    r.memory = { error: 'boom' };
    const goals = byId(report.evaluateGoals(r));
    assert.equal(goals.get('cli-memory-text')?.status, 'failed');
    assert.equal(goals.get('cli-memory-text')?.value, null);
  });
});
