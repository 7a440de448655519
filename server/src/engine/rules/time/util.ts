/**
 * Shared definitions of the time and units rules (rules.md §E, domain-97760.md §2–§3).
 *
 * - Timed charge lines: charges whose code is a 15-minute timed code (knowledge/cpt.ts
 *   `isTimedCode`). Untimed codes (evaluations) and device codes are never part of timed minutes.
 * - Total timed minutes: the sum of the timed lines' `minutes` when every timed line has a
 *   number there; else the Time section's `Timed minutes` field (aliases `Total timed minutes`,
 *   `Timed code minutes`); else unknown.
 * - Total treatment time: front-matter `total_treatment_minutes`, else the Time section's
 *   `Total treatment time` field.
 * - Units from minutes: the 8-minute rule table, `unitsForMinutes` (knowledge/units.ts).
 */
import { insertChargeKey, setValue } from '../../edit';
import { isTimedCode } from '../../knowledge/cpt';
import { unitsForMinutes } from '../../knowledge/units';
import type { Field } from '../../parse/body';
import type { Charge } from '../../parse/facts';
import type { FmValue } from '../../parse/frontMatter';
import type { Note } from '../../parse/note';
import type { Range, TextEdit } from '../../types';
import { field } from '../shared';

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

/** A front-matter value that is present: a placeholder counts, an empty (`key:`) or null value does not. */
export function hasValue(v: FmValue | undefined): boolean {
  if (!v) return false;
  if (v.placeholder) return true;
  return v.value !== null && !(typeof v.value === 'string' && v.value.trim() === '');
}

/**
 * Minutes in a front-matter value: a non-negative whole number, or a string such as "31 min".
 * A value that invalid-field-value rejects as a number (31.5, -3) is unknown here, so one typo
 * is reported once and not carried into the time arithmetic.
 */
export function fmMinutes(v: FmValue | undefined): number | undefined {
  if (!v || v.placeholder) return undefined;
  if (typeof v.value === 'number') return Number.isInteger(v.value) && v.value >= 0 ? v.value : undefined;
  if (typeof v.value === 'string') {
    const m = parseMinutes(v.value);
    return m !== undefined && Number.isInteger(m) ? m : undefined;
  }
  return undefined;
}

/** Billed units of a charge: a non-negative integer (number or digit string); else undefined. */
export function chargeUnits(c: Charge): number | undefined {
  const v = c.units;
  if (!v || v.placeholder) return undefined;
  if (typeof v.value === 'number') return Number.isInteger(v.value) && v.value >= 0 ? v.value : undefined;
  if (typeof v.value === 'string' && /^\s*\d+\s*$/.test(v.value)) return Number(v.value);
  return undefined;
}

export function chargeMinutes(c: Charge): number | undefined {
  return fmMinutes(c.minutes);
}

/** Charge lines billing a 15-minute timed code, in front-matter order. */
export function timedCharges(note: Note): Charge[] {
  return note.facts.charges.filter((c) => c.code !== undefined && isTimedCode(c.code));
}

/** Minutes in a filled body field (not empty/TBD/placeholder). */
export function fieldMinutes(f: Field | undefined): number | undefined {
  return f && !f.missing ? parseMinutes(f.value) : undefined;
}

export interface TimedTotal {
  minutes: number;
  /** 'lines' when summed from every timed line's `minutes`; 'field' when read from `Timed minutes`. */
  source: 'lines' | 'field';
  field?: Field;
}

/** Total timed minutes (see the file header), or undefined when it cannot be known. */
export function totalTimedMinutes(note: Note): TimedTotal | undefined {
  const lines = timedCharges(note);
  if (lines.length === 0) return undefined;
  const minutes = lines.map(chargeMinutes);
  if (minutes.every((m) => m !== undefined)) return { minutes: minutes.reduce((a, b) => a + b, 0), source: 'lines' };
  const f = field(note.section('time'), 'timed-minutes');
  const fromField = fieldMinutes(f);
  return fromField === undefined ? undefined : { minutes: fromField, source: 'field', field: f };
}

export interface TreatmentTotal {
  minutes: number;
  /** Where the value is written (the front-matter value or the field's value). */
  range: Range;
}

/** Total treatment time: `total_treatment_minutes`, else the `Total treatment time` field. */
export function totalTreatmentMinutes(note: Note): TreatmentTotal | undefined {
  const v = note.facts.entries.get('total_treatment_minutes');
  const fromFm = fmMinutes(v);
  if (v && fromFm !== undefined) return { minutes: fromFm, range: v.range };
  const f = field(note.section('time'), 'total-treatment-time');
  const fromField = fieldMinutes(f);
  if (f && fromField !== undefined) return { minutes: fromField, range: f.valueRange };
  return undefined;
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

/**
 * Sets a charge's `key` to `valueText`: replaces the existing value, fills an empty `key:`, or
 * inserts the key when the charge has none.
 */
export function setChargeValue(note: Note, charge: Charge, key: 'units' | 'minutes', valueText: string): TextEdit | undefined {
  const current = charge.entries.get(key);
  if (current) return setValue(note, current, valueText);
  return insertChargeKey(note, charge, key, valueText);
}

/** Where a finding about a charge's units goes: the units value when written, else the code. */
export function unitsAnchor(c: Charge): Range {
  return c.units && c.units.range.end > c.units.range.start ? c.units.range : c.codeValue ? c.codeValue.range : c.range;
}

/** "1 unit" / "2 units". */
export function unitsText(n: number): string {
  return `${n} ${n === 1 ? 'unit' : 'units'}`;
}

/** "1 minute" / "31 minutes". */
export function minutesText(n: number): string {
  return `${n} ${n === 1 ? 'minute' : 'minutes'}`;
}
