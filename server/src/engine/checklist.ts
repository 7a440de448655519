/**
 * The live checklist of a note: the documentation elements its codes require, each done, to do or
 * wrong, and the claim as it would be billed.
 *
 * Nothing here decides whether an element is documented: the element rules do. Each element names
 * the completeness rule (and, for rules that report one finding per part, the part: `Finding.part`)
 * that reports it missing, and where the parse tree holds it (the fields, front-matter values or
 * section that document it). Its state is then read from the note's findings:
 * - `wrong`: a correctness finding about it (one of the element's own correctness rules, or any
 *   correctness finding on the place it is written), or its own finding with the correctness kind;
 * - `todo`: its completeness finding, or a placeholder still standing where it is written;
 * - `done`: neither.
 * An element whose rules are all off for the note (configuration) is left out: nobody checks it.
 *
 * Which elements a note needs comes from its billed codes, with the rules' own helpers:
 * 97760/97761 (rules.md §B and §H) the device, region, necessity, instruction in use, care and
 * safety, functional training, assessment date, fit and goals, direct contact; 97763 (§H) the
 * device, the reason for the visit, the training given, the response, what was checked, the time;
 * every note its date of service and signature; notes billing timed codes their timed minutes and
 * total treatment time.
 */
import { billingSummary, type BillingLine, type UnitsMethod } from './billing';
import { unitsMethodFor, type ResolvedConfig } from './config/types';
import { effectiveSeverity } from './lint';
import type { Field, Section } from './parse/body';
import type { FmValue } from './parse/frontMatter';
import type { Note } from './parse/note';
import type { SectionId } from './parse/vocabulary';
import { initialDeviceNote, type InitialDeviceNote } from './rules/devices';
import { ruleById } from './rules/registry';
import { chargesWithCode } from './rules/shared';
import { noteStatus } from './status';
import type { Finding, NoteStatus, Profile, Range } from './types';

export type ElementState = 'done' | 'todo' | 'wrong';

/** Where the editor takes the writer: a placeholder (selected whole) or a place in the note. */
export interface ChecklistTarget {
  range: Range;
  placeholder: boolean;
}

export interface ChecklistElement {
  /** Stable id, e.g. `instruction-safety`. */
  id: string;
  /** The section it belongs to, for grouping ("Instruction"). */
  group: string;
  /** What it is, in the clinician's words ("Safety instruction"). */
  label: string;
  state: ElementState;
  /** What is missing or wrong (the findings' messages); empty when done. */
  messages: string[];
  /** Where to go: what is missing or wrong, else where the element is written. Absent when it is nowhere. */
  target?: ChecklistTarget;
}

/** One row of the claim: a charge line, the diagnoses, the minutes or the unit arithmetic. */
export interface ClaimRow {
  /** `line`, `diagnoses`, `timed`, `treatment`, `units`. */
  kind: 'line' | 'diagnoses' | 'timed' | 'treatment' | 'units';
  /** "97760-GP × 2 units (31 min)", "L-code: to fill × 1 unit", "Diagnoses: M21.371". */
  label: string;
  /** `to-fill` while a placeholder stands in it; `wrong` when a correctness finding is on it. */
  state: 'ok' | 'to-fill' | 'wrong';
  target?: ChecklistTarget;
}

export interface Checklist {
  status: NoteStatus;
  /** What the note is, by its billed codes: "97760 note", "97763 note", "Therapy note". */
  title: string;
  elements: ChecklistElement[];
  /** The claim as it would be billed (engine/billing.ts); empty without charge lines. */
  claim: ClaimRow[];
  /** False while the front matter has a YAML error: the claim cannot be read. */
  claimReadable: boolean;
}

// ---------------------------------------------------------------------------------------------
// The elements

interface ElementSpec {
  id: string;
  group: string;
  label: string;
  /** The completeness rule that reports the element missing, and the part when it reports several. */
  rule: string;
  part?: string;
  /** Further rules reporting the element missing or wrong, wherever they report. */
  alsoRules?: string[];
  /** Where the element is written (fields, values, a section); empty when it is not written. */
  where: (note: Note) => Range[];
}

function sectionsOf(note: Note, id: SectionId): Section[] {
  return note.sections.filter((s) => s.spec?.id === id);
}

function fieldsOf(note: Note, section: SectionId, ...fieldIds: string[]): Field[] {
  return sectionsOf(note, section).flatMap((s) => s.fields.filter((f) => !!f.spec && fieldIds.includes(f.spec.id)));
}

/** The fields' ranges; without such fields, the sections' headings (where their finding would point). */
function fieldsOrSection(note: Note, section: SectionId, ...fieldIds: string[]): Range[] {
  const fields = fieldsOf(note, section, ...fieldIds);
  return fields.length ? fields.map((f) => f.range) : sectionsOf(note, section).map((s) => s.headingRange);
}

function fmValue(note: Note, key: string): Range[] {
  const v = note.facts.entries.get(key);
  return v ? [v.range] : [];
}

function chargeValues(note: Note, codes: readonly string[], pick: (c: ReturnType<typeof chargesWithCode>[number]) => FmValue | undefined): Range[] {
  return chargesWithCode(note, ...codes)
    .map(pick)
    .filter((v): v is FmValue => !!v)
    .map((v) => v.range);
}

const DATE_OF_SERVICE: ElementSpec = { id: 'date-of-service', group: 'Visit', label: 'Date of service', rule: 'missing-date-of-service', where: (n) => fmValue(n, 'date') };

const SIGNATURE: ElementSpec = {
  id: 'signature',
  group: 'Signature',
  label: 'Signature with credentials',
  rule: 'missing-signature-credentials',
  alsoRules: ['signature-before-service'],
  where: (n) => fieldsOrSection(n, 'signature', 'signed', 'co-signed', 'supervision'),
};

function initialElements(ctx: InitialDeviceNote): ElementSpec[] {
  const noun = ctx.noun === 'orthosis or prosthesis' ? 'device' : ctx.noun;
  return [
    DATE_OF_SERVICE,
    { id: 'device', group: 'Device', label: `${cap(noun)} named (type)`, rule: 'device-not-identified', where: (n) => fieldsOrSection(n, 'device', 'type') },
    {
      id: 'region',
      group: 'Device',
      label: 'Body region',
      rule: 'missing-body-region',
      alsoRules: ['region-conflict'],
      where: (n) => [...fieldsOf(n, 'device', 'region').map((f) => f.range), ...chargeValues(n, ctx.codes, (c) => c.region)],
    },
    {
      id: 'diagnosis',
      group: 'Medical Necessity',
      label: `Diagnosis supporting the ${noun}`,
      rule: 'no-supporting-diagnosis',
      where: (n) => [...fmValue(n, 'diagnoses'), ...fieldsOf(n, 'medical-necessity', 'diagnosis').map((f) => f.range)],
    },
    { id: 'necessity', group: 'Medical Necessity', label: 'Medical necessity (rationale)', rule: 'missing-medical-necessity', where: (n) => fieldsOrSection(n, 'medical-necessity', 'rationale') },
    {
      id: 'instruction-use',
      group: 'Instruction',
      label: 'Instruction in use (donning, doffing, schedule)',
      rule: 'missing-instruction-elements',
      part: 'use',
      where: (n) => fieldsOf(n, 'instruction', 'use').map((f) => f.range),
    },
    {
      id: 'instruction-care',
      group: 'Instruction',
      label: 'Care instruction',
      rule: 'missing-instruction-elements',
      part: 'care',
      where: (n) => fieldsOf(n, 'instruction', 'care').map((f) => f.range),
    },
    {
      id: 'instruction-safety',
      group: 'Instruction',
      label: 'Safety instruction',
      rule: 'missing-instruction-elements',
      part: 'safety',
      where: (n) => fieldsOf(n, 'instruction', 'safety').map((f) => f.range),
    },
    {
      id: 'functional-training',
      group: 'Functional Training',
      label: `Functional training with the ${noun}`,
      rule: 'missing-functional-training',
      alsoRules: ['fitting-only-no-training'],
      where: (n) => fieldsOrSection(n, 'functional-training', 'activity'),
    },
    {
      id: 'assessment-date',
      group: 'Assessment',
      label: 'Assessment date',
      rule: 'missing-assessment-elements',
      part: 'assessment-date',
      alsoRules: ['assessment-date-after-service'],
      where: (n) => fieldsOf(n, 'assessment', 'assessment-date').map((f) => f.range),
    },
    { id: 'assessment-fit', group: 'Assessment', label: 'Fit check', rule: 'missing-assessment-elements', part: 'fitting', where: (n) => fieldsOf(n, 'assessment', 'fitting').map((f) => f.range) },
    { id: 'assessment-goals', group: 'Assessment', label: 'Goals', rule: 'missing-assessment-elements', part: 'goals', where: (n) => fieldsOf(n, 'assessment', 'goals').map((f) => f.range) },
    {
      id: 'direct-contact',
      group: 'Time',
      label: 'Direct one-on-one contact (minutes)',
      rule: 'missing-direct-contact',
      alsoRules: ['direct-contact-below-billed'],
      where: (n) => fieldsOrSection(n, 'time', 'direct-contact'),
    },
  ];
}

/** 97763 (rules.md §H): one element per part of missing-subsequent-elements. */
function subsequentElements(): ElementSpec[] {
  const part = (id: string, group: string, label: string, where: ElementSpec['where']): ElementSpec => ({ id: `subsequent-${id}`, group, label, rule: 'missing-subsequent-elements', part: id, where });
  return [
    DATE_OF_SERVICE,
    part('device', 'Device', 'Device managed today (type)', (n) => fieldsOrSection(n, 'device', 'type')),
    part('reason', 'Medical Necessity', 'Reason for this visit', (n) => fieldsOrSection(n, 'medical-necessity', 'rationale')),
    part('training', 'Functional Training', 'Training or instruction given', (n) => [...sectionsOf(n, 'functional-training'), ...sectionsOf(n, 'instruction')].map((s) => s.range)),
    part('response', 'Functional Training', 'Patient response', (n) => [...fieldsOf(n, 'functional-training', 'response'), ...fieldsOf(n, 'instruction', 'response')].map((f) => f.range)),
    part('checked', 'Assessment', 'What was checked or adjusted', (n) => fieldsOrSection(n, 'assessment', 'fitting')),
    part('time', 'Time', 'Time record', (n) => sectionsOf(n, 'time').map((s) => s.range)),
  ];
}

/** Timed codes billed: their minutes and the visit's total treatment time (rules.md §E). */
function timeElements(note: Note): ElementSpec[] {
  const summary = billingSummary(note);
  if (summary.timedLines.length === 0) return [];
  return [
    {
      id: 'timed-minutes',
      group: 'Time',
      label: 'Timed minutes',
      rule: 'missing-total-timed-minutes',
      where: (n) => [...summary.timedLines.map((l) => l.charge.minutes?.range).filter((r): r is Range => !!r), ...fieldsOf(n, 'time', 'timed-minutes').map((f) => f.range)],
    },
    {
      id: 'treatment-time',
      group: 'Time',
      label: 'Total treatment time',
      rule: 'missing-total-treatment-time',
      alsoRules: ['treatment-time-below-timed', 'total-time-mismatch'],
      where: (n) => [...fmValue(n, 'total_treatment_minutes'), ...fieldsOf(n, 'time', 'total-treatment-time').map((f) => f.range)],
    },
  ];
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The element specs a note's codes call for, in reading order of a note made from the templates. */
function elementSpecs(note: Note): ElementSpec[] {
  const initial = initialDeviceNote(note);
  const specs: ElementSpec[] = initial ? initialElements(initial) : chargesWithCode(note, '97763').length ? subsequentElements() : [DATE_OF_SERVICE];
  specs.push(...timeElements(note));
  // Each spec once (DATE_OF_SERVICE is shared).
  const seen = new Set<string>();
  const out = specs.filter((s) => !seen.has(s.id) && !!seen.add(s.id));
  out.push(SIGNATURE);
  return out;
}

// ---------------------------------------------------------------------------------------------
// States

function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

function inside(inner: Range, outer: Range): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** The first placeholder within `range`, or the range itself. */
function targetIn(note: Note, range: Range): ChecklistTarget {
  const p = note.placeholders.find((x) => inside(x, range));
  return p ? { range: { start: p.start, end: p.end }, placeholder: true } : { range: { start: range.start, end: range.end }, placeholder: false };
}

function isOn(rule: string, profile: Profile, config: ResolvedConfig): boolean {
  const meta = ruleById(rule);
  return !!meta && effectiveSeverity(meta, profile, config) !== undefined;
}

function elementOf(spec: ElementSpec, note: Note, findings: readonly Finding[]): ChecklistElement {
  const where = spec.where(note);
  const own = findings.filter((f) => (f.ruleId === spec.rule && (spec.part === undefined || f.part === spec.part)) || spec.alsoRules?.includes(f.ruleId));
  const onIt = findings.filter((f) => f.kind === 'correctness' && !own.includes(f) && where.some((w) => overlaps(w, f.range)));
  const wrong = [...own.filter((f) => f.kind === 'correctness'), ...onIt];
  const missing = own.filter((f) => f.kind === 'completeness');
  const placeholders = note.placeholders.filter((p) => where.some((w) => inside(p, w)));
  const state: ElementState = wrong.length ? 'wrong' : missing.length || placeholders.length ? 'todo' : 'done';
  const about = state === 'wrong' ? wrong : missing;
  const messages = about.map((f) => f.message.replace(/^To do: /, ''));
  if (state === 'todo' && messages.length === 0) messages.push(`Fill in ${placeholders.map((p) => `\`${p.label.trim()}\``).join(', ')}.`);
  const first = about.map((f) => f.range).sort((a, b) => a.start - b.start)[0];
  // A finding on a field holding a placeholder goes to the placeholder; a placeholder alone likewise.
  const target = first ? targetIn(note, first) : placeholders[0] ? targetIn(note, placeholders[0]) : where[0] ? targetIn(note, where[0]) : undefined;
  return { id: spec.id, group: spec.group, label: spec.label, state, messages, target };
}

// ---------------------------------------------------------------------------------------------
// The claim

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function rowState(findings: readonly Finding[], range: Range | undefined, toFill: boolean): ClaimRow['state'] {
  if (range && findings.some((f) => f.kind === 'correctness' && overlaps(f.range, range))) return 'wrong';
  return toFill ? 'to-fill' : 'ok';
}

function lineRow(note: Note, findings: readonly Finding[], l: BillingLine): ClaimRow {
  let label = l.label;
  if (l.timed) {
    if (l.minutes.state === 'value') label += ` (${l.minutes.value} min)`;
    else if (l.minutes.state === 'to-fill') label += ' (minutes: to fill)';
  }
  const toFill = l.code.state === 'to-fill' || l.units.state === 'to-fill' || l.minutes.state === 'to-fill' || l.modifiersToFill;
  return { kind: 'line', label, state: rowState(findings, l.range, toFill), target: targetIn(note, l.range) };
}

function claimRows(note: Note, findings: readonly Finding[], method: UnitsMethod): ClaimRow[] {
  const s = billingSummary(note, method);
  if (!s.readable || s.lines.length === 0) return [];
  const rows = s.lines.map((l) => lineRow(note, findings, l));
  const dx = note.facts.diagnosesValue;
  if (s.diagnoses.length > 0 || dx) {
    const shown = s.diagnoses.map((d) => (d.state === 'value' ? d.value : d.state === 'to-fill' ? `${d.label}: to fill` : '?'));
    const toFill = s.diagnoses.some((d) => d.state === 'to-fill');
    rows.push({
      kind: 'diagnoses',
      label: shown.length ? `Diagnoses: ${shown.join(', ')}` : 'Diagnoses: none',
      state: rowState(findings, dx?.range, toFill),
      target: dx ? targetIn(note, dx.range) : undefined,
    });
  }
  if (s.timedLines.length > 0) {
    const t = s.timedMinutes;
    rows.push({
      kind: 'timed',
      label: t ? `Total timed minutes: ${t.minutes}${t.source === 'field' ? ' (Time section)' : ''}` : s.timedMinutesToFill ? 'Total timed minutes: to fill' : 'Total timed minutes: unknown',
      state: t ? 'ok' : 'to-fill',
      target: t?.field ? targetIn(note, t.field.range) : undefined,
    });
    if (s.arithmetic && s.expectedTimedUnits !== undefined) {
      const billed = s.billedTimedUnits;
      const agrees = billed === undefined || billed === s.expectedTimedUnits;
      rows.push({
        kind: 'units',
        label: `8-minute rule: ${s.arithmetic}${billed === undefined ? '' : agrees ? ' (as billed)' : ` (billed: ${plural(billed, 'unit')})`}`,
        state: agrees ? (billed === undefined ? 'to-fill' : 'ok') : 'wrong',
      });
    }
  }
  const treatment = s.treatmentMinutes;
  const fmTreatment = note.facts.entries.get('total_treatment_minutes');
  if (treatment || fmTreatment || s.timedLines.length > 0) {
    const toFill = !treatment && !!fmTreatment?.placeholder;
    rows.push({
      kind: 'treatment',
      label: treatment ? `Total treatment time: ${treatment.minutes} min` : toFill ? 'Total treatment time: to fill' : 'Total treatment time: not recorded',
      state: rowState(findings, treatment?.range ?? fmTreatment?.range, !treatment),
      target: treatment ? targetIn(note, treatment.range) : fmTreatment ? targetIn(note, fmTreatment.range) : undefined,
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------

/** "97760 note", "97760/97761 note", "97763 note"; else the first billed CPT code's; else "Therapy note". */
export function noteTitle(note: Note): string {
  const initial = initialDeviceNote(note);
  if (initial) return `${initial.label} note`;
  if (chargesWithCode(note, '97763').length) return '97763 note';
  const cpt = note.facts.charges.map((c) => c.code).find((c): c is string => !!c && /^\d{5}$/.test(c));
  return cpt ? `${cpt} note` : 'Therapy note';
}

/**
 * The checklist of a note from its lint result: `findings` after its status was applied (plus any
 * cross-note findings), `profile` and `config` as it was checked with.
 */
export function noteChecklist(note: Note, findings: readonly Finding[], profile: Profile, config: ResolvedConfig): Checklist {
  const specs = elementSpecs(note).filter((s) => isOn(s.rule, profile, config));
  return {
    status: noteStatus(note),
    title: noteTitle(note),
    elements: specs.map((s) => elementOf(s, note, findings)),
    // The payer's units method, as the unit rules count (rules.md v2 item 3).
    claim: claimRows(note, findings, unitsMethodFor(profile, config)),
    claimReadable: billingSummary(note).readable,
  };
}
