/**
 * From template to signed note, in the engine: the items left to fill (what "next item" moves
 * through), the checklist of required elements with the claim, and the finalize check.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  applyEdits,
  defaultConfig,
  finalizeCheck,
  lintText,
  noteChecklist,
  noteFromTemplate,
  noteItems,
  parseNote,
  templateSnippet,
  type Checklist,
  type ResolvedConfig,
} from '../../server/src/engine';
import { expandSnippet } from './snippets.test';
import { REPO_ROOT } from '../helpers/paths';

const read = (p: string) => fs.readFileSync(path.join(REPO_ROOT, p), 'utf8');
const FILL = (JSON.parse(read('test/e2e/template-fill.json')) as { fill: [string, string][] }).fill.map(([re, v]) => [new RegExp(re, 'i'), v] as const);

/** The PT template as a new note makes it: `status: draft`. */
function draft(): string {
  const text = read('templates/97760-pt.tnote');
  assert.match(text, /^status: template$/m);
  return text.replace(/^status: template$/m, 'status: draft');
}

function valueFor(label: string): string {
  const hit = FILL.find(([re]) => re.test(label));
  assert.ok(hit, `test/e2e/template-fill.json has no value for the placeholder label "${label}"`);
  return hit[1];
}

/** Every placeholder replaced by its value from template-fill.json. */
function filled(text: string): string {
  const note = parseNote(text);
  return applyEdits(
    text,
    note.placeholders.map((p) => ({ start: p.start, end: p.end, newText: valueFor(p.label) })),
  ).text;
}

function check(text: string, config: ResolvedConfig = defaultConfig()): { checklist: Checklist; items: ReturnType<typeof noteItems> } {
  const r = lintText(text, config);
  return { checklist: noteChecklist(r.note, r.findings, r.profile, config), items: noteItems(r.note, r.findings) };
}

const states = (c: Checklist) => Object.fromEntries(c.elements.map((e) => [e.id, e.state]));

describe('draft workflow: items left', () => {
  it('a draft from the PT template: each placeholder is one item, in reading order, and a field finding selects its placeholder', () => {
    const text = draft();
    const r = lintText(text);
    const items = noteItems(r.note, r.findings);
    assert.equal(items.length, r.note.placeholders.length);
    assert.ok(items.every((i) => i.kind === 'placeholder'));
    for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].range.start < items[i].range.start, 'sorted by position');
    // The selection is the placeholder, whole: typing over it replaces `{{…}}` and nothing else.
    for (const i of items) assert.match(text.slice(i.range.start, i.range.end), /^(?:\{\{[^{}]*\}\}|\$\{[^}]*\})$/);
    // The Safety field: one item (not two), on its placeholder, with the element's message.
    const safety = items.find((i) => i.label.startsWith('skin checks'))!;
    assert.deepEqual(safety.rules, ['missing-instruction-elements']);
    assert.match(safety.message, /^To do: 97760 note has no safety instruction/);
    // A bare placeholder (not an element of its own) carries the draft's wording.
    const understanding = items.find((i) => i.label.startsWith('teach-back'))!;
    assert.deepEqual(understanding.rules, ['unresolved-placeholder']);
    assert.equal(understanding.message, 'To do: fill in `teach-back by patient or caregiver`.');
  });

  it('a missing element with no placeholder is an item at the finding (several findings at one place are one item)', () => {
    const text = read('examples/pt-afo-clean.tnote').replace(/\n## Instruction\n[\s\S]*?\n## /, '\n## ');
    const r = lintText(text);
    const items = noteItems(r.note, r.findings);
    assert.equal(items.length, 1, items.map((i) => i.message).join(' | '));
    assert.equal(items[0].kind, 'todo');
    assert.deepEqual(items[0].range, r.note.anchor);
    assert.equal(items[0].message.split('\n').length, 3, 'use, care and safety in one item');
  });

  it('correctness findings are not items; a filled note has none', () => {
    const r = lintText(read('examples/pt-afo-flawed.tnote'));
    const items = noteItems(r.note, r.findings);
    assert.ok(r.findings.some((f) => f.kind === 'correctness'));
    assert.deepEqual(
      items.flatMap((i) => i.rules),
      ['missing-instruction-elements'],
    );
    assert.deepEqual(noteItems(lintText(filled(draft())).note, lintText(filled(draft())).findings), []);
  });
});

describe('draft workflow: checklist', () => {
  it('a draft from the PT template: every element of a 97760 note is to do, and the claim shows no raw placeholder', () => {
    const { checklist } = check(draft());
    assert.equal(checklist.title, '97760 note');
    assert.equal(checklist.status, 'draft');
    assert.deepEqual(Object.keys(states(checklist)), [
      'date-of-service',
      'device',
      'region',
      'diagnosis',
      'necessity',
      'instruction-use',
      'instruction-care',
      'instruction-safety',
      'functional-training',
      'assessment-date',
      'assessment-fit',
      'assessment-goals',
      'direct-contact',
      'timed-minutes',
      'treatment-time',
      'signature',
    ]);
    assert.ok(
      checklist.elements.every((e) => e.state === 'todo'),
      JSON.stringify(states(checklist)),
    );
    // Each element leads to a placeholder to type over.
    assert.ok(checklist.elements.every((e) => e.target?.placeholder));
    assert.deepEqual(
      checklist.claim.map((c) => c.label),
      [
        '97760-GP × units: to fill (minutes: to fill)',
        'L-code: to fill (modifiers: to fill) × 1 unit',
        'Diagnoses: ICD-10-CM code: to fill',
        'Total timed minutes: to fill',
        'Total treatment time: to fill',
      ],
    );
    assert.ok(checklist.claim.every((c) => !/\{\{|\$\{/.test(c.label)));
  });

  it('the filled note: every element done, and the claim with units, minutes and the 8-minute-rule arithmetic', () => {
    const { checklist } = check(filled(draft()));
    assert.ok(
      checklist.elements.every((e) => e.state === 'done'),
      JSON.stringify(states(checklist)),
    );
    assert.deepEqual(
      checklist.claim.map((c) => `${c.state} ${c.label}`),
      [
        'ok 97760-GP × 2 units (32 min)',
        'ok L1971-RT × 1 unit',
        'ok Diagnoses: M21.371',
        'ok Total timed minutes: 32',
        'ok 8-minute rule: 32 timed min → 2 units (as billed)',
        'ok Total treatment time: 32 min',
      ],
    );
  });

  it('wrong and to-do elements come from the element rules and their parts', () => {
    const { checklist } = check(read('examples/pt-afo-flawed.tnote'));
    const s = states(checklist);
    assert.equal(s['instruction-safety'], 'todo');
    assert.equal(s['instruction-use'], 'done');
    assert.equal(s['assessment-date'], 'wrong', 'assessment-date-after-service');
    const safety = checklist.elements.find((e) => e.id === 'instruction-safety')!;
    assert.match(safety.messages[0], /no safety instruction/);
    const units = checklist.claim.find((c) => c.kind === 'units')!;
    assert.equal(units.state, 'wrong');
    assert.match(units.label, /→ 2 units \(billed: 1 unit\)$/);
  });

  it('a 97763 note lists the §H elements, one per part of missing-subsequent-elements', () => {
    const text = read('examples/pt-97763-followup-clean.tnote');
    const { checklist } = check(text);
    assert.equal(checklist.title, '97763 note');
    assert.deepEqual(
      checklist.elements.map((e) => e.id).filter((id) => id.startsWith('subsequent-')),
      ['subsequent-device', 'subsequent-reason', 'subsequent-training', 'subsequent-response', 'subsequent-checked', 'subsequent-time'],
    );
    assert.ok(
      checklist.elements.every((e) => e.state === 'done'),
      JSON.stringify(states(checklist)),
    );
    const noResponse = check(text.replace(/^Response:.*\n/m, '')).checklist;
    assert.equal(states(noResponse)['subsequent-response'], 'todo');
    assert.equal(states(noResponse)['subsequent-training'], 'done');
  });

  it('leaves out an element whose rule is off', () => {
    const config = { ...defaultConfig(), rules: { 'missing-instruction-elements': 'off' as const } };
    const { checklist } = check(draft(), config);
    assert.ok(!checklist.elements.some((e) => e.id.startsWith('instruction-')));
    assert.ok(checklist.elements.some((e) => e.id === 'device'));
  });
});

describe('draft workflow: finalize', () => {
  it('the unfilled draft is not ready: it lists the errors and warnings it would have as a final note', () => {
    const text = draft();
    const r = finalizeCheck(text, defaultConfig(), { date: '2026-11-21' });
    assert.equal(r.ready, false);
    assert.equal(r.status, 'draft');
    assert.equal(r.statusEdit, undefined);
    assert.ok(r.remaining.length > 10);
    assert.ok(r.remaining.every((f) => f.severity === 'error' || f.severity === 'warning'));
    assert.ok(r.remaining.some((f) => f.ruleId === 'missing-instruction-elements' && f.severity === 'warning'));
    // As a draft the same note has no error or warning at all.
    assert.deepEqual(
      lintText(text).findings.filter((f) => f.severity !== 'info'),
      [],
    );
  });

  it('the filled draft is ready: the edit sets status: final, and the final note has no finding', () => {
    const text = filled(draft());
    const r = finalizeCheck(text, defaultConfig());
    assert.deepEqual(
      r.remaining.map((f) => f.ruleId),
      [],
    );
    assert.ok(r.ready && r.statusEdit);
    const final = applyEdits(text, [r.statusEdit]).text;
    assert.match(final, /^---\nstatus: final\npatient:/);
    assert.deepEqual(lintText(final).findings, []);
    assert.equal(r.signatureDateEdit, undefined, 'no date given: no offer');
  });

  it('offers to date a Signed line that has none, and never writes a signer', () => {
    const text = filled(draft()).replace(/^Signed: (.*) — 2026-11-20$/m, 'Signed: $1');
    const r = finalizeCheck(text, defaultConfig(), { date: '2026-11-21' });
    assert.ok(r.ready);
    assert.ok(r.signatureDateEdit);
    const dated = applyEdits(text, [r.signatureDateEdit]).text;
    assert.match(dated, /^Signed: Alex Rivera, PT, DPT — 2026-11-21$/m);
    assert.equal(finalizeCheck(dated, defaultConfig(), { date: '2026-11-21' }).signatureDateEdit, undefined);
    // "Name —" with the dash already written: only the date is added.
    const dash = text.replace(/^Signed: (.*)$/m, 'Signed: $1 —');
    assert.match(applyEdits(dash, [finalizeCheck(dash, defaultConfig(), { date: '2026-11-21' }).signatureDateEdit!]).text, /^Signed: Alex Rivera, PT, DPT — 2026-11-21$/m);
    // An unsigned note gets no date: signing is the writer's.
    const unsigned = text.replace(/^Signed: .*$/m, 'Signed: {{therapist name, credentials}}');
    const u = finalizeCheck(unsigned, defaultConfig(), { date: '2026-11-21' });
    assert.equal(u.signatureDateEdit, undefined);
    assert.equal(u.ready, false);
  });

  it('a note without status gets status: final as its first key; cross-note findings count', () => {
    const text = read('examples/pt-afo-clean.tnote');
    const r = finalizeCheck(text, defaultConfig());
    assert.ok(r.ready);
    assert.match(applyEdits(text, [r.statusEdit!]).text, /^---\nstatus: final\npatient: MRN-004318\n/);
    const extra = { ruleId: 'repeat-initial-encounter', severity: 'warning' as const, kind: 'correctness' as const, message: 'x', range: { start: 0, end: 3 }, fixes: [] };
    assert.equal(finalizeCheck(text, defaultConfig(), { extraFindings: [extra] }).ready, false);
  });
});

describe('draft workflow: a new note from a template', () => {
  const templates = fs.readdirSync(path.join(REPO_ROOT, 'templates')).filter((n) => n.endsWith('.tnote'));

  for (const name of templates) {
    it(`${name}: the new note is a draft, and its snippet expands to the same text with one tab stop per placeholder`, () => {
      const template = read(`templates/${name}`);
      const text = noteFromTemplate(template);
      assert.equal(text, template.replace(/^status: template$/m, 'status: draft'));
      const snippet = templateSnippet(template);
      assert.equal(
        expandSnippet(snippet, (o) => o[0]),
        text,
        'Escape right away leaves the placeholders as they are',
      );
      const stops = [...snippet.matchAll(/\$\{(\d+):/g)].map((m) => Number(m[1]));
      const note = parseNote(text);
      assert.deepEqual(
        stops,
        note.placeholders.map((_, i) => i + 1),
      );
      assert.ok(snippet.endsWith('$0'));
      // As a draft it has nothing but "to do" items.
      assert.deepEqual(
        lintText(text)
          .findings.filter((f) => f.severity !== 'info')
          .map((f) => f.ruleId),
        [],
      );
    });
  }

  it('placeholders in comments stay text; a template without status gets status: draft; a draft is left as it is', () => {
    const t = '---\npatient: "{{MRN}}"\n---\n<!-- write {{x}} and ${y} here -->\n## Plan\nCost: $5 {braces}\n';
    const snippet = templateSnippet(t);
    assert.equal(snippet, '---\nstatus: draft\npatient: "${1:{{MRN\\}\\}}"\n---\n<!-- write {{x\\}\\} and \\${y\\} here -->\n## Plan\nCost: \\$5 {braces\\}\n$0');
    assert.equal(
      expandSnippet(snippet, (o) => o[0]),
      noteFromTemplate(t),
    );
    const d = '---\nstatus: draft\npatient: x\n---\n';
    assert.equal(noteFromTemplate(d), d);
  });
});
