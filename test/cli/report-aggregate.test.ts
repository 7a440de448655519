/** The compliance report's numbers (a pure function) and its HTML/CSV renderers, without files. */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { aggregate, isReady, monthRange } from '../../server/src/cli/report/aggregate';
import { pseudonymizer, isoDate, noteRecord } from '../../server/src/cli/report/collect';
import { csvText, renderCsv } from '../../server/src/cli/report/csv';
import { renderHtml } from '../../server/src/cli/report/html';
import { MAX_FILLED_MONTHS, NO_PROVIDER, type NoteRecord, type ReportFinding, type ReportInput, type RuleInfo } from '../../server/src/cli/report/model';
import { countAxis } from '../../server/src/cli/report/svg';
import { defaultConfig, lintText } from '../../server/src/engine';

const RULES = new Map<string, RuleInfo>([
  ['missing-discipline-modifier', { id: 'missing-discipline-modifier', description: 'A timed therapy line lacks GP/GO/GN.', kind: 'correctness' }],
  ['missing-instruction-elements', { id: 'missing-instruction-elements', description: 'Instruction lacks Use, Care or Safety.', kind: 'completeness' }],
  ['missing-direct-contact', { id: 'missing-direct-contact', description: 'No direct contact statement.', kind: 'completeness' }],
  ['unknown-section', { id: 'unknown-section', description: 'A heading that is not a known section.', kind: 'correctness' }],
]);

const f = (rule: string, severity: ReportFinding['severity'] = 'error'): ReportFinding => ({ rule, severity, kind: RULES.get(rule)?.kind ?? 'correctness' });

function note(file: string, over: Partial<NoteRecord> = {}): NoteRecord {
  return { file, date: '2026-11-20', provider: 'Alex Rivera, PT, DPT', discipline: 'PT', status: 'final', codes: ['97760'], findings: [], ...over };
}

function input(notes: NoteRecord[], over: Partial<ReportInput> = {}): ReportInput {
  return { notes, templates: [], unreadable: [], rules: RULES, patientIds: 'none', ...over };
}

describe('report: aggregation', () => {
  it('a note is ready to bill when it has no error and no warning; infos do not block', () => {
    assert.equal(isReady(note('a', { findings: [] })), true);
    assert.equal(isReady(note('a', { findings: [f('unknown-section', 'info')] })), true);
    assert.equal(isReady(note('a', { findings: [f('missing-instruction-elements', 'warning')] })), false);
    assert.equal(isReady(note('a', { findings: [f('missing-discipline-modifier', 'error')] })), false);
  });

  it('counts findings by rule and severity, and the notes each rule touches', () => {
    const d = aggregate(
      input([
        note('b.tnote', { findings: [f('missing-instruction-elements', 'warning'), f('missing-instruction-elements', 'warning'), f('missing-discipline-modifier')] }),
        note('a.tnote', { findings: [f('missing-instruction-elements', 'warning'), f('unknown-section', 'info')] }),
        note('c.tnote'),
      ]),
    );
    assert.deepEqual(
      d.byRule.map((r) => [r.rule, r.findings, r.notes, r.bySeverity]),
      [
        ['missing-instruction-elements', 3, 2, { error: 0, warning: 3, info: 0 }],
        ['missing-discipline-modifier', 1, 1, { error: 1, warning: 0, info: 0 }],
        ['unknown-section', 1, 1, { error: 0, warning: 0, info: 1 }],
      ],
    );
    assert.equal(d.byRule[0].description, 'Instruction lacks Use, Care or Safety.');
    assert.deepEqual(d.totals, { notes: 3, ready: 1, notReady: 2, findings: 5, bySeverity: { error: 1, warning: 3, info: 1 }, drafts: 0, templatesSkipped: 0, unreadable: 0, undated: 0 });
    assert.deepEqual(
      d.notes.map((r) => [r.file, r.ready, r.counts, r.rules]),
      [
        [
          'a.tnote',
          false,
          { error: 0, warning: 1, info: 1 },
          [
            { rule: 'missing-instruction-elements', count: 1 },
            { rule: 'unknown-section', count: 1 },
          ],
        ],
        [
          'b.tnote',
          false,
          { error: 1, warning: 2, info: 0 },
          [
            { rule: 'missing-instruction-elements', count: 2 },
            { rule: 'missing-discipline-modifier', count: 1 },
          ],
        ],
        ['c.tnote', true, { error: 0, warning: 0, info: 0 }, []],
      ],
    );
  });

  it('top missing elements: completeness rules only, by the number of notes lacking them', () => {
    const d = aggregate(
      input([
        note('a', { findings: [f('missing-instruction-elements', 'warning'), f('missing-instruction-elements', 'warning'), f('missing-instruction-elements', 'warning')] }),
        note('b', { findings: [f('missing-direct-contact', 'warning'), f('missing-discipline-modifier')] }),
        note('c', { findings: [f('missing-direct-contact', 'warning')] }),
      ]),
    );
    assert.deepEqual(
      d.missing.map((r) => [r.rule, r.notes, r.findings]),
      [
        ['missing-direct-contact', 2, 2],
        ['missing-instruction-elements', 1, 3],
      ],
    );
  });

  it('groups by provider (most notes first, none under its own label) with ready and not ready', () => {
    const d = aggregate(
      input([
        note('1', { provider: 'Sam Delgado, PT', findings: [f('missing-discipline-modifier')] }),
        note('2', { provider: 'Sam Delgado, PT' }),
        note('3', { provider: 'Jordan Lee, OTR/L' }),
        note('4', { provider: undefined, findings: [f('missing-instruction-elements', 'warning')] }),
      ]),
    );
    assert.deepEqual(
      d.byProvider.map((g) => [g.key, g.notes, g.ready, g.notReady]),
      [
        ['Sam Delgado, PT', 2, 1, 1],
        [NO_PROVIDER, 1, 0, 1],
        ['Jordan Lee, OTR/L', 1, 1, 0],
      ],
    );
  });

  it('groups by month of service, fills the months between with zeros, and counts undated notes apart', () => {
    const d = aggregate(
      input([note('1', { date: '2026-09-30', findings: [f('missing-discipline-modifier')] }), note('2', { date: '2026-12-01' }), note('3', { date: '2027-01-15' }), note('4', { date: undefined })]),
    );
    assert.deepEqual(
      d.byMonth.map((g) => [g.key, g.notes, g.notReady]),
      [
        ['2026-09', 1, 1],
        ['2026-10', 0, 0],
        ['2026-11', 0, 0],
        ['2026-12', 1, 0],
        ['2027-01', 1, 0],
      ],
    );
    assert.equal(d.totals.undated, 1);
    assert.equal(d.notes.find((r) => r.file === '4')!.month, undefined);
  });

  it('does not fill decades of empty months when one date is far off (a typo)', () => {
    const d = aggregate(input([note('1', { date: '1996-11-20' }), note('2', { date: '2026-11-20' })]));
    assert.deepEqual(
      d.byMonth.map((g) => g.key),
      ['1996-11', '2026-11'],
    );
    assert.equal(monthRange('2026-01', '2031-01').length, MAX_FILLED_MONTHS + 1);
  });

  it('monthRange crosses years; countAxis gives whole-number steps', () => {
    assert.deepEqual(monthRange('2026-11', '2027-02'), ['2026-11', '2026-12', '2027-01', '2027-02']);
    assert.deepEqual(monthRange('2026-05', '2026-05'), ['2026-05']);
    assert.deepEqual(countAxis(0), { max: 1, step: 1 });
    assert.deepEqual(countAxis(3), { max: 3, step: 1 });
    assert.deepEqual(countAxis(7), { max: 8, step: 2 });
    assert.deepEqual(countAxis(41), { max: 60, step: 20 });
    assert.deepEqual(countAxis(130), { max: 150, step: 50 });
  });

  it('counts drafts, left-out templates and unreadable files', () => {
    const d = aggregate(input([note('a', { status: 'draft' }), note('b')], { templates: ['t/x.tnote'], unreadable: ['bad.tnote', 'bin.tnote'] }));
    assert.equal(d.totals.drafts, 1);
    assert.equal(d.totals.templatesSkipped, 1);
    assert.equal(d.totals.unreadable, 2);
    assert.deepEqual(d.unreadable, ['bad.tnote', 'bin.tnote']);
  });

  it('an empty folder gives zeros, not NaN', () => {
    const d = aggregate(input([]));
    assert.deepEqual([d.totals.notes, d.totals.ready, d.byRule.length, d.byMonth.length], [0, 0, 0, 0]);
    const html = renderHtml(d, { version: '0.0.0', generatedAt: new Date(0) });
    assert.doesNotMatch(html, /NaN|undefined|Infinity/);
  });
});

describe('report: facts of a note', () => {
  const TEXT = `---
patient: MRN-123
date: 2026-11-20
discipline: pt
provider: "  Alex   Rivera, PT  "
status: draft
charges:
  - code: 97760
    modifiers: [GP]
  - code: 97760
  - code: l1971
---
`;

  it('keeps the date, provider (spaces collapsed), discipline, status and codes; the patient only when asked', () => {
    const r = lintText(TEXT, { ...defaultConfig(), forceFinal: true });
    const rec = noteRecord('a.tnote', r.note, r.findings);
    assert.deepEqual([rec.date, rec.provider, rec.discipline, rec.status, rec.codes, rec.patient], ['2026-11-20', 'Alex Rivera, PT', 'PT', 'draft', ['97760', 'L1971'], undefined]);
    assert.equal(noteRecord('a.tnote', r.note, r.findings, (id) => `<${id}>`).patient, '<MRN-123>');
    assert.ok(rec.findings.length > 0 && rec.findings.every((x) => Object.keys(x).sort().join() === 'kind,rule,severity'), 'only rule, severity and kind of a finding');
  });

  it('a placeholder provider or a date that is not a real day is left out', () => {
    const r = lintText(TEXT.replace('  Alex   Rivera, PT  ', '{{therapist}}').replace('2026-11-20', '2026-02-30'), defaultConfig());
    const rec = noteRecord('a.tnote', r.note, r.findings);
    assert.equal(rec.provider, undefined);
    assert.equal(rec.date, undefined);
    assert.equal(isoDate('2024-02-29'), '2024-02-29');
    assert.equal(isoDate('2026-13-01'), undefined);
  });

  it('pseudonyms: stable within one key, different under another, and not the id', () => {
    const p = pseudonymizer(Buffer.alloc(32, 1));
    assert.equal(p('MRN-123'), p(' mrn-123 '));
    assert.notEqual(p('MRN-123'), p('MRN-124'));
    assert.match(p('MRN-123'), /^P-[0-9a-f]{10}$/);
    assert.notEqual(pseudonymizer(Buffer.alloc(32, 2))('MRN-123'), p('MRN-123'));
  });
});

describe('report: renderers', () => {
  const data = aggregate(
    input([
      note('x/a,1.tnote', { provider: '<script>alert(1)</script> "Q"', findings: [f('missing-discipline-modifier'), f('missing-instruction-elements', 'warning')] }),
      note('x/b.tnote', { provider: '=HYPERLINK("http://x")', date: '2026-10-02' }),
    ]),
  );

  it('CSV: one row per note with counts and rules, RFC 4180 quoting, formulas defused', () => {
    const csv = renderCsv(data);
    const lines = csv.split('\r\n');
    assert.equal(lines[0], 'file,date,month,provider,discipline,codes,status,ready,errors,warnings,infos,findings,rules');
    assert.equal(lines[1], '"x/a,1.tnote",2026-11-20,2026-11,"<script>alert(1)</script> ""Q""",PT,97760,final,no,1,1,0,2,missing-discipline-modifier:1 missing-instruction-elements:1');
    assert.equal(lines[2], `x/b.tnote,2026-10-02,2026-10,"'=HYPERLINK(""http://x"")",PT,97760,final,yes,0,0,0,0,`);
    assert.equal(lines.length, 4);
    assert.equal(lines[3], '');
    assert.equal(csvText('-2+3'), "'-2+3");
    assert.equal(csvText('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvText('a\nb'), '"a\nb"');
  });

  it('CSV: a patient column only when patient ids were asked for', () => {
    assert.doesNotMatch(renderCsv(data).split('\r\n')[0], /patient/);
    const withIds = aggregate(input([note('a', { patient: 'P-0123456789' })], { patientIds: 'pseudonym' }));
    assert.deepEqual(renderCsv(withIds).split('\r\n').slice(0, 2), [
      'file,patient,date,month,provider,discipline,codes,status,ready,errors,warnings,infos,findings,rules',
      'a,P-0123456789,2026-11-20,2026-11,"Alex Rivera, PT, DPT",PT,97760,final,yes,0,0,0,0,',
    ]);
  });

  it('HTML: text from notes is escaped; the policy hashes match the inline style and script', () => {
    const html = renderHtml(data, { version: '1.2.3', generatedAt: new Date('2026-12-01T10:00:00Z') });
    assert.ok(!html.includes('<script>alert'), 'the provider is escaped');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &quot;Q&quot;'));
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    assert.match(csp, /default-src 'none'/);
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 1, 'one inline script, nothing else executable');
    assert.ok(csp.includes(`style-src ${hash(style)}`), 'style hash');
    assert.ok(csp.includes(`script-src ${hash(scripts[0])}`), 'script hash');
    assert.doesNotMatch(html, /\s(?:src|href)=/i, 'nothing to load');
    assert.match(html, /generated 2026-12-01 10:00 UTC by tnote 1\.2\.3/);
  });

  it('HTML: the charts carry their numbers; bars filter the table by rule, provider and month', () => {
    const html = renderHtml(data, { version: '1', generatedAt: new Date(0) });
    for (const c of ['ready', 'months', 'rules', 'providers', 'missing']) assert.match(html, new RegExp(`<svg class="chart[^"]*" data-chart="${c}"`), c);
    assert.match(html, /<g class="bar" data-key="missing-discipline-modifier" data-value="1" data-filter="rule" data-filter-value="missing-discipline-modifier"/);
    assert.match(html, /<circle class="slice ready" data-series="ready" data-value="1"/);
    assert.match(html, /<circle class="point notes" data-series="notes" data-key="2026-10" data-value="1" [^>]*data-filter="month"/);
    assert.match(
      html,
      /<tr data-i="0" data-ready="notready" data-provider="&lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;Q&quot;" data-month="2026-11" data-rules="\|missing-discipline-modifier\|missing-instruction-elements\|">/,
    );
    assert.doesNotMatch(html, /<th><button type="button">Patient/);
  });
});
