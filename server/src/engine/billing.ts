/**
 * The billing summary of a note: what the claim would carry, computed once, the way the time and
 * units rules count it (rules.md §E, domain-97760.md §2–§3). The rules, the editor's code lens,
 * hover and status bar, and the checklist all read this module, so they cannot disagree.
 *
 * - Timed charge lines: charges whose code is a 15-minute timed code (knowledge/cpt.ts
 *   `isTimedCode`). Untimed codes (evaluations) and device codes are never part of timed minutes.
 * - Minutes on a line: a whole number, or text such as `31 min` (invalid-field-value asks for the
 *   bare number, but the arithmetic counts what is plainly meant).
 * - Total timed minutes: the sum of the timed lines' `minutes` when every timed line has a number
 *   there; else the Time section's `Timed minutes` field (aliases `Total timed minutes`, `Timed
 *   code minutes`); else unknown.
 * - Total treatment time: front-matter `total_treatment_minutes`, else the Time section's
 *   `Total treatment time` field.
 * - Units from minutes: {@link timedUnits}, the one place minutes become units.
 * - Placeholders are never shown raw: a code written `{{L-code}}` is "L-code: to fill".
 */
import { isTimedCode } from './knowledge/cpt';
import { unitsForMinutes } from './knowledge/units';
import type { Field, Section } from './parse/body';
import { findPlaceholders } from './parse/comments';
import { intValue, type Charge, type Facts } from './parse/facts';
import type { FmValue } from './parse/frontMatter';
import type { Note } from './parse/note';
import type { Range } from './types';

// ---------------------------------------------------------------------------------------------
// Reading numbers

/** "31 minutes", "31 min", "31 mins", "31m" anywhere in the text. */
const NUMBER_WITH_UNIT = /(?:^|[^\d.])(\d+(?:\.\d+)?)\s*(?:minutes?|mins?|m)\b/i;
/**
 * A number at the start, optionally with a minute unit, then nothing or a space/punctuation (not a
 * date or ratio, and not followed by another unit such as hours or units).
 */
const LEADING_NUMBER = /^\s*(\d+(?:\.\d+)?)(?:\s*(?:minutes?|mins?|m))?(?=$|[\s,;(])(?!\s+(?:h|hrs?|hours?|secs?|seconds?|units?)\b)/i;

/**
 * Reads a minute count from field or front-matter text: "31 minutes", "31 min", "31". A number
 * at the start wins; otherwise the first number written with a minute unit ("about 31 min");
 * anything else is undefined.
 */
export function parseMinutes(text: string): number | undefined {
  const m = LEADING_NUMBER.exec(text) ?? NUMBER_WITH_UNIT.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Minutes in a front-matter value: a non-negative whole number, or a string such as "31 min".
 * A value that invalid-field-value rejects as a number (31.5, -3) is unknown here, so one typo
 * is reported once and not carried into the time arithmetic.
 */
export function fmMinutes(v: FmValue | undefined): number | undefined {
  if (!v || v.placeholder) return undefined;
  if (typeof v.value === 'number') return Number.isSafeInteger(v.value) && v.value >= 0 ? v.value : undefined;
  if (typeof v.value === 'string') {
    const m = parseMinutes(v.value);
    return m !== undefined && Number.isSafeInteger(m) ? m : undefined;
  }
  return undefined;
}

/** Billed units of a charge: a non-negative whole number (number or digit string); else undefined. */
export function chargeUnits(c: Charge): number | undefined {
  return intValue(c.units);
}

/** Timed minutes of a charge line (see {@link fmMinutes}). */
export function chargeMinutes(c: Charge): number | undefined {
  return fmMinutes(c.minutes);
}

/** Minutes in a filled body field (not empty/TBD/placeholder). */
export function fieldMinutes(f: Field | undefined): number | undefined {
  return f && !f.missing ? parseMinutes(f.value) : undefined;
}

function fieldOf(section: Section | undefined, id: string): Field | undefined {
  return section?.fields.find((f) => f.spec?.id === id);
}

// ---------------------------------------------------------------------------------------------
// Totals

/** Charge lines billing a 15-minute timed code, in front-matter order. */
export function timedCharges(note: Note, facts: Facts = note.facts): Charge[] {
  return facts.charges.filter((c) => c.code !== undefined && isTimedCode(c.code));
}

export interface TimedTotal {
  minutes: number;
  /** 'lines' when summed from every timed line's `minutes`; 'field' when read from `Timed minutes`. */
  source: 'lines' | 'field';
  field?: Field;
}

/** Total timed minutes (see the file header), or undefined when it cannot be known. */
export function totalTimedMinutes(note: Note, facts: Facts = note.facts): TimedTotal | undefined {
  const lines = timedCharges(note, facts);
  if (lines.length === 0) return undefined;
  const minutes = lines.map(chargeMinutes);
  if (minutes.every((m) => m !== undefined)) return { minutes: minutes.reduce((a, b) => a + b, 0), source: 'lines' };
  const f = fieldOf(note.section('time'), 'timed-minutes');
  const fromField = fieldMinutes(f);
  return fromField === undefined ? undefined : { minutes: fromField, source: 'field', field: f };
}

export interface TreatmentTotal {
  minutes: number;
  /** Where the value is written (the front-matter value or the field's value). */
  range: Range;
}

/** Total treatment time: `total_treatment_minutes`, else the `Total treatment time` field. */
export function totalTreatmentMinutes(note: Note, facts: Facts = note.facts): TreatmentTotal | undefined {
  const v = facts.entries.get('total_treatment_minutes');
  const fromFm = fmMinutes(v);
  if (v && fromFm !== undefined) return { minutes: fromFm, range: v.range };
  const f = fieldOf(note.section('time'), 'total-treatment-time');
  const fromField = fieldMinutes(f);
  if (f && fromField !== undefined) return { minutes: fromField, range: f.valueRange };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Units from minutes

/**
 * How a payer turns timed minutes into units. `cms`: the 8-minute rule on the total timed minutes
 * of the visit, split over the services by the CMS method (the default, and the only one so far;
 * a per-code method for other payers is a new case of {@link timedUnits}).
 */
export type UnitsMethod = 'cms';

export interface TimedUnits {
  /** Units the total timed minutes give (undefined when the total is unknown). */
  total?: number;
  /**
   * Per line: the units the line should carry (known for a lone line, or when every line's
   * minutes are known); the most units its own minutes can ever earn; and what its minutes give
   * on their own. Undefined where the line's minutes are unknown.
   */
  lines: { expected?: number; max?: number; alone?: number }[];
}

/**
 * The one place timed minutes become units. `totalMinutes` is the visit's timed minutes (as
 * {@link totalTimedMinutes} counts them, undefined when unknown); `lineMinutes` the minutes of
 * each timed line, in order, undefined where unknown.
 *
 * CMS: total = the 8-minute rule on the total (units = floor((minutes + 7) / 15)); a lone line
 * carries the total; several lines share it by {@link distributeUnits}; a line can never earn more
 * than one unit per started 15 minutes of its own (ceil(minutes / 15)).
 */
export function timedUnits(totalMinutes: number | undefined, lineMinutes: readonly (number | undefined)[], method: UnitsMethod = 'cms'): TimedUnits {
  switch (method) {
    case 'cms': {
      const total = totalMinutes === undefined ? undefined : unitsForMinutes(totalMinutes);
      const known = lineMinutes.every((m) => m !== undefined);
      const split = total === undefined ? undefined : lineMinutes.length === 1 ? [total] : known ? distributeUnits(lineMinutes) : undefined;
      return {
        total,
        lines: lineMinutes.map((m, i) => ({
          expected: split?.[i],
          max: m === undefined ? undefined : Math.ceil(Math.floor(m) / 15),
          alone: m === undefined ? undefined : unitsForMinutes(m),
        })),
      };
    }
  }
}

/**
 * CMS distribution of timed units over several timed services (domain-97760.md §2):
 * 1. total units = unitsForMinutes(sum of the minutes);
 * 2. each service gets one unit per full 15 minutes it received;
 * 3. the remaining units go one each to the services with the largest leftover minutes (ties:
 *    the service listed first).
 * This also covers §2 step 5: two services of 7 minutes or less that together reach 8 minutes
 * bill one unit, for the one with more minutes. Returns units per input, in input order.
 */
export function distributeUnits(minutes: readonly number[]): number[] {
  const mins = minutes.map((m) => {
    if (!Number.isFinite(m) || m < 0) throw new RangeError(`minutes must be finite and >= 0, got ${m}`);
    return Math.floor(m);
  });
  const total = unitsForMinutes(mins.reduce((a, b) => a + b, 0));
  const units = mins.map((m) => Math.floor(m / 15));
  let remaining = total - units.reduce((a, b) => a + b, 0);
  const order = mins
    .map((m, i) => ({ i, leftover: m % 15 }))
    .filter((x) => x.leftover > 0)
    .sort((a, b) => b.leftover - a.leftover || a.i - b.i);
  // At most one extra unit per service: the remainder never exceeds the services with leftovers.
  for (const { i } of order) {
    if (remaining <= 0) break;
    units[i] += 1;
    remaining -= 1;
  }
  return units;
}

// ---------------------------------------------------------------------------------------------
// The summary

/** A value as a summary shows it: a value, a placeholder still to fill, nothing, or something unreadable. */
export type Shown<T> = { state: 'value'; value: T } | { state: 'to-fill'; label: string } | { state: 'absent' } | { state: 'unreadable' };

export interface BillingLine {
  /** 0-based position in `charges`. */
  index: number;
  charge: Charge;
  /** The whole charge item. */
  range: Range;
  code: Shown<string>;
  /** Modifiers written (upper case), placeholders left out. */
  modifiers: string[];
  /** A modifier is still a placeholder. */
  modifiersToFill: boolean;
  units: Shown<number>;
  minutes: Shown<number>;
  assistantMinutes: Shown<number>;
  /** A 15-minute timed code. */
  timed: boolean;
  /** Timed lines: the units this line should carry by the units method, when known. */
  expectedUnits?: number;
  /** Timed lines: the most units its own minutes can earn. */
  maxUnits?: number;
  /** Timed lines: the units its own minutes give alone (the 8-minute rule on this line only). */
  unitsAlone?: number;
  /** "97760-GP × 2 units", "L-code: to fill × 1 unit". */
  label: string;
}

export interface BillingSummary {
  /** False while the front matter has a YAML error: nothing billed can be read (front-matter-invalid). */
  readable: boolean;
  method: UnitsMethod;
  lines: BillingLine[];
  /** The timed lines (a subset of `lines`). */
  timedLines: BillingLine[];
  /** Total timed minutes as the unit rules count them; undefined when unknown or nothing is timed. */
  timedMinutes?: TimedTotal;
  /** Some timed line's minutes are still a placeholder (and no total says otherwise). */
  timedMinutesToFill: boolean;
  /** Units billed on timed lines, when every timed line's units can be read. */
  billedTimedUnits?: number;
  /** Units the timed minutes give by the units method. */
  expectedTimedUnits?: number;
  treatmentMinutes?: TreatmentTotal;
  diagnoses: Shown<string>[];
  /** "97760-GP × 2 units · L1971 × 1 unit · 31 timed min"; undefined without charge lines. */
  text?: string;
  /** The unit arithmetic: "97110 33 min + 97140 7 min = 40 timed min → 3 units". */
  arithmetic?: string;
}

const cache = new WeakMap<Note, BillingSummary>();

/** The billing summary of a note, from the facts the rules read (`note.facts`). */
export function billingSummary(note: Note, method: UnitsMethod = 'cms'): BillingSummary {
  const cached = method === 'cms' ? cache.get(note) : undefined;
  if (cached) return cached;
  const summary = summarize(note, method);
  if (method === 'cms') cache.set(note, summary);
  return summary;
}

/**
 * One charge line as a summary shows it, on its own (no units expected from the visit's minutes:
 * those come with {@link billingSummary}).
 */
export function billingLine(c: Charge): BillingLine {
  const line: BillingLine = {
    index: c.index,
    charge: c,
    range: c.range,
    code: codeShown(c),
    modifiers: c.modifiers.map((m) => m.code),
    modifiersToFill: !!c.modifiersValue?.placeholder,
    units: numberShown(c.units, intValue, 'units'),
    minutes: numberShown(c.minutes, fmMinutes, 'minutes'),
    assistantMinutes: numberShown(c.assistantMinutes, intValue, 'assistant minutes'),
    timed: c.code !== undefined && isTimedCode(c.code),
    label: '',
  };
  line.label = lineLabel(line);
  return line;
}

function summarize(note: Note, method: UnitsMethod): BillingSummary {
  const facts = note.facts;
  const lines = facts.charges.map(billingLine);
  const timedLines = lines.filter((l) => l.timed);
  const timedMinutes = totalTimedMinutes(note, facts);
  const units = timedUnits(
    timedMinutes?.minutes,
    timedLines.map((l) => shownValue(l.minutes)),
    method,
  );
  timedLines.forEach((l, i) => {
    const u = units.lines[i];
    l.expectedUnits = u.expected;
    l.maxUnits = u.max;
    l.unitsAlone = u.alone;
  });
  const billed = timedLines.map((l) => shownValue(l.units));
  const summary: BillingSummary = {
    readable: note.facts === note.yamlFacts,
    method,
    lines,
    timedLines,
    timedMinutes,
    timedMinutesToFill: !timedMinutes && timedLines.some((l) => l.minutes.state === 'to-fill'),
    billedTimedUnits: timedLines.length && billed.every((u) => u !== undefined) ? billed.reduce((a, b) => a + b, 0) : undefined,
    expectedTimedUnits: units.total,
    treatmentMinutes: totalTreatmentMinutes(note, facts),
    diagnoses: diagnosesShown(note),
  };
  summary.arithmetic = arithmeticText(summary);
  summary.text = summaryText(summary);
  return summary;
}

function shownValue<T>(s: Shown<T>): T | undefined {
  return s.state === 'value' ? s.value : undefined;
}

/** A placeholder's label shortened to its name ("L-code, e.g. L3906" → "L-code"), or `fallback`. */
function shortName(label: string | undefined, fallback: string): string {
  const name = (label ?? '').split(/[,;=(:]| e\.g\./)[0].trim();
  return name && name.length <= 40 ? name : fallback;
}

function codeShown(c: Charge): Shown<string> {
  if (c.code !== undefined) return { state: 'value', value: c.code };
  const v = c.codeValue;
  if (v?.placeholder) return { state: 'to-fill', label: shortName(findPlaceholders(v.text)[0]?.label, 'code') };
  // `code:` with nothing (null) or blank text is not written yet; a list or mapping is unreadable.
  if (!v || v.value === null || (typeof v.value === 'string' && !v.value.trim())) return { state: 'absent' };
  return { state: 'unreadable' };
}

function numberShown(v: FmValue | undefined, read: (v: FmValue) => number | undefined, key: string): Shown<number> {
  if (!v) return { state: 'absent' };
  if (v.placeholder) return { state: 'to-fill', label: key };
  const n = read(v);
  if (n !== undefined) return { state: 'value', value: n };
  // As the rules' `hasValue`: `key:` with nothing (null) or blank text is not written yet.
  const empty = v.value === null || (typeof v.value === 'string' && !v.value.trim());
  return empty ? { state: 'absent' } : { state: 'unreadable' };
}

function diagnosesShown(note: Note): Shown<string>[] {
  const v = note.facts.diagnosesValue;
  if (!v) return [];
  const codes = note.facts.diagnoses.map((d): { at: number; shown: Shown<string> } => ({ at: d.item.range.start, shown: { state: 'value', value: d.code } }));
  const toFill = v.placeholder
    ? note.placeholders
        .filter((p) => p.start < v.range.end && v.range.start < p.end)
        .map((p): { at: number; shown: Shown<string> } => ({ at: p.start, shown: { state: 'to-fill', label: shortName(p.label, 'diagnosis') } }))
    : [];
  return [...codes, ...toFill].sort((a, b) => a.at - b.at).map((x) => x.shown);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "97760-GP × 2 units", "L-code: to fill × 1 unit", "97110-GP × units: to fill". */
function lineLabel(l: BillingLine): string {
  const c = l.code;
  let text = c.state === 'value' ? [c.value, ...l.modifiers].join('-') : c.state === 'to-fill' ? `${c.label}: to fill` : c.state === 'absent' ? '(no code)' : '(unreadable code)';
  if (c.state !== 'value' && l.modifiers.length) text += ` ${l.modifiers.join('-')}`;
  if (l.modifiersToFill) text += ' (modifiers: to fill)';
  const u = l.units;
  if (u.state === 'value') text += ` × ${plural(u.value, 'unit')}`;
  else if (u.state === 'to-fill') text += ' × units: to fill';
  else if (u.state === 'unreadable') text += ' × ? units';
  return text;
}

function arithmeticText(s: BillingSummary): string | undefined {
  const t = s.timedMinutes;
  if (!t || s.expectedTimedUnits === undefined) return undefined;
  const result = `${t.minutes} timed min → ${plural(s.expectedTimedUnits, 'unit')}`;
  if (t.source === 'field') return `${t.minutes} timed min (Time section) → ${plural(s.expectedTimedUnits, 'unit')}`;
  if (s.timedLines.length === 1) return result;
  const terms = s.timedLines.map((l) => `${l.code.state === 'value' ? l.code.value : '?'} ${shownValue(l.minutes)} min`);
  return `${terms.join(' + ')} = ${result}`;
}

function summaryText(s: BillingSummary): string | undefined {
  if (!s.readable) return 'unknown until the front-matter YAML error is fixed';
  if (s.lines.length === 0) return undefined;
  const parts = s.lines.map((l) => l.label);
  if (s.timedMinutes) parts.push(`${s.timedMinutes.minutes} timed min`);
  else if (s.timedMinutesToFill) parts.push('timed minutes: to fill');
  return parts.join(' · ');
}
