/**
 * ICD-10-CM helpers: shape, normalization, a small table of orthosis-supporting codes,
 * non-billable headers, laterality and 7th-character checks. Descriptions are our own words.
 * ICD-10-CM changes every 1 October; real validity needs the CMS code file for the date of
 * service (see icd10File.ts). Everything here is shape/heuristic only.
 */

export type Side = 'right' | 'left' | 'bilateral' | 'unspecified';

export interface Icd10Info {
  code: string;
  label: string;
  side?: Side;
  region?: 'upper' | 'lower' | 'trunk';
}

/**
 * Trim, uppercase and insert the dot after the 3rd character when it is missing and the code is
 * longer than 3 characters: `m21371` -> `M21.371`, `g80` -> `G80`. Existing dots are kept as-is.
 */
export function normalizeIcd10(code: string): string {
  const c = code.trim().toUpperCase();
  if (c.length > 3 && !c.includes('.')) return `${c.slice(0, 3)}.${c.slice(3)}`;
  return c;
}

/**
 * Shape regex from domain-97760.md §4.4 [S-ICD-PGM] [S-ICD-1LIB] [S-ICD-SLIDE]:
 * letter, digit, digit-or-letter, then optionally an (optional) dot and 1-4 more letters/digits.
 * Case-insensitive, with or without the dot. Shape only, not validity.
 */
const ICD10_SHAPE = /^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/i;

export function isIcd10Shaped(code: string): boolean {
  return ICD10_SHAPE.test(code.trim());
}

function info(code: string, label: string, side?: Side, region?: Icd10Info['region']): [string, Icd10Info] {
  const i: Icd10Info = { code, label };
  if (side !== undefined) i.side = side;
  if (region !== undefined) i.region = region;
  return [code, Object.freeze(i)];
}

/**
 * Billable ICD-10-CM codes that commonly support an orthosis, each VERIFIED as listed in
 * domain-97760.md §4.4. Sources: [S-ICD-M2137] (M21.37x), [S-ICD-I6935] [S-ICD-I69BLOG] (I69.35x),
 * [S-ICD-SKY] [S-ICD-G80] (G80.x), [S-ICD-G560] [S-ICD-G5600] (G56.0x), [S-AAPC-WRIST] (M65.4),
 * [S-ICD-M722] [S-ICD-M722B] (M72.2). Compiled 2026-11.
 * Deliberately NOT included (children unverified in the doc): G81.1x (spastic hemiplegia, side/
 * dominance in 5th char [S-ICD-SKY]), M21.33x, G57.3x, S52.5xx, S82.xxx. M72.2 laterality is
 * unconfirmed (a third-party page claims M72.20/21/22 children [S-ICD-M722C]); no side given.
 * I69.35x "side" is the affected body side; dominance is in the label.
 */
export const KNOWN_ICD10: ReadonlyMap<string, Icd10Info> = new Map<string, Icd10Info>([
  // verified [S-ICD-M2137]
  info('M21.371', 'acquired foot drop, right foot', 'right', 'lower'),
  info('M21.372', 'acquired foot drop, left foot', 'left', 'lower'),
  info('M21.379', 'acquired foot drop, foot side not specified', 'unspecified', 'lower'),
  // verified [S-ICD-I6935] [S-ICD-I69BLOG]
  info('I69.351', 'hemiplegia/hemiparesis after cerebral infarction, right dominant side', 'right'),
  info('I69.352', 'hemiplegia/hemiparesis after cerebral infarction, left dominant side', 'left'),
  info('I69.353', 'hemiplegia/hemiparesis after cerebral infarction, right non-dominant side', 'right'),
  info('I69.354', 'hemiplegia/hemiparesis after cerebral infarction, left non-dominant side', 'left'),
  info('I69.359', 'hemiplegia/hemiparesis after cerebral infarction, side not specified', 'unspecified'),
  // verified [S-ICD-SKY] [S-ICD-G80]
  info('G80.0', 'cerebral palsy, spastic quadriplegic'),
  info('G80.1', 'cerebral palsy, spastic diplegic'),
  info('G80.2', 'cerebral palsy, spastic hemiplegic'),
  info('G80.3', 'cerebral palsy, athetoid'),
  info('G80.4', 'cerebral palsy, ataxic'),
  info('G80.8', 'cerebral palsy, other type'),
  info('G80.9', 'cerebral palsy, type not specified'),
  // verified [S-ICD-G560] [S-ICD-G5600]
  info('G56.00', 'carpal tunnel syndrome, upper limb side not specified', 'unspecified', 'upper'),
  info('G56.01', 'carpal tunnel syndrome, right upper limb', 'right', 'upper'),
  info('G56.02', 'carpal tunnel syndrome, left upper limb', 'left', 'upper'),
  info('G56.03', 'carpal tunnel syndrome, both upper limbs', 'bilateral', 'upper'),
  // verified [S-AAPC-WRIST]
  info('M65.4', 'radial styloid tenosynovitis (de Quervain)', undefined, 'upper'),
  // verified [S-ICD-M722] [S-ICD-M722B]; laterality children unconfirmed (see above)
  info('M72.2', 'plantar fascial fibromatosis (used for plantar fasciitis)', undefined, 'lower'),
]);

/**
 * Category/subcategory headers that are NOT billable on their own, mapped to their billable
 * children where the doc lists them (empty list = children unverified, header still not billable).
 * Sources: [S-ICD-MCK] [S-ICD-M2137] [S-ICD-G80] [S-ICD-G560] [S-ICD-I6935] [S-ICD-G573]
 * [S-AAPC-WRIST] (M21.33- side in 6th char) [S-ICD-SKY] (G81.1- side in 5th char) [S-ICD-PGM]
 * (S82 needs more characters + 7th char). Compiled 2026-11.
 * G81.1 is an addition beyond rules.md's list (the doc says its 5th character is required).
 */
export const NON_BILLABLE_HEADERS: ReadonlyMap<string, string[]> = new Map<string, string[]>([
  ['G80', ['G80.0', 'G80.1', 'G80.2', 'G80.3', 'G80.4', 'G80.8', 'G80.9']],
  ['M21.37', ['M21.371', 'M21.372', 'M21.379']],
  ['G56.0', ['G56.00', 'G56.01', 'G56.02', 'G56.03']],
  ['G57.3', []], // children G57.30-.33 only by analogy with G57.2x [S-ICD-G57X]: unverified
  ['I69.35', ['I69.351', 'I69.352', 'I69.353', 'I69.354', 'I69.359']],
  ['M21.33', []], // side in 6th char [S-AAPC-WRIST]; specific children unverified
  ['G81.1', []], // side/dominance in 5th char [S-ICD-SKY]; specific children unverified
  ['S82', []], // specific S82 codes unverified; only the 7th-character scheme is
]);

/** Side stated by a code in KNOWN_ICD10 (input normalized first); undefined when unknown or side-less. */
export function icd10Side(code: string): Side | undefined {
  return KNOWN_ICD10.get(normalizeIcd10(code))?.side;
}

function familyOf(code: string): string[] | undefined {
  const direct = NON_BILLABLE_HEADERS.get(code);
  if (direct !== undefined) return direct;
  for (const children of NON_BILLABLE_HEADERS.values()) {
    if (children.includes(code)) return children;
  }
  return undefined;
}

/**
 * Billable codes from the same family as `code` (a header or one of its children) that state
 * `side`. Examples: M21.379 + right -> ['M21.371']; M21.37 + left -> ['M21.372'];
 * I69.359 + right -> ['I69.351', 'I69.353'] (dominant, non-dominant); M21.372 + right -> ['M21.371'].
 * Returns [] when the code already states `side`, the family is unknown, or no child has that side.
 */
export function sideSpecificAlternatives(code: string, side: 'right' | 'left' | 'bilateral'): string[] {
  const n = normalizeIcd10(code);
  if (KNOWN_ICD10.get(n)?.side === side) return [];
  const family = familyOf(n);
  if (family === undefined) return [];
  return family.filter((c) => c !== n && KNOWN_ICD10.get(c)?.side === side);
}

/**
 * 7th-character extensions: A D S for injuries in general; B C E F G H J K M N P Q R for
 * fracture episodes (open-fracture types, delayed healing, nonunion, malunion ...).
 * Sources: [S-ICD-PGM] [S-ICD-IBX]. Compiled 2026-11.
 */
export const SEVENTH_CHARACTERS: ReadonlySet<string> = new Set('ADSBCEFGHJKMNPQR'.split(''));

/**
 * v1 heuristic, kept for the v1 rules: a code of the injury/poisoning chapters S and T
 * [S-ICD-PGM] [S-ICD-MCK]. Case-insensitive; only the first letter is looked at.
 * (Until v2 this was `needsSeventhCharacter`; that name now belongs to the tabular-based table in
 * seventhCharacter.ts, which knows that T31/T32/T87 take no 7th character and M80/M84.3 do.)
 */
export function isInjuryChapterCode(code: string): boolean {
  return /^[ST]/i.test(code.trim());
}

/**
 * Heuristic 7th-character check for S/T codes (shape-level, no code-set lookup):
 *
 * - Not an ICD-shaped S/T code -> undefined (nothing to say).
 * - 7 characters without the dot -> undefined (full length; the letter itself is not validated).
 * - Shorter than 7, and the last character is one of SEVENTH_CHARACTERS, and there are at least
 *   4 characters -> 'unpadded': in chapters S/T the 4th-6th positions hold digits or the `X`
 *   placeholder, never other letters, so a trailing extension letter on a short code is an
 *   extension written without its X placeholders (S02.2A should be S02.2XXA).
 * - Otherwise (shorter than 7, ending in a digit or `X`, or just a 3-character category) ->
 *   'missing' (S52.5, S82, S02.2XX).
 *
 * Examples: S52.5 -> 'missing'; S02.2A -> 'unpadded'; S02.2XXA -> undefined; S52.521A -> undefined.
 */
export function seventhCharacterProblem(code: string): 'missing' | 'unpadded' | undefined {
  if (!isInjuryChapterCode(code) || !isIcd10Shaped(code)) return undefined;
  const body = normalizeIcd10(code).replace('.', '');
  if (body.length >= 7) return undefined;
  const last = body.charAt(body.length - 1);
  if (body.length >= 4 && SEVENTH_CHARACTERS.has(last)) return 'unpadded';
  return 'missing';
}

/**
 * Insert the `X` placeholders an unpadded 7th character needs: S02.2A -> S02.2XXA,
 * s02.2xa -> S02.2XXA. Any other code is returned normalized and otherwise unchanged.
 */
export function padSeventhCharacter(code: string): string {
  const n = normalizeIcd10(code);
  if (seventhCharacterProblem(n) !== 'unpadded') return n;
  const body = n.replace('.', '');
  const padded = body.slice(0, -1).padEnd(6, 'X') + body.slice(-1);
  return `${padded.slice(0, 3)}.${padded.slice(3)}`;
}
