/**
 * CPT procedure codes that appear around 97760 (orthotic management and training).
 *
 * Labels are our own short paraphrases; no AMA CPT descriptor text is reproduced here.
 * CPT codes change every 1 January, so this table is versioned by its compile date.
 */

export type CodeKind = 'orthotic-initial' | 'prosthetic-initial' | 'orthotic-prosthetic-subsequent' | 'deleted' | 'gait' | 'therapy' | 'evaluation' | 're-evaluation';

export interface CptInfo {
  code: string;
  /** Our own short description (never the AMA descriptor). */
  label: string;
  /** true = billed in 15-minute units under the 8-minute rule. */
  timed: boolean;
  kind: CodeKind;
  /** false where domain-97760.md marks the timing as unverified. */
  verified: boolean;
}

function entry(code: string, label: string, timed: boolean, kind: CodeKind, verified = true): [string, CptInfo] {
  return [code, Object.freeze({ code, label, timed, kind, verified })];
}

/**
 * Sources (domain-97760.md §1, §4.1): [S-CA] [S-CA2] [S-OP] [S-PTM] [S-GAW61] [S-8MIN-EXP]
 * [S-KX-ATH] [S-ELITE]. Facts compiled 2026-11.
 * - 97760/97761/97763 timed per 15 min [S-CA] [S-CA2] [S-OP] [S-PTM].
 * - 97762 deleted 1 Jan 2018 [S-PTM]; kept only so it can be reported as invalid.
 * - 97116/97110/97112/97140/97530 timed [S-8MIN-EXP] (97110 also [S-KX-ATH]).
 * - 97161-97163, 97165-97167 untimed [S-8MIN-EXP] [S-ELITE].
 * - UNVERIFIED timing: 97750 (timed), 97164 and 97168 (untimed) -> verified: false.
 */
export const CPT_CODES: ReadonlyMap<string, CptInfo> = new Map<string, CptInfo>([
  entry('97760', 'orthosis management and training, first encounter (arm, leg and/or trunk)', true, 'orthotic-initial'),
  entry('97761', 'prosthesis training, first encounter (upper and/or lower limb)', true, 'prosthetic-initial'),
  entry('97763', 'orthosis/prosthesis management and training, later encounter', true, 'orthotic-prosthetic-subsequent'),
  entry('97762', 'former orthotic/prosthetic checkout; deleted in 2018, no longer valid', false, 'deleted'),
  entry('97116', 'gait training', true, 'gait'),
  entry('97110', 'therapeutic exercise', true, 'therapy'),
  entry('97112', 'neuromuscular re-education', true, 'therapy'),
  entry('97140', 'manual therapy', true, 'therapy'),
  entry('97530', 'therapeutic activities', true, 'therapy'),
  entry('97750', 'physical performance testing/measurement', true, 'therapy', false),
  entry('97161', 'PT evaluation, low complexity', false, 'evaluation'),
  entry('97162', 'PT evaluation, moderate complexity', false, 'evaluation'),
  entry('97163', 'PT evaluation, high complexity', false, 'evaluation'),
  entry('97164', 'PT re-evaluation', false, 're-evaluation', false),
  entry('97165', 'OT evaluation, low complexity', false, 'evaluation'),
  entry('97166', 'OT evaluation, moderate complexity', false, 'evaluation'),
  entry('97167', 'OT evaluation, high complexity', false, 'evaluation'),
  entry('97168', 'OT re-evaluation', false, 're-evaluation', false),
]);

/** Exactly five digits (the shape of a CPT code; surrounding whitespace ignored). */
export function isCptShaped(code: string): boolean {
  return /^\d{5}$/.test(code.trim());
}

/** A 5-digit code in the 97xxx physical medicine / rehabilitation block. */
export function isTherapyCode(code: string): boolean {
  return /^97\d{3}$/.test(code.trim());
}

/** A code from CPT_CODES that is timed (15-minute units). Unknown codes, including unknown 97xxx codes: false. */
export function isTimedCode(code: string): boolean {
  return CPT_CODES.get(code.trim())?.timed ?? false;
}

export function cptInfo(code: string): CptInfo | undefined {
  return CPT_CODES.get(code.trim());
}
