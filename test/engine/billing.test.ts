/**
 * The engine's billing summary (engine/billing.ts): what the claim carries, counted as the time
 * and units rules count it, with placeholders named ("L-code: to fill") and never shown raw.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assistantUnits, billingLine, billingSummary, lintText, parseNote, timedUnits, unitsArithmetic, type BillingSummary } from '../../server/src/engine';
import { ASSISTANT_UNITS_SOURCES } from '../../server/src/engine/billing';
import { sourceInfo } from '../../server/src/engine/knowledge';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';

/** A note with the given charge lines (YAML), front-matter extras and Time section lines. */
function note(charges: string[], opts: { fm?: string[]; time?: string[]; dx?: string } = {}): string {
  return [
    '---',
    'patient: MRN-1',
    'date: 2026-11-20',
    'discipline: PT',
    'provider: Alex Rivera, PT, DPT',
    'encounter: initial',
    `diagnoses: ${opts.dx ?? '[M21.371, I69.351]'}`,
    'charges:',
    ...charges,
    ...(opts.fm ?? []),
    '---',
    '## Time',
    ...(opts.time ?? []),
    '',
  ].join('\n');
}

const summaryOf = (text: string): BillingSummary => billingSummary(parseNote(text));

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (p.endsWith('.tnote')) out.push(p);
  }
  return out;
}

describe('billing summary', () => {
  it('a clean 97760 note: lines, timed minutes, units by the 8-minute rule, treatment time, diagnoses', () => {
    const s = summaryOf(
      note(['  - code: 97760', '    modifiers: [GP]', '    units: 2', '    minutes: 31', '  - code: L1971', '    modifiers: [RT]', '    units: 1'], { fm: ['total_treatment_minutes: 31'] }),
    );
    assert.equal(s.readable, true);
    assert.deepEqual(
      s.lines.map((l) => [l.label, l.timed]),
      [
        ['97760-GP × 2 units', true],
        ['L1971-RT × 1 unit', false],
      ],
    );
    assert.deepEqual(s.timedMinutes, { minutes: 31, source: 'lines' });
    assert.equal(s.expectedTimedUnits, 2);
    assert.equal(s.billedTimedUnits, 2);
    assert.equal(s.treatmentMinutes?.minutes, 31);
    assert.deepEqual(s.diagnoses, [
      { state: 'value', value: 'M21.371' },
      { state: 'value', value: 'I69.351' },
    ]);
    assert.equal(s.text, '97760-GP × 2 units · L1971-RT × 1 unit · 31 timed min');
    assert.equal(s.arithmetic, '31 timed min → 2 units');
    assert.deepEqual([s.lines[0].expectedUnits, s.lines[0].maxUnits, s.lines[0].unitsAlone], [2, 3, 2]);
  });

  it('`minutes: 31 min` counts 31, as the unit rules do (invalid-field-value still asks for the bare number)', () => {
    const text = note(['  - code: 97760', '    modifiers: [GP]', '    units: 3', '    minutes: 31 min'], { fm: ['total_treatment_minutes: 31'] });
    const s = summaryOf(text);
    assert.equal(s.timedMinutes?.minutes, 31);
    assert.equal(s.expectedTimedUnits, 2);
    assert.equal(s.text, '97760-GP × 3 units · 31 timed min');
    const findings = lintText(text).findings;
    const units = findings.filter((f) => f.ruleId === 'units-not-matching-minutes');
    assert.equal(units.length, 1);
    assert.equal(
      units[0].message,
      `97760 bills ${s.billedTimedUnits} units, but 97760 ${s.timedMinutes?.minutes} min → ${s.expectedTimedUnits} units under the 8-minute rule. Correct the units (or the minutes, if they are wrong).`,
    );
    assert.ok(findings.some((f) => f.ruleId === 'invalid-field-value' && /write only the number/.test(f.message)));
  });

  it('several timed lines: the CMS split, the arithmetic naming each code, and each line’s own cap', () => {
    const s = summaryOf(note(['  - code: 97110', '    modifiers: [GP]', '    units: 2', '    minutes: 33', '  - code: 97140', '    modifiers: [GP]', '    units: 1', '    minutes: 7']));
    assert.equal(s.expectedTimedUnits, 3);
    assert.deepEqual(
      s.timedLines.map((l) => l.expectedUnits),
      [2, 1],
    );
    assert.deepEqual(
      s.timedLines.map((l) => l.maxUnits),
      [3, 1],
    );
    assert.deepEqual(
      s.timedLines.map((l) => l.unitsAlone),
      [2, 0],
    );
    assert.equal(s.arithmetic, '97110 33 min + 97140 7 min = 40 timed min → 3 units');
  });

  it('minutes missing on a line: the Time section’s Timed minutes total counts, with no split', () => {
    const s = summaryOf(note(['  - code: 97110', '    units: 2', '  - code: 97140', '    units: 1', '    minutes: 7'], { time: ['Timed minutes: 40'] }));
    assert.deepEqual(s.timedMinutes && { minutes: s.timedMinutes.minutes, source: s.timedMinutes.source }, { minutes: 40, source: 'field' });
    assert.equal(s.expectedTimedUnits, 3);
    assert.deepEqual(
      s.timedLines.map((l) => l.expectedUnits),
      [undefined, undefined],
    );
    assert.equal(s.arithmetic, '40 timed min (Time section) → 3 units');
  });

  it('untimed and unknown codes are not timed; no timed minutes means no expected units', () => {
    const s = summaryOf(note(['  - code: 97163', '    units: 1', '  - code: 99999', '    units: 1', '    minutes: 20']));
    assert.deepEqual(
      s.lines.map((l) => l.timed),
      [false, false],
    );
    assert.equal(s.timedMinutes, undefined);
    assert.equal(s.expectedTimedUnits, undefined);
    assert.equal(s.text, '97163 × 1 unit · 99999 × 1 unit');
  });

  it('placeholders are "to fill", named by their label, never raw', () => {
    const s = summaryOf(
      note(['  - code: 97760', '    modifiers: [GP]', '    units: ${units = floor((minutes + 7) / 15)}', '    minutes: ${timed minutes}', '  - code: "{{L-code, e.g. L3906}}"', '    units: 1'], {
        dx: '["{{ICD-10-CM code}}", M21.371]',
      }),
    );
    assert.deepEqual(
      s.lines.map((l) => l.label),
      ['97760-GP × units: to fill', 'L-code: to fill × 1 unit'],
    );
    assert.deepEqual(s.lines[0].units, { state: 'to-fill', label: 'units' });
    assert.deepEqual(s.lines[1].code, { state: 'to-fill', label: 'L-code' });
    assert.equal(s.timedMinutesToFill, true);
    assert.equal(s.text, '97760-GP × units: to fill · L-code: to fill × 1 unit · timed minutes: to fill');
    assert.deepEqual(s.diagnoses, [
      { state: 'to-fill', label: 'ICD-10-CM code' },
      { state: 'value', value: 'M21.371' },
    ]);
  });

  it('unreadable and absent values are named, not guessed', () => {
    const s = summaryOf(note(['  - code: [97760]', '    units: two', '  - units: 1']));
    assert.deepEqual(
      s.lines.map((l) => l.label),
      ['(unreadable code) × ? units', '(no code) × 1 unit'],
    );
  });

  it('a front matter with a YAML error gives no billing facts, and says so', () => {
    const s = summaryOf(note(['  - code: 97760', '    units: 2', '    minutes: [31', 'bad: : :']));
    assert.equal(s.readable, false);
    assert.deepEqual(s.lines, []);
    assert.match(s.text ?? '', /YAML error/);
  });

  it('billingLine labels a charge on its own (the outline uses it)', () => {
    const n = parseNote(note(['  - code: "{{L-code}}"', '    modifiers: [RT]', '    units: 1']));
    assert.equal(billingLine(n.yamlFacts.charges[0]).label, 'L-code: to fill RT × 1 unit');
  });

  it('no template, example or fixture note shows a raw placeholder in its summary', () => {
    const files = [...walk(path.join(REPO_ROOT, 'templates')), ...walk(path.join(REPO_ROOT, 'examples')), ...walk(FIXTURES)];
    let toFill = 0;
    for (const f of files) {
      const s = summaryOf(fs.readFileSync(f, 'utf8'));
      const shown = [s.text ?? '', s.arithmetic ?? '', ...s.lines.map((l) => l.label), ...s.diagnoses.map((d) => (d.state === 'to-fill' ? d.label : d.state === 'value' ? d.value : ''))];
      for (const t of shown) assert.ok(!/\{\{|\$\{|\}\}/.test(t), `${path.relative(REPO_ROOT, f)}: ${t}`);
      if ((s.text ?? '').includes('to fill')) toFill++;
    }
    assert.ok(toFill >= 4, `the templates at least have something to fill (${toFill})`);
  });

  it('agrees with units-not-matching-minutes on every fixture and example note', () => {
    const files = [...walk(path.join(REPO_ROOT, 'examples')), ...walk(FIXTURES)];
    let mismatches = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      if (/tnote-disable/.test(text)) continue;
      const { note: n, findings } = lintText(text);
      const s = billingSummary(n);
      const ruleSaysMismatch = findings.some((x) => x.ruleId === 'units-not-matching-minutes' && / bills? \d+ units?, but /.test(x.message));
      const summarySaysMismatch = s.billedTimedUnits !== undefined && s.expectedTimedUnits !== undefined && s.billedTimedUnits !== s.expectedTimedUnits;
      assert.equal(ruleSaysMismatch, summarySaysMismatch, path.relative(REPO_ROOT, f));
      if (ruleSaysMismatch) mismatches++;
    }
    assert.ok(mismatches >= 3, `the corpus has unit mismatches to compare (${mismatches})`);
  });
});

describe('timedUnits (the one minutes → units function)', () => {
  it('CMS: the 8-minute rule on the total; a lone line carries it; several share it by the CMS split', () => {
    const one = timedUnits(31, [31]);
    assert.deepEqual([one.total, one.lines, one.tie], [2, [{ expected: 2, max: 3, alone: 2 }], false]);
    assert.deepEqual(timedUnits(7, [7]).total, 0);
    assert.deepEqual(timedUnits(8, [8]).total, 1);
    assert.deepEqual(
      timedUnits(40, [33, 7]).lines.map((l) => l.expected),
      [2, 1],
    );
    assert.deepEqual(
      timedUnits(14, [7, 7]).lines.map((l) => l.expected),
      [1, 0],
    );
  });

  it('unknown minutes: no split, and no total without a known total', () => {
    assert.deepEqual(
      timedUnits(40, [undefined, 7]).lines.map((l) => l.expected),
      [undefined, undefined],
    );
    assert.deepEqual(timedUnits(40, [undefined]).lines[0], { expected: 3, max: undefined, alone: undefined });
    const unknown = timedUnits(undefined, [20]);
    assert.deepEqual([unknown.total, unknown.lines], [undefined, [{ expected: undefined, max: 2, alone: 1 }]]);
  });
});

describe('v2 units: every 15-minute code, services, units methods (rules.md v2 items 1, 3, 9)', () => {
  const lines = (...pairs: [string, number | undefined][]) => pairs.map(([code, minutes]) => ({ code, minutes }));

  it('97129 and 97130 are one service: their minutes add up, 97129 takes at most one unit', () => {
    assert.deepEqual(
      timedUnits(25, lines(['97129', 20], ['97130', 5])).lines.map((l) => l.expected),
      [1, 1],
    );
    assert.deepEqual(
      timedUnits(15, lines(['97129', 10], ['97130', 5])).lines.map((l) => l.expected),
      [1, 0],
    );
    assert.deepEqual(
      timedUnits(55, lines(['97129', 15], ['97130', 40])).lines.map((l) => l.expected),
      [1, 3],
    );
    // Alone, 97129 carries its one unit; the other units belong on a 97130 line.
    const alone = timedUnits(40, lines(['97129', 40]));
    assert.deepEqual([alone.total, alone.lines[0]], [3, { expected: 1, max: 1, alone: 1 }]);
  });

  it('per-code: each service on its own; CMS: the total', () => {
    const perCode = timedUnits(undefined, lines(['97760', 20], ['97535', 20]), 'per-code');
    assert.deepEqual([perCode.total, perCode.lines.map((l) => l.expected)], [2, [1, 1]]);
    assert.deepEqual(
      timedUnits(40, lines(['97760', 20], ['97535', 20])).lines.map((l) => l.expected),
      [2, 1],
    );
    assert.equal(timedUnits(undefined, lines(['97110', 7], ['97140', 7]), 'per-code').total, 0);
    assert.equal(timedUnits(14, lines(['97110', 7], ['97140', 7])).total, 1);
    // Per code, one line with unknown minutes leaves the total unknown unless it is the only service.
    assert.equal(timedUnits(40, lines(['97110', undefined], ['97140', 7]), 'per-code').total, undefined);
    assert.equal(timedUnits(31, lines(['97760', undefined]), 'per-code').total, 2);
  });

  it('flags a CMS split decided by a tie between equal leftovers', () => {
    assert.equal(timedUnits(20, lines(['97110', 10], ['97140', 10])).tie, true);
    assert.equal(timedUnits(40, lines(['97110', 33], ['97140', 7])).tie, false);
    assert.equal(timedUnits(30, lines(['97110', 15], ['97140', 15])).tie, false);
  });

  it('counts 97535, 97113, 97124, 97542 as timed; 97545/96125 and untimed codes not; names the codes it counted', () => {
    const s = summaryOf(note(['  - code: 97760', '    units: 2', '    minutes: 20', '  - code: 97535', '    units: 1', '    minutes: 20', '  - code: 97545', '    units: 1']));
    assert.deepEqual(
      s.lines.map((l) => l.timed),
      [true, true, false],
    );
    assert.equal(s.expectedTimedUnits, 3);
    assert.equal(unitsArithmetic(s), '97760 20 min + 97535 20 min = 40 timed minutes → 3 units');
    for (const c of ['97113', '97124', '97542', '97129', '97130']) assert.equal(summaryOf(note([`  - code: ${c}`, '    units: 1', '    minutes: 10'])).timedLines.length, 1, c);
  });

  it('a lone timed line without minutes counts Direct contact minutes (v2 item 9); two lines do not', () => {
    const one = summaryOf(note(['  - code: 97760', '    units: 2'], { time: ['Direct contact: 27 minutes one-on-one'] }));
    assert.deepEqual(one.timedMinutes && [one.timedMinutes.minutes, one.timedMinutes.source], [27, 'direct-contact']);
    assert.equal(one.expectedTimedUnits, 2);
    assert.equal(unitsArithmetic(one), '97760’s 27 minutes of Direct contact → 2 units');
    const two = summaryOf(note(['  - code: 97760', '    units: 2', '  - code: 97110', '    units: 1', '    minutes: 10'], { time: ['Direct contact: 37 minutes'] }));
    assert.equal(two.timedMinutes, undefined);
  });

  it('an unknown charge code: no expected units, and the arithmetic says why', () => {
    const s = summaryOf(note(['  - code: 97110', '    units: 2', '    minutes: 31', '  - code: 97139', '    units: 1', '    minutes: 10']));
    assert.deepEqual(
      s.unknownCodes.map((c) => c.code),
      ['97139'],
    );
    assert.equal(s.expectedTimedUnits, undefined);
    assert.equal(s.arithmetic, 'units not checked: unknown code 97139');
    const findings = lintText(note(['  - code: 97110', '    modifiers: [GP]', '    units: 9', '    minutes: 31', '  - code: 97139', '    modifiers: [GP]', '    units: 1'])).findings;
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'units-not-matching-minutes').map((f) => f.severity),
      ['info'],
    );
  });

  it('the units fix is safe when the minutes decide every line (Medicare, no tie); a choice otherwise', () => {
    const kinds = (charges: string[], fm: string[] = []) =>
      lintText(note(charges, { fm }))
        .findings.filter((f) => f.ruleId === 'units-not-matching-minutes')
        .map((f) => f.fixes[0]?.kind);
    const two = ['  - code: 97110', '    modifiers: [GP]', '    units: 1', '    minutes: 33', '  - code: 97140', '    modifiers: [GP]', '    units: 1', '    minutes: 7'];
    assert.deepEqual(kinds(two), ['safe']);
    assert.deepEqual(kinds(two, ['payer: commercial']), ['choice']);
    const tie = ['  - code: 97110', '    modifiers: [GP]', '    units: 2', '    minutes: 10', '  - code: 97140', '    modifiers: [GP]', '    units: 0', '    minutes: 10'];
    assert.deepEqual(kinds(tie), ['choice']);
    const missing = ['  - code: 97760', '    modifiers: [GP]', '    minutes: 31'];
    assert.deepEqual(kinds(missing), ['safe']);
  });
});

describe('assistantUnits (CMS’s CQ/CO unit method, rules.md v2 item 2)', () => {
  const cq = (units: number, minutes: number, assistant: number, timed = true) => assistantUnits(units, minutes, assistant, timed)?.withModifier;

  it('a service the assistant furnished in whole: every unit', () => {
    assert.equal(cq(2, 31, 31), 2);
    assert.equal(cq(1, 8, 8), 1);
  });

  it('CMS scenario: assistant 23 min + therapist 13 min of 97110 (2 units): one unit with CQ, one without', () => {
    assert.deepEqual(assistantUnits(2, 36, 23, true), {
      withModifier: 1,
      without: 1,
      assistantFullUnits: 1,
      therapistFullUnits: 0,
      finalUnits: { assistantMinutes: 8, therapistMinutes: 13, therapist: 1, assistant: 0, deMinimis: 0 },
    });
  });

  it('the final unit: the therapist’s own 8 minutes bill it without CQ; else the assistant’s share over 10 % of 15 minutes takes CQ', () => {
    assert.equal(cq(1, 20, 10), 0); // therapist 10 ≥ 8
    assert.equal(cq(1, 10, 5), 1); // therapist 5 < 8, assistant 5 > 1.5
    assert.equal(cq(3, 40, 20), 2); // one full unit each; final 5 + 5: the assistant's
    assert.equal(cq(2, 28, 14), 1); // two final units: one each
    assert.equal(cq(2, 23, 3), 1); // therapist 15 + 5, assistant 3: the final unit is in part the assistant's
  });

  it('de minimis: 10 % of a unit or less is the therapist’s', () => {
    assert.equal(cq(2, 31, 1), 0);
    assert.equal(cq(1, 8, 1), 0);
    assert.equal(cq(1, 9, 2), 1);
  });

  it('untimed services: more than 10 % of the service’s minutes', () => {
    assert.equal(cq(1, 30, 3, false), 0);
    assert.equal(cq(1, 30, 4, false), 1);
  });

  it('names its sources, each listed in knowledge/sources.ts (and so in docs/sources.md)', () => {
    assert.ok(ASSISTANT_UNITS_SOURCES.includes('SRC-CMS-CQCO-EXAMPLES'));
    for (const id of ASSISTANT_UNITS_SOURCES) sourceInfo(id);
  });

  it('numbers that do not fit together give no answer', () => {
    assert.equal(assistantUnits(2, 20, 25, true), undefined); // assistant minutes above the minutes
    assert.equal(assistantUnits(0, 40, 20, true), undefined); // units below the full units
    assert.equal(assistantUnits(6, 40, 20, true), undefined); // more units than the minutes reach
  });
});
