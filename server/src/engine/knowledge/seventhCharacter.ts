/**
 * ICD-10-CM categories and subcategories that the tabular list marks as needing a 7th character
 * (rules.md v2 item 4), with the 7th characters each allows.
 *
 * Source: SRC-CDC-ICD10CM-FILES. The FY2021 tabular XML was parsed for every element carrying a
 * `<sevenChrDef>` (507 of them) and the FY2021 order file was used to confirm, category by
 * category, which billable codes fall under one; the April 1, 2026 tabular was spot-checked at
 * H34.81/H34.83 (yes), M80, M84.3, M84.7 (only M84.75 takes one), T30-T32 (none), T34/T36 (yes), T87 (none) and T88
 * (yes). Looked at 2026-11-29. Where the tabular gives a 7th-character definition on a
 * subcategory inside a category that has one too (S42.27 inside S42), the subcategory's wins.
 *
 * The summary, in words:
 * - every S category (S00-S99); 7th characters A D S, fracture categories more (see overrides);
 * - every T category except T30-T32 (burn/corrosion extent), T86 (transplant complications) and
 *   T87 (reattachment and amputation-stump complications) - T87.4x infection of the stump included;
 * - V00-Y38 external causes except Y07 (perpetrator) and Y09 (assault, unspecified means);
 * - M1A (7th character 0/1: without/with tophus), M48.4-M48.5, M80, M84.3-M84.6, M84.75 (not the rest
 *   of M84.7), M97;
 * - R40.21-R40.24 (coma scale; 0-4 = where recorded);
 * - H40.10-H40.14, H40.20, H40.22, H40.3-H40.6 (glaucoma stage 0-4) - not H40.15, H40.21, H40.23, H40.24;
 * - the fetal O-codes O31, O32, O33.3-O33.7, O35, O36, O40, O41, O60.1-O60.2, O64, O69 (fetus 0-5, 9);
 * - beyond rules.md's list: E08-E13 .32-.35 and .37 (diabetic retinopathy/macular edema; eye 1-3, 9),
 *   H34.81 and H34.83 (retinal vein occlusion), H35.31 and H35.32 (macular degeneration stage).
 *
 * A configured code file (icd10File.ts) is more precise than this table and should win.
 */
import { isIcd10Shaped, normalizeIcd10 } from './icd10';

export interface SeventhCharacterRule {
  /** The tabular node that carries the 7th-character definition, dotted (e.g. 'M84.3', 'S42.27'). */
  node: string;
  /** The 7th characters the tabular lists for it, in order (e.g. 'ADGKPS', '0123459'). */
  extensions: string;
  sources: readonly string[];
}

const SOURCES = Object.freeze(['SRC-CDC-ICD10CM-FILES']);

/** S categories whose 7th characters differ from the default A D S (FY2021 tabular). */
const S_OVERRIDES: ReadonlyArray<readonly [string, string]> = [
  ['S02', 'ABDGKS'],
  ['S12', 'ABDGKS'],
  ['S22', 'ABDGKS'],
  ['S32', 'ABDGKS'],
  ['S42', 'ABDGKPS'],
  ['S42.27', 'ADGKPS'],
  ['S42.31', 'ADGKPS'],
  ['S42.48', 'ADGKPS'],
  ['S49', 'ADGKPS'],
  ['S52', 'ABCDEFGHJKMNPQRS'],
  ['S52.01', 'ADGKPS'],
  ['S52.11', 'ADGKPS'],
  ['S52.21', 'ADGKPS'],
  ['S52.31', 'ADGKPS'],
  ['S52.52', 'ADGKPS'],
  ['S52.62', 'ADGKPS'],
  ['S59', 'ADGKPS'],
  ['S62', 'ABDGKPS'],
  ['S72', 'ABCDEFGHJKMNPQRS'],
  ['S72.47', 'ADGKPS'],
  ['S79', 'ADGKPS'],
  ['S82', 'ABCDEFGHJKMNPQRS'],
  ['S82.16', 'ADGKPS'],
  ['S82.31', 'ADGKPS'],
  ['S82.81', 'ADGKPS'],
  ['S82.82', 'ADGKPS'],
  ['S89', 'ADGKPS'],
  ['S92', 'ABDGKPS'],
  ['S99.0', 'ABDGKPS'],
  ['S99.1', 'ABDGKPS'],
  ['S99.2', 'ABDGKPS'],
];

/** Nodes outside chapters S, T and V-Y that need a 7th character (FY2021 tabular). */
const OTHER_NODES: ReadonlyArray<readonly [string, string]> = [
  ...['E08', 'E09', 'E10', 'E11', 'E13'].flatMap((c) => ['32', '33', '34', '35', '37'].map((s) => [`${c}.${s}`, '1239'] as const)),
  ['H34.81', '012'],
  ['H34.83', '012'],
  ['H35.31', '01234'],
  ['H35.32', '0123'],
  ['H40.10', '01234'],
  ['H40.11', '01234'],
  ['H40.12', '01234'],
  ['H40.13', '01234'],
  ['H40.14', '01234'],
  ['H40.20', '01234'],
  ['H40.22', '01234'],
  ['H40.3', '01234'],
  ['H40.4', '01234'],
  ['H40.5', '01234'],
  ['H40.6', '01234'],
  ['M1A', '01'],
  ['M48.4', 'ADGS'],
  ['M48.5', 'ADGS'],
  ['M80', 'ADGKPS'],
  ['M84.3', 'ADGKPS'],
  ['M84.4', 'ADGKPS'],
  ['M84.5', 'ADGKPS'],
  ['M84.6', 'ADGKPS'],
  ['M84.75', 'ADGKPS'],
  ['M97', 'ADS'],
  ['O31', '0123459'],
  ['O32', '0123459'],
  ['O33.3', '0123459'],
  ['O33.4', '0123459'],
  ['O33.5', '0123459'],
  ['O33.6', '0123459'],
  ['O33.7', '0123459'],
  ['O35', '0123459'],
  ['O36', '0123459'],
  ['O40', '0123459'],
  ['O41', '0123459'],
  ['O60.1', '0123459'],
  ['O60.2', '0123459'],
  ['O64', '0123459'],
  ['O69', '0123459'],
  ['R40.21', '01234'],
  ['R40.22', '01234'],
  ['R40.23', '01234'],
  ['R40.24', '01234'],
];

/** T categories that take no 7th character. */
export const T_CATEGORIES_WITHOUT_SEVENTH: ReadonlySet<string> = new Set(['T30', 'T31', 'T32', 'T86', 'T87']);
/** Categories of V00-Y38 that take no 7th character. */
export const EXTERNAL_CAUSE_CATEGORIES_WITHOUT_SEVENTH: ReadonlySet<string> = new Set(['Y07', 'Y09']);

/**
 * Subcategories whose own last character is a letter (so a code ending in it is not an unpadded
 * extension). Seen in the April 2026 tabular: M80.8A, M80.8B. Others may exist; a configured code
 * file settles such cases.
 */
export const LETTER_ENDING_NODES: ReadonlySet<string> = new Set(['M808A', 'M808B']);

function bodyOf(code: string): string {
  return normalizeIcd10(code).replace('.', '');
}

const EXPLICIT: ReadonlyMap<string, string> = new Map([...S_OVERRIDES, ...OTHER_NODES].map(([node, ext]) => [node.replace('.', ''), ext] as const));
const EXPLICIT_DOTTED: ReadonlyMap<string, string> = new Map([...S_OVERRIDES, ...OTHER_NODES].map(([node]) => [node.replace('.', ''), node] as const));

/** Every explicit node of the table (S overrides and the non-S/T/V-Y nodes), dotted. */
export const SEVENTH_CHARACTER_NODES: readonly string[] = Object.freeze([...S_OVERRIDES, ...OTHER_NODES].map(([n]) => n));

function dotted(body: string): string {
  return body.length > 3 ? `${body.slice(0, 3)}.${body.slice(3)}` : body;
}

/**
 * The 7th-character rule that applies to a code (a category, subcategory or full code, dotted or
 * not, any case), or undefined when the tabular gives none. A bare category that is only partly
 * covered (M84, H40, O33, R40, E11) gives undefined: which of its subcategories applies is not
 * known yet.
 */
export function seventhCharacterRule(code: string): SeventhCharacterRule | undefined {
  if (!isIcd10Shaped(code)) return undefined;
  const body = bodyOf(code);
  // Longest explicit node first (S42.27 before S42).
  for (let len = Math.min(body.length, 6); len >= 3; len--) {
    const prefix = body.slice(0, len);
    const ext = EXPLICIT.get(prefix);
    if (ext !== undefined) return Object.freeze({ node: EXPLICIT_DOTTED.get(prefix) ?? dotted(prefix), extensions: ext, sources: SOURCES });
  }
  const category = body.slice(0, 3);
  const letter = category.charAt(0);
  if (letter === 'S') return Object.freeze({ node: category, extensions: 'ADS', sources: SOURCES });
  if (letter === 'T' && !T_CATEGORIES_WITHOUT_SEVENTH.has(category)) {
    return Object.freeze({ node: category, extensions: 'ADS', sources: SOURCES });
  }
  if ('VWXY'.includes(letter) && category <= 'Y38' && !EXTERNAL_CAUSE_CATEGORIES_WITHOUT_SEVENTH.has(category)) {
    return Object.freeze({ node: category, extensions: 'ADS', sources: SOURCES });
  }
  return undefined;
}

/**
 * true when the code belongs to a category or subcategory the ICD-10-CM tabular marks as needing
 * a 7th character: S52.5 and M84.371 -> true; T31.11, T87.43, M21.371 -> false. A code that
 * already has its 7th character (S52.521A) is still "in" such a category -> true.
 */
export function needsSeventhCharacter(code: string): boolean {
  return seventhCharacterRule(code) !== undefined;
}

export type SeventhCharacterIssue = 'missing' | 'unpadded' | 'invalid-extension';

/**
 * Table-based check of one code:
 * - undefined: not a 7th-character code, or a complete one with an allowed 7th character;
 * - 'invalid-extension': 7 characters but the 7th is not one the tabular lists for it (O31.00X7);
 * - 'unpadded': shorter than 7, ending in a letter the category allows, written without its X
 *   placeholders (S02.2A for S02.2XXA; M84.37A is read as M84.37XA - the code set decides if the
 *   6th character was needed). Codes ending in a subcategory letter (M80.8A) are not read so;
 * - 'missing': shorter than 7 otherwise (S52.5, M80.08, T14.8).
 */
export function seventhCharacterIssue(code: string): SeventhCharacterIssue | undefined {
  const rule = seventhCharacterRule(code);
  if (rule === undefined) return undefined;
  const body = bodyOf(code);
  if (body.length >= 7) return rule.extensions.includes(body.charAt(6)) ? undefined : 'invalid-extension';
  const last = body.charAt(body.length - 1);
  const nodeLen = rule.node.replace('.', '').length;
  if (body.length >= 4 && /[A-Z]/.test(last) && rule.extensions.includes(last) && body.length - 1 >= nodeLen && !LETTER_ENDING_NODES.has(body)) {
    return 'unpadded';
  }
  return 'missing';
}
