/**
 * Helpers of the consistency rules (rules.md v2 §G): the front matter is the claim, the body is
 * what an auditor reads, and these rules compare the two. Everything here reads labelled fields
 * and front-matter values only (never free prose).
 */
import { isCalendarDay } from '../../dates';
import { lcodeCategory } from '../../knowledge/hcpcs';
import type { Field, Section } from '../../parse/body';
import type { Charge } from '../../parse/facts';
import { intValue } from '../../parse/facts';
import type { FmValue } from '../../parse/frontMatter';
import type { Note } from '../../parse/note';
import type { Range } from '../../types';
import { guessRegionFromLCode, type BodyRegion } from '../documentation/util';

/** The orthotic/prosthetic management and training codes (initial orthosis, initial prosthesis, subsequent). */
export const DEVICE_TRAINING_CODES = ['97760', '97761', '97763'] as const;

/**
 * A number at the start, optionally with a minute unit, not followed by another unit (hours, units) or a date/ratio.
 * Written so that no two adjacent parts can match the same blanks (no quadratic backtracking on long blank runs).
 */
const LEADING_NUMBER = /^\s*(\d{1,4})(?:\s*(?:-\s*)?m(?:in(?:ute)?s?)?)?(?![\w./:-])(?![\t ]+(?:h(?:rs?|ours?)?|sec(?:ond)?s?|units?)\b)/i;
/** A whole number written with a minute unit: "31 minutes", "31 min", "31-minute", "31mins". */
const WITH_UNIT = /(?:^|[^\d.:/-])(\d{1,4})\s*(?:-\s*)?(?:minutes?|mins?)\b/gi;

/**
 * Minutes stated in a field or front-matter text: a whole number at the start ("31", "31 minutes
 * one-on-one"), else the first whole number written with a minute unit ("about 31 min");
 * undefined when there is none (hours, decimals and dates are not read).
 */
export function statedMinutes(text: string): number | undefined {
  const lead = LEADING_NUMBER.exec(text);
  if (lead) return Number(lead[1]);
  WITH_UNIT.lastIndex = 0;
  const m = WITH_UNIT.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Every whole number written with a minute unit in a text, in order. */
export function minutesWithUnit(text: string): number[] {
  const out: number[] = [];
  WITH_UNIT.lastIndex = 0;
  for (let m = WITH_UNIT.exec(text); m; m = WITH_UNIT.exec(text)) out.push(Number(m[1]));
  return out;
}

/** Where the stated minutes are written inside a field's value (for edits), or undefined. */
export function minutesOffset(note: Note, f: Field): Range | undefined {
  const src = note.text.slice(f.valueRange.start, f.valueRange.end);
  const lead = /^\s*(\d{1,4})/.exec(src);
  if (lead && statedMinutes(f.value) === Number(lead[1])) {
    const start = f.valueRange.start + lead[0].length - lead[1].length;
    return { start, end: start + lead[1].length };
  }
  return undefined;
}

/** Minutes in a front-matter value: a whole number, or a string such as "31 min". */
export function fmMinutesOf(v: FmValue | undefined): number | undefined {
  if (!v || v.placeholder) return undefined;
  const n = intValue(v);
  if (n !== undefined) return n;
  return typeof v.value === 'string' ? statedMinutes(v.value) : undefined;
}

/** A charge line's `minutes`, when it states a whole number of minutes. */
export function lineMinutes(c: Charge): number | undefined {
  return fmMinutesOf(c.minutes);
}

/** A charge line's billed `units` (a non-negative whole number), when written. */
export function lineUnits(c: Charge): number | undefined {
  return intValue(c.units);
}

/** "1 minute" / "31 minutes". */
export function minutesText(n: number): string {
  return `${n} ${n === 1 ? 'minute' : 'minutes'}`;
}

/** "1 unit" / "2 units". */
export function unitsText(n: number): string {
  return `${n} ${n === 1 ? 'unit' : 'units'}`;
}

/** The note's Device sections (v2: a note may describe several devices, one section each). */
export function deviceSections(note: Note): Section[] {
  return note.sections.filter((s) => s.spec?.id === 'device');
}

/** Filled fields of a section with the given canonical id. */
export function filledFields(section: Section | undefined, id: string): Field[] {
  return section?.fields.filter((f) => f.spec?.id === id && !f.missing) ?? [];
}

export const REGION_WORDS: Record<BodyRegion, string> = { 'upper extremity': 'upper', 'lower extremity': 'lower', trunk: 'trunk' };

/** One mention of a body region inside a text, with its offsets in that text. */
export interface RegionMention {
  region: BodyRegion;
  start: number;
  end: number;
  /** The side letter of an abbreviation such as `RLE` (`R`), kept when the region is rewritten. */
  sideLetter?: string;
  /** A word for a part of the trunk (`lumbar`, `spine`), not the region's own name. */
  part?: boolean;
}

/**
 * Upper/lower (extremity, limb, quarter) — but not "upper back", "lower back", "lower trunk",
 * "upper body": those are the trunk or unclear — the trunk and its parts, and the UE/LE
 * abbreviations with an optional side letter (RLE, BUE).
 */
const REGION_MENTION =
  /\b(upper|lower)(?![ -](?:back|trunk|spine|torso|abdomen|body|thoracic|lumbar)\b)(?:[ -](?:extremit(?:y|ies)|limbs?|quarter))?\b|\b(?:trunk|spine|spinal|torso|lumbar|thoracic|thoracolumbar|lumbosacral|cervical)\b|\b([RLB]?)([UL])Es?\b/gi;

/** The body regions a text names: `upper/lower extremity`, `upper`, `lower`, `trunk`, `UE`, `LE`, `RLE`, `BUE`... */
export function regionMentions(text: string): RegionMention[] {
  const out: RegionMention[] = [];
  REGION_MENTION.lastIndex = 0;
  for (let m = REGION_MENTION.exec(text); m; m = REGION_MENTION.exec(text)) {
    if (m[1]) out.push({ region: m[1].toLowerCase() === 'upper' ? 'upper extremity' : 'lower extremity', start: m.index, end: m.index + m[0].length });
    else if (m[3]) {
      // Abbreviations are matched in capitals only ("le" is a French article, "ue" a typo).
      if (m[0] !== m[0].toUpperCase()) continue;
      out.push({ region: m[3] === 'U' ? 'upper extremity' : 'lower extremity', start: m.index, end: m.index + m[0].length, sideLetter: m[2] || undefined });
    } else out.push({ region: 'trunk', start: m.index, end: m.index + m[0].length, part: m[0].toLowerCase() !== 'trunk' });
  }
  return out;
}

/** The set of regions a text names. */
export function regionsIn(text: string): Set<BodyRegion> {
  return new Set(regionMentions(text).map((m) => m.region));
}

/**
 * The body region an L-code's HCPCS block covers: orthoses by body area (spinal L0112–L1499 trunk;
 * hip, knee, ankle-foot and foot L1600–L3649 lower; shoulder to hand L3650–L3999 upper), lower-limb
 * prostheses L5000–L5999, upper-limb prostheses L6000–L7499. Additions, repairs, sheaths and
 * supplies name no region: undefined.
 */
export function regionOfLCode(code: string): BodyRegion | undefined {
  const cat = lcodeCategory(code);
  if (cat === 'orthosis') return guessRegionFromLCode(code);
  if (cat !== 'limb-prosthesis') return undefined;
  const n = Number(code.trim().slice(1));
  if (n >= 5000 && n <= 5999) return 'lower extremity';
  if (n >= 6000 && n <= 7499) return 'upper extremity';
  return undefined;
}

export type Side = 'right' | 'left' | 'bilateral';

/** The side a text names: right/left words (and RT/LT, R/L, RLE...), bilateral/both; undefined when none or unclear. */
export function sideIn(text: string): Side | undefined {
  const t = text.toLowerCase();
  if (/\b(?:bilateral|bilat|both|b\/l)\b/.test(t) || /\bB[UL]Es?\b/.test(text)) return 'bilateral';
  const right = /\b(?:right|rt)\b/.test(t) || /\bR\b/.test(text) || /\bR[UL]Es?\b/.test(text);
  const left = /\b(?:left|lt)\b/.test(t) || /\bL\b/.test(text) || /\bL[UL]Es?\b/.test(text);
  if (right && left) return 'bilateral';
  return right ? 'right' : left ? 'left' : undefined;
}

/** A calendar date written in a text: ISO `YYYY-MM-DD`, or US `M/D/YYYY`; with its offsets in the text. */
export interface WrittenDate {
  iso: string;
  start: number;
  end: number;
}

const DATE_IN_TEXT = /(?<![\d/-])(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\/(\d{1,2})\/(\d{4}))(?![\d/-])/g;

/** Every real calendar date written in a text, in order. */
export function datesIn(text: string): WrittenDate[] {
  const out: WrittenDate[] = [];
  DATE_IN_TEXT.lastIndex = 0;
  for (let m = DATE_IN_TEXT.exec(text); m; m = DATE_IN_TEXT.exec(text)) {
    const [y, mo, d] = m[1] ? [Number(m[1]), Number(m[2]), Number(m[3])] : [Number(m[6]), Number(m[4]), Number(m[5])];
    if (!isCalendarDay(y, mo, d)) continue;
    const iso = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    out.push({ iso, start: m.index, end: m.index + m[0].length });
  }
  return out;
}
