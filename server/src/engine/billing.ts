/**
 * The billing summary of a note: what the claim would carry, computed once, the way the time and
 * units rules count it (rules.md §E, domain-97760.md §2–§3). The rules, the editor's code lens,
 * hover and status bar, and the checklist all read this module, so they cannot disagree.
 *
 * - Timed charge lines: charges whose code is a 15-minute timed code (knowledge/therapyCodes.ts
 *   `isFifteenMinuteTimedCode`: every code of rules.md v2 item 1, 97535, 97113, 97129/97130 …
 *   included). Untimed codes (evaluations), codes timed in other increments (97545/97546, 96125)
 *   and device codes are never part of timed minutes. A charge code the tables do not know
 *   (`codeTiming` 'unknown') might be timed: the summary lists it in `unknownCodes` and expects no
 *   units, so the unit rules skip the arithmetic (one info says so).
 * - Minutes on a line: a whole number, or text such as `31 min` (invalid-field-value asks for the
 *   bare number, but the arithmetic counts what is plainly meant).
 * - Total timed minutes: the sum of the timed lines' `minutes` when every timed line has a number
 *   there (the claim wins over the Time section: a different `Timed minutes` is
 *   timed-minutes-mismatch's finding); else the Time section's `Timed minutes` field (aliases
 *   `Total timed minutes`, `Timed code minutes`); else, with a single timed line, the Time
 *   section's `Direct contact` minutes (rules.md v2 item 9); else unknown.
 * - Services: the minutes of one code are one service; 97130 (each further 15 minutes) counts
 *   with 97129 (the first 15 minutes, one unit at most).
 * - Total treatment time: front-matter `total_treatment_minutes`, else the Time section's
 *   `Total treatment time` field.
 * - Units from minutes: {@link timedUnits}, the one place minutes become units, by the payer's
 *   {@link UnitsMethod} (`cms`: the 8-minute rule on the total; `per-code`: each service on its own).
 * - Assistant units: {@link assistantUnits}, CMS's per-unit method for CQ/CO.
 * - Placeholders are never shown raw: a code written `{{L-code}}` is "L-code: to fill".
 */
import { unitsMethodFor, type ResolvedConfig } from './config/types';
import { MODIFIERS } from './knowledge/modifiers';
import { codeTiming, isFifteenMinuteTimedCode, maxUnitsPerDay, timedServiceOf } from './knowledge/therapyCodes';
import { unitsForMinutes } from './knowledge/units';
import type { Field, Section } from './parse/body';
import { findPlaceholders } from './parse/comments';
import { intValue, type Charge, type Facts } from './parse/facts';
import type { FmValue } from './parse/frontMatter';
import { perNote, type Note } from './parse/note';
import type { Profile, Range } from './types';

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
  return facts.charges.filter((c) => c.code !== undefined && isFifteenMinuteTimedCode(c.code));
}

export interface TimedTotal {
  minutes: number;
  /**
   * 'lines' when summed from every timed line's `minutes`; 'field' when read from `Timed minutes`;
   * 'direct-contact' when the only timed line's minutes are the Time section's `Direct contact`.
   */
  source: 'lines' | 'field' | 'direct-contact';
  field?: Field;
}

/** Total timed minutes (see the file header), or undefined when it cannot be known. */
export function totalTimedMinutes(note: Note, facts: Facts = note.facts): TimedTotal | undefined {
  const lines = timedCharges(note, facts);
  if (lines.length === 0) return undefined;
  const minutes = lines.map(chargeMinutes);
  if (minutes.every((m) => m !== undefined)) return { minutes: minutes.reduce((a, b) => a + b, 0), source: 'lines' };
  const time = note.section('time');
  const f = fieldOf(time, 'timed-minutes');
  const fromField = fieldMinutes(f);
  if (fromField !== undefined) return { minutes: fromField, source: 'field', field: f };
  if (lines.length !== 1) return undefined;
  const direct = fieldOf(time, 'direct-contact');
  const fromDirect = fieldMinutes(direct);
  return fromDirect === undefined ? undefined : { minutes: fromDirect, source: 'direct-contact', field: direct };
}

/**
 * The Time section's `Timed minutes` field with its minutes, when written as a number (whatever
 * the charge lines say).
 */
export function timedMinutesField(note: Note): { field: Field; minutes: number } | undefined {
  const f = fieldOf(note.section('time'), 'timed-minutes');
  const minutes = fieldMinutes(f);
  return f && minutes !== undefined ? { field: f, minutes } : undefined;
}

/**
 * Charge codes whose timing the knowledge tables do not know (rules.md v2 item 1): well-formed
 * codes only (a malformed code is invalid-hcpcs-format's), each with its charge, in order.
 */
export function unknownChargeCodes(facts: Facts): Charge[] {
  return facts.charges.filter((c) => c.code !== undefined && /^(?:\d{5}|[A-Z]\d{4})$/.test(c.code) && codeTiming(c.code) === 'unknown');
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
 * How a payer turns timed minutes into units (rules.md v2 item 3; a profile's `units` setting):
 * - `cms` (default): the 8-minute rule on the total timed minutes of the visit, split over the
 *   services by the CMS method (Pub. 100-04 ch. 5 §20.2);
 * - `per-code`: each service on its own, a unit for the first 8 minutes ("substantial portion",
 *   more than half of 15 minutes) and one more for every further 15 minutes — the same table as
 *   the 8-minute rule, applied per code instead of to the total.
 */
export type UnitsMethod = 'cms' | 'per-code';
export const UNITS_METHODS: readonly UnitsMethod[] = Object.freeze(['cms', 'per-code'] as UnitsMethod[]);

/** A timed line as {@link timedUnits} reads it. A bare number (or undefined) is a line of its own code. */
export interface TimedLineInput {
  code?: string;
  minutes?: number;
}

export interface TimedService {
  /** The service's code (97129 for 97129 + 97130); `#n` for a line without a code. */
  code: string;
  /** Positions (in the input) of its lines. */
  lines: number[];
  /** Its minutes, when every line's minutes are known. */
  minutes?: number;
  /** The units it should carry, when known. */
  units?: number;
}

export interface TimedUnits {
  /** Units the timed minutes give (undefined when they are unknown). */
  total?: number;
  /**
   * Per line: the units the line should carry (known for a lone service, or when every line's
   * minutes are known); the most units its own minutes can ever earn (capped by a code's daily
   * limit, 97129: 1); and what its minutes give on their own. Undefined where the line's minutes
   * are unknown.
   */
  lines: { expected?: number; max?: number; alone?: number }[];
  /** The services (a code, or 97129 with 97130), in the order of their first line. */
  services: TimedService[];
  /** CMS method: the split rests on a tie between equal leftover minutes, so another split is as valid. */
  tie: boolean;
}

/**
 * The one place timed minutes become units. `totalMinutes` is the visit's timed minutes (as
 * {@link totalTimedMinutes} counts them, undefined when unknown); `lines` the timed lines, in
 * order: their code and minutes (undefined where unknown), or just the minutes.
 *
 * CMS: total = the 8-minute rule on the total (units = floor((minutes + 7) / 15)); a lone service
 * carries the total; several share it by {@link distributeUnits}. Per code: each service gets the
 * 8-minute table on its own minutes; the total is their sum. Either way the lines of one service
 * share its units (97129 first, at most one unit; 97130 the rest), and a line can never earn more
 * than one unit per started 15 minutes of its own (ceil(minutes / 15)).
 */
export function timedUnits(totalMinutes: number | undefined, lines: readonly (number | undefined | TimedLineInput)[], method: UnitsMethod = 'cms'): TimedUnits {
  const input: TimedLineInput[] = lines.map((l) => (typeof l === 'object' && l !== null ? l : { minutes: l }));
  const services: TimedService[] = [];
  const byCode = new Map<string, TimedService>();
  input.forEach((l, i) => {
    const key = l.code ? timedServiceOf(l.code) : `#${i}`;
    let s = byCode.get(key);
    if (!s) {
      s = { code: key, lines: [] };
      byCode.set(key, s);
      services.push(s);
    }
    s.lines.push(i);
  });
  for (const s of services) {
    const m = s.lines.map((i) => input[i].minutes);
    if (m.every((x) => x !== undefined)) s.minutes = m.reduce((a, b) => a + b, 0);
  }
  const allKnown = services.every((s) => s.minutes !== undefined);
  let total: number | undefined;
  let tie = false;
  switch (method) {
    case 'cms': {
      total = totalMinutes === undefined ? undefined : unitsForMinutes(totalMinutes);
      if (total === undefined) break;
      if (services.length === 1) services[0].units = total;
      else if (allKnown) {
        const d = distribute(services.map((s) => s.minutes!));
        d.units.forEach((u, i) => (services[i].units = u));
        tie = d.tie;
      }
      break;
    }
    case 'per-code': {
      if (allKnown) {
        for (const s of services) s.units = unitsForMinutes(s.minutes!);
        total = services.reduce((a, s) => a + s.units!, 0);
      } else if (services.length === 1 && totalMinutes !== undefined) {
        total = services[0].units = unitsForMinutes(totalMinutes);
      }
      break;
    }
  }
  const expected: (number | undefined)[] = input.map(() => undefined);
  for (const s of services) {
    if (s.units === undefined) continue;
    const shares = shareServiceUnits(
      s.units,
      s.lines.map((i) => input[i]),
    );
    s.lines.forEach((i, k) => (expected[i] = shares[k]));
  }
  return {
    total,
    lines: input.map((l, i) => {
      if (l.minutes === undefined) return { expected: expected[i], max: undefined, alone: undefined };
      const cap = l.code ? maxUnitsPerDay(l.code) : undefined;
      const limit = (n: number) => (cap === undefined ? n : Math.min(cap, n));
      return { expected: expected[i], max: limit(Math.ceil(Math.floor(l.minutes) / 15)), alone: limit(unitsForMinutes(l.minutes)) };
    }),
    services,
    tie,
  };
}

/**
 * The units of one service over its lines: a lone line carries them all; a code with a daily cap
 * (97129: the first unit) takes up to its cap first; the other lines share the rest by their
 * minutes (full 15 minutes first, then the largest leftovers). Undefined per line when a line's
 * minutes are unknown and the service has several lines. The units a lone capped line cannot
 * carry (97129 alone for 40 minutes: 1 of 3) are left out: they belong on a 97130 line.
 */
function shareServiceUnits(units: number, lines: readonly TimedLineInput[]): (number | undefined)[] {
  if (lines.length === 1) {
    // A capped code alone (97129 without 97130) carries its cap; the rest belongs on another line.
    const cap = lines[0].code ? maxUnitsPerDay(lines[0].code) : undefined;
    return [cap === undefined ? units : Math.min(cap, units)];
  }
  if (lines.some((l) => l.minutes === undefined)) return lines.map(() => undefined);
  const out: number[] = lines.map(() => 0);
  let left = units;
  const capped = lines.map((l, i) => ({ i, cap: l.code ? maxUnitsPerDay(l.code) : undefined })).filter((x) => x.cap !== undefined);
  for (const { i, cap } of capped) {
    const take = Math.min(cap!, left);
    out[i] = take;
    left -= take;
  }
  const rest = lines.map((l, i) => ({ i, m: Math.floor(l.minutes!) })).filter((x) => !capped.some((c) => c.i === x.i));
  if (rest.length === 0) return out;
  for (const x of rest) {
    const full = Math.min(Math.floor(x.m / 15), left);
    out[x.i] = full;
    left -= full;
  }
  const order = rest.filter((x) => x.m % 15 > 0).sort((a, b) => (b.m % 15) - (a.m % 15) || a.i - b.i);
  for (const x of order) {
    if (left <= 0) break;
    out[x.i] += 1;
    left -= 1;
  }
  // Units beyond what the minutes can spread (a total from elsewhere): the last line takes them.
  if (left > 0) out[rest[rest.length - 1].i] += left;
  return out;
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
  return distribute(minutes).units;
}

/** {@link distributeUnits}, and whether a tie between equal leftovers decided who got a unit. */
function distribute(minutes: readonly number[]): { units: number[]; tie: boolean } {
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
  const tie = remaining > 0 && remaining < order.length && order[remaining - 1].leftover === order[remaining].leftover;
  // At most one extra unit per service: the remainder never exceeds the services with leftovers.
  for (const { i } of order) {
    if (remaining <= 0) break;
    units[i] += 1;
    remaining -= 1;
  }
  return { units, tie };
}

// ---------------------------------------------------------------------------------------------
// Assistant units (CQ/CO)

/**
 * Where the CQ/CO method comes from (knowledge/sources.ts ids): the CMS page and the CY 2022 final
 * rule (primary; only their openings were readable), and the third-party pages that restate the
 * per-unit de minimis standard, the final-unit rule and CMS's scenario #1 (docs/sources.md).
 */
export const ASSISTANT_UNITS_SOURCES: readonly string[] = Object.freeze([
  'SRC-CMS-CQCO-EXAMPLES',
  'SRC-PFS-CY2022-FINAL',
  'SRC-CQCO-PER-UNIT',
  'SRC-CQCO-LAST-UNIT',
  'SRC-MCKNIGHTS-CY2022',
  'SRC-CQCO-SCENARIO-RESTATED',
]);

/** More than 10 % of a 15-minute unit: the assistant's minutes of a unit that make it "in part" theirs. */
export const DE_MINIMIS_MINUTES = 1.5;
/** The therapist's own minutes that bill a unit on their own (the 15-minute midpoint, CY 2022). */
export const THERAPIST_OWN_UNIT_MINUTES = 8;

export interface AssistantUnits {
  /** Units that need CQ/CO. */
  withModifier: number;
  /** Units billed without CQ/CO. */
  without: number;
  /** Timed: the units the assistant furnished in full 15 minutes on their own. */
  assistantFullUnits: number;
  /** Timed: the units the therapist furnished in full 15 minutes (alone or with the assistant). */
  therapistFullUnits: number;
  /** Timed: the final unit(s) after the full ones, and who carries them. */
  finalUnits: { assistantMinutes: number; therapistMinutes: number; therapist: number; assistant: number; deMinimis: number };
}

/**
 * CMS's method for the assistant modifiers (CQ with GP, CO with GO), for one service of one
 * visit: `units` billed, its `minutes` in all, and `assistantMinutes` the assistant furnished
 * apart from the therapist (minutes furnished together count as the therapist's).
 *
 * Timed services, per 15-minute unit (CY 2022 PFS final rule; CMS "Billing Examples Using CQ/CO
 * Modifiers"):
 * 1. each full 15 minutes the assistant furnished alone is a unit with CQ/CO; each full 15
 *    minutes of the therapist's is a unit without;
 * 2. the final unit (the units left, at most two): a unit the therapist's remaining minutes bill
 *    on their own (8 minutes or more) goes without CQ/CO; a unit in which the assistant's
 *    remaining minutes are more than 10 % of 15 minutes (2 minutes or more) takes CQ/CO; one with
 *    less is the therapist's (de minimis).
 * Untimed services: CQ/CO when the assistant furnished more than 10 % of the service's minutes.
 *
 * Undefined when the numbers do not fit together (assistant minutes above the minutes, units
 * below the full units or above what the minutes can reach): the unit rules report those.
 */
export function assistantUnits(units: number, minutes: number, assistantMinutes: number, timed: boolean): AssistantUnits | undefined {
  if (![units, minutes, assistantMinutes].every((n) => Number.isFinite(n) && n >= 0) || assistantMinutes > minutes) return undefined;
  if (!timed) {
    const cq = assistantMinutes * 10 > minutes ? units : 0;
    return {
      withModifier: cq,
      without: units - cq,
      assistantFullUnits: 0,
      therapistFullUnits: 0,
      finalUnits: { assistantMinutes, therapistMinutes: minutes - assistantMinutes, therapist: 0, assistant: 0, deMinimis: 0 },
    };
  }
  const A = Math.floor(assistantMinutes);
  const T = Math.floor(minutes) - A;
  const fullA = Math.floor(A / 15);
  const fullT = Math.floor(T / 15);
  let left = units - fullA - fullT;
  if (left < 0 || left > 2) return undefined;
  const a = A - 15 * fullA;
  const t = T - 15 * fullT;
  const final = { assistantMinutes: a, therapistMinutes: t, therapist: 0, assistant: 0, deMinimis: 0 };
  if (left > 0 && t >= THERAPIST_OWN_UNIT_MINUTES) {
    final.therapist = 1;
    left -= 1;
  }
  if (a > DE_MINIMIS_MINUTES) final.assistant = left;
  else final.deMinimis = left;
  const withModifier = fullA + final.assistant;
  return { withModifier, without: units - withModifier, assistantFullUnits: fullA, therapistFullUnits: fullT, finalUnits: final };
}

/** Whether a modifier code is CQ or CO. */
export function isAssistantModifier(code: string): boolean {
  return MODIFIERS.get(code)?.group === 'assistant';
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
  /** The line carries CQ or CO. */
  assistantModifier: boolean;
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
  /** Units the timed minutes give by the units method (undefined while an unknown code is billed). */
  expectedTimedUnits?: number;
  /** The timed services (a code, or 97129 with 97130) with their minutes and expected units. */
  services: TimedService[];
  /** CMS split: a tie between equal leftover minutes decided it (another split is as valid). */
  unitsTie: boolean;
  /**
   * Every timed line's expected units follow from the minutes by the units method alone: no tie,
   * and no code on several lines other than a CQ/CO line with a line without (split by
   * {@link assistantUnits}) or 97129 with 97130.
   */
  unitsSplitSure: boolean;
  /** Charges whose code the tables do not know: the unit arithmetic is not checked (rules.md v2 item 1). */
  unknownCodes: Charge[];
  treatmentMinutes?: TreatmentTotal;
  diagnoses: Shown<string>[];
  /** "97760-GP × 2 units · L1971 × 1 unit · 31 timed min"; undefined without charge lines. */
  text?: string;
  /** The unit arithmetic: "97110 33 min + 97140 7 min = 40 timed min → 3 units". */
  arithmetic?: string;
}

/** Per-note memo keys, one per units method. */
const SUMMARY_KEYS: Readonly<Record<UnitsMethod, object>> = { cms: {}, 'per-code': {} };

/** The billing summary of a note, from the facts the rules read (`note.facts`), by a units method (once per note and method). */
export function billingSummary(note: Note, method: UnitsMethod = 'cms'): BillingSummary {
  const key = SUMMARY_KEYS[method] as object | undefined;
  return key ? perNote(note, key, () => summarize(note, method)) : summarize(note, method);
}

/**
 * The billing summary by the units method of a payer profile (`profiles.<profile>.units` in the
 * configuration): what the rules count, so editor views that show units should use this.
 */
export function billingSummaryFor(note: Note, profile: Profile, config: ResolvedConfig): BillingSummary {
  return billingSummary(note, unitsMethodFor(profile, config));
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
    assistantModifier: c.modifiers.some((m) => isAssistantModifier(m.code)),
    timed: c.code !== undefined && isFifteenMinuteTimedCode(c.code),
    // Set for timed lines by the summary; present on every line (one hidden class for all lines).
    expectedUnits: undefined,
    maxUnits: undefined,
    unitsAlone: undefined,
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
  const unknownCodes = unknownChargeCodes(facts);
  const units = timedUnits(
    timedMinutes?.minutes,
    timedLines.map((l) => ({ code: l.charge.code, minutes: shownValue(l.minutes) })),
    method,
  );
  const checked = unknownCodes.length === 0;
  timedLines.forEach((l, i) => {
    const u = units.lines[i];
    l.expectedUnits = checked ? u.expected : undefined;
    l.maxUnits = u.max;
    l.unitsAlone = u.alone;
  });
  const split = checked ? splitByAssistant(units.services, timedLines) : new Set<TimedService>();
  const sure =
    !units.tie &&
    units.services.every((sv) => {
      if (sv.lines.length === 1 || split.has(sv)) return true;
      const codes = sv.lines.map((i) => timedLines[i].charge.code);
      return new Set(codes).size === codes.length;
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
    expectedTimedUnits: checked ? units.total : undefined,
    services: units.services,
    unitsTie: units.tie,
    unitsSplitSure: sure,
    unknownCodes,
    treatmentMinutes: totalTreatmentMinutes(note, facts),
    diagnoses: diagnosesShown(note),
  };
  summary.arithmetic = arithmeticText(summary);
  summary.text = summaryText(summary);
  return summary;
}

/**
 * A code billed on two kinds of line, with CQ/CO and without (rules.md v2 item 2): the lines with
 * the assistant modifier should carry the units CMS's method gives the assistant, the others the
 * rest — when every line's minutes and assistant minutes are known.
 */
function splitByAssistant(services: readonly TimedService[], timedLines: readonly BillingLine[]): Set<TimedService> {
  const done = new Set<TimedService>();
  for (const s of services) {
    if (s.units === undefined || s.minutes === undefined || s.lines.length < 2) continue;
    const ls = s.lines.map((i) => timedLines[i]);
    if (new Set(ls.map((l) => l.charge.code)).size !== 1) continue;
    const withMod = ls.filter((l) => l.assistantModifier);
    const without = ls.filter((l) => !l.assistantModifier);
    if (withMod.length !== 1 || without.length !== 1) continue;
    const am = ls.map((l) => shownValue(l.assistantMinutes));
    if (am.some((m) => m === undefined)) continue;
    const split = assistantUnits(
      s.units,
      s.minutes,
      (am as number[]).reduce((a, b) => a + b, 0),
      true,
    );
    if (!split) continue;
    withMod[0].expectedUnits = split.withModifier;
    without[0].expectedUnits = split.without;
    done.add(s);
  }
  return done;
}

/** "97110 33 min + 97140 7 min" (one term per timed line). */
function linesTerms(s: BillingSummary): string {
  return s.timedLines.map((l) => `${l.code.state === 'value' ? l.code.value : '?'} ${shownValue(l.minutes)} min`).join(' + ');
}

/**
 * The unit arithmetic in words, naming the codes it counted, for messages:
 * "97760 20 min + 97535 20 min = 40 timed minutes → 3 units" (CMS);
 * "97760 20 min → 1 unit + 97535 20 min → 1 unit = 2 units" (each code on its own);
 * "the Time section's 40 timed minutes → 3 units"; undefined when nothing can be counted.
 */
export function unitsArithmetic(s: BillingSummary): string | undefined {
  const t = s.timedMinutes;
  const total = s.expectedTimedUnits;
  if (!t || total === undefined) return undefined;
  const result = plural(total, 'unit');
  if (t.source === 'field') return `the Time section’s ${plural(t.minutes, 'timed minute')} → ${result}`;
  const only = s.timedLines[0];
  const onlyCode = only?.code.state === 'value' ? only.code.value : 'the timed code';
  if (t.source === 'direct-contact') return `${onlyCode}’s ${plural(t.minutes, 'minute')} of Direct contact → ${result}`;
  if (s.timedLines.length === 1) return `${onlyCode} ${t.minutes} min → ${result}`;
  if (s.method === 'per-code') {
    const terms = s.services.map((sv) => {
      const ls = sv.lines.map((i) => s.timedLines[i]);
      const codes = [...new Set(ls.map((l) => (l.code.state === 'value' ? l.code.value : '?')))].join('/');
      return `${codes} ${sv.minutes} min → ${plural(sv.units ?? 0, 'unit')}`;
    });
    return `${terms.join(' + ')} = ${result}`;
  }
  return `${linesTerms(s)} = ${plural(t.minutes, 'timed minute')} → ${result}`;
}

/** "97139" / "97139 and A4570": the unknown codes of a summary. */
export function unknownCodesText(s: BillingSummary): string {
  const codes = [...new Set(s.unknownCodes.map((c) => c.code!))];
  return codes.length <= 1 ? codes.join('') : `${codes.slice(0, -1).join(', ')} and ${codes[codes.length - 1]}`;
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
  if (s.unknownCodes.length > 0 && s.timedLines.length > 0) return `units not checked: unknown code ${unknownCodesText(s)}`;
  const t = s.timedMinutes;
  if (!t || s.expectedTimedUnits === undefined) return undefined;
  const result = `${t.minutes} timed min → ${plural(s.expectedTimedUnits, 'unit')}`;
  if (t.source === 'field') return `${t.minutes} timed min (Time section) → ${plural(s.expectedTimedUnits, 'unit')}`;
  if (t.source === 'direct-contact') return `${t.minutes} timed min (Direct contact) → ${plural(s.expectedTimedUnits, 'unit')}`;
  if (s.timedLines.length === 1) return result;
  if (s.method === 'per-code') return `${unitsArithmetic(s)} (each code on its own)`;
  return `${linesTerms(s)} = ${result}`;
}

function summaryText(s: BillingSummary): string | undefined {
  if (!s.readable) return 'unknown until the front-matter YAML error is fixed';
  if (s.lines.length === 0) return undefined;
  const parts = s.lines.map((l) => l.label);
  if (s.timedMinutes) parts.push(`${s.timedMinutes.minutes} timed min`);
  else if (s.timedMinutesToFill) parts.push('timed minutes: to fill');
  return parts.join(' · ');
}
