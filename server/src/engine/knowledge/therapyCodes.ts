/**
 * v2 table of therapy procedure codes: how each is timed (v2 item 1) and whether it is on CMS's
 * therapy code list, so that it needs GP/GO/GN on a PT/OT/SLP note (v2 item 11).
 *
 * Descriptions are our own short words, never the AMA descriptors.
 *
 * What the sources say, and what they do not:
 * - Timed services are billed in 15-minute units, and the total timed minutes of the day decide
 *   the units (Pub. 100-04 ch. 5 §20.2, restated by SRC-FCSO-THERAPY-UNITS).
 * - CMS keeps an annual list of codes that "always" describe therapy and codes that "sometimes"
 *   do (SRC-MLN-MM4226; group definitions SRC-WPS-THERAPY-LIST). The current list itself (CMS
 *   "Annual Therapy Update" page) was NOT found in the stored corpora on 2026-11-29, so the list
 *   membership below follows rules.md v2 and carries `verified: false` wherever no primary source
 *   confirmed the code. Rules that rely on it should say so in their docs.
 * - 97129 is the first 15 minutes (one unit at most a day) and 97130 each further 15 minutes
 *   (SRC-KMAP-97129, a state Medicaid bulletin).
 * - 97545/97546 (per hour) and 96125 (per hour) are timed in other increments and are not part of
 *   the 15-minute arithmetic (rules.md v2 item 1; not verified against a CMS page).
 *
 * The unit arithmetic (engine/billing.ts) reads `isFifteenMinuteTimedCode`, `codeTiming`,
 * `maxUnitsPerDay` and `timedServiceOf` from here; `isTimedCode` (cpt.ts) is the v1 table's view,
 * kept for its own callers.
 */
import { CPT_CODES } from './cpt';
import { isLCode } from './hcpcs';

/** How a code is counted for units. */
export type Timing =
  | {
      kind: 'timed-15';
      /** at most this many units a day, when the code says so (97129: 1) */
      maxUnitsPerDay?: number;
      role?: 'first' | 'additional';
      /** For an 'additional' code: the code of the first unit, whose minutes it shares (97130 → 97129). */
      first?: string;
    }
  | { kind: 'timed-other'; increment: 'hour' | 'first-two-hours' }
  | { kind: 'untimed' };

/** CMS therapy code list group: always therapy, or therapy when furnished under a therapy plan of care. */
export type TherapyListGroup = 'always' | 'sometimes';

export interface TherapyCodeInfo {
  code: string;
  /** Our own short description. */
  label: string;
  timing: Timing;
  /** On CMS's therapy code list (so GP/GO/GN is needed on a therapy note); undefined = not on it. */
  therapyList?: TherapyListGroup;
  /** true only where a primary (or primary-derived) source confirmed both timing and list group. */
  verified: boolean;
  sources: readonly string[];
  note?: string;
}

const RULES_V2 = 'rules.md v2 item 1 / item 11 (project spec; not a primary source)';

function t15(code: string, label: string, sources: string[] = ['SRC-FCSO-THERAPY-UNITS'], extra: Partial<TherapyCodeInfo> = {}): [string, TherapyCodeInfo] {
  return [
    code,
    Object.freeze({
      code,
      label,
      timing: Object.freeze({ kind: 'timed-15' as const }),
      therapyList: 'always' as const,
      verified: false,
      sources,
      note: RULES_V2,
      ...extra,
    }),
  ];
}

function untimed(code: string, label: string, group: TherapyListGroup | undefined, note: string): [string, TherapyCodeInfo] {
  const info: TherapyCodeInfo = { code, label, timing: Object.freeze({ kind: 'untimed' as const }), verified: false, sources: ['SRC-MLN-MM4226'], note };
  if (group !== undefined) info.therapyList = group;
  return [code, Object.freeze(info)];
}

/**
 * Every code rules.md v2 item 1 names as a 15-minute timed code, plus the codes timed in other
 * increments and the common untimed therapy codes, so that rules can tell "known untimed" from
 * "unknown". Looked at 2026-11-29.
 */
export const THERAPY_CODES: ReadonlyMap<string, TherapyCodeInfo> = new Map<string, TherapyCodeInfo>([
  // Constant-attendance modalities, 15-minute units
  t15('97032', 'electrical stimulation with the therapist in attendance'),
  t15('97033', 'iontophoresis'),
  t15('97034', 'contrast baths'),
  t15('97035', 'ultrasound'),
  t15('97036', 'whirlpool tank (Hubbard) treatment'),
  // Therapeutic procedures, 15-minute units
  t15('97110', 'therapeutic exercise'),
  t15('97112', 'neuromuscular re-education'),
  t15('97113', 'exercise in water (aquatic therapy)'),
  t15('97116', 'gait training'),
  t15('97124', 'massage'),
  t15('97129', 'cognitive function treatment, first 15 minutes of the day', ['SRC-FCSO-THERAPY-UNITS', 'SRC-KMAP-97129'], {
    timing: Object.freeze({ kind: 'timed-15' as const, maxUnitsPerDay: 1, role: 'first' as const }),
  }),
  t15('97130', 'cognitive function treatment, each further 15 minutes (with 97129)', ['SRC-FCSO-THERAPY-UNITS', 'SRC-KMAP-97129'], {
    timing: Object.freeze({ kind: 'timed-15' as const, role: 'additional' as const, first: '97129' }),
  }),
  t15('97140', 'manual therapy'),
  t15('97530', 'therapeutic activities'),
  t15('97533', 'sensory integration techniques'),
  t15('97535', 'self-care and home management training'),
  t15('97537', 'community or work reintegration training'),
  t15('97542', 'wheelchair management and training'),
  // Tests and measurements, 15-minute units
  t15('97750', 'physical performance test or measurement'),
  t15('97755', 'assistive technology assessment'),
  // Orthotic / prosthetic management and training, 15-minute units
  t15('97760', 'orthosis management and training, first encounter', ['SRC-FCSO-THERAPY-UNITS']),
  t15('97761', 'prosthesis training, first encounter', ['SRC-FCSO-THERAPY-UNITS']),
  t15('97763', 'orthosis/prosthesis management and training, later encounter', ['SRC-FCSO-THERAPY-UNITS']),
  // Timed in other increments: outside the 15-minute arithmetic
  [
    '97545',
    Object.freeze({
      code: '97545',
      label: 'work hardening or conditioning, first 2 hours',
      timing: Object.freeze({ kind: 'timed-other' as const, increment: 'first-two-hours' as const }),
      therapyList: 'always' as const,
      verified: false,
      sources: ['SRC-MLN-MM4226'],
      note: RULES_V2,
    }),
  ],
  [
    '97546',
    Object.freeze({
      code: '97546',
      label: 'work hardening or conditioning, each further hour',
      timing: Object.freeze({ kind: 'timed-other' as const, increment: 'hour' as const }),
      therapyList: 'always' as const,
      verified: false,
      sources: ['SRC-MLN-MM4226'],
      note: RULES_V2,
    }),
  ],
  [
    '96125',
    Object.freeze({
      code: '96125',
      label: 'standardized cognitive performance testing, per hour',
      timing: Object.freeze({ kind: 'timed-other' as const, increment: 'hour' as const }),
      therapyList: 'always' as const,
      verified: false,
      sources: ['SRC-MLN-MM4226'],
      note: RULES_V2,
    }),
  ],
  // Untimed (service-based) therapy codes that appear on therapy notes
  untimed('97010', 'hot or cold packs', 'always', 'untimed supervised modality; list group unverified'),
  untimed('97012', 'mechanical traction', 'always', 'untimed supervised modality; list group unverified'),
  untimed('97014', 'electrical stimulation, unattended', 'always', 'untimed supervised modality; Medicare uses G0283 instead; list group unverified'),
  untimed('97016', 'vasopneumatic device', 'always', 'untimed supervised modality; list group unverified'),
  untimed('97018', 'paraffin bath', 'always', 'untimed supervised modality; list group unverified'),
  untimed('97022', 'whirlpool', 'always', 'untimed supervised modality; list group unverified'),
  untimed('97150', 'group therapeutic procedures', 'always', 'untimed; list group unverified'),
  untimed('97161', 'PT evaluation, low complexity', 'always', 'untimed; list group unverified'),
  untimed('97162', 'PT evaluation, moderate complexity', 'always', 'untimed; list group unverified'),
  untimed('97163', 'PT evaluation, high complexity', 'always', 'untimed; list group unverified'),
  untimed('97164', 'PT re-evaluation', 'always', 'untimed; list group unverified'),
  untimed('97165', 'OT evaluation, low complexity', 'always', 'untimed; list group unverified'),
  untimed('97166', 'OT evaluation, moderate complexity', 'always', 'untimed; list group unverified'),
  untimed('97167', 'OT evaluation, high complexity', 'always', 'untimed; list group unverified'),
  untimed('97168', 'OT re-evaluation', 'always', 'untimed; list group unverified'),
  // Speech-language pathology codes of the list (always therapy: GN on an SLP note). Membership
  // from the list's known SLP entries; the current CMS file was not seen, so unverified.
  untimed('92507', 'speech, language, voice or communication treatment, one patient', 'always', 'SLP; list group unverified'),
  untimed('92508', 'speech, language, voice or communication treatment, group', 'always', 'SLP; list group unverified'),
  untimed('92521', 'evaluation of speech fluency', 'always', 'SLP; list group unverified'),
  untimed('92522', 'evaluation of speech sound production', 'always', 'SLP; list group unverified'),
  untimed('92523', 'evaluation of speech sound production with language', 'always', 'SLP; list group unverified'),
  untimed('92524', 'voice and resonance analysis', 'always', 'SLP; list group unverified'),
  untimed('92526', 'treatment of swallowing and oral feeding', 'always', 'SLP; list group unverified'),
  untimed('92597', 'evaluation for use of a voice prosthetic or augmentative device', 'always', 'SLP; list group unverified'),
  untimed('92610', 'evaluation of oral and pharyngeal swallowing', 'always', 'SLP; list group unverified'),
  untimed(
    'G0283',
    'electrical stimulation, unattended, other than wound care (Medicare)',
    'sometimes',
    'named by rules.md v2 item 11 as a "sometimes therapy" code; not verified against the CMS list',
  ),
]);

/**
 * CPT block for casting and strapping, named by rules.md v2 item 11 as "sometimes therapy".
 * CMS's list names individual codes of this block; they were not seen (list not found), so the
 * whole block is treated as "sometimes therapy", untimed. Unverified.
 */
export const CASTING_STRAPPING_RANGE = Object.freeze({ first: 29000, last: 29799 });

function isCastingOrStrapping(code: string): boolean {
  if (!/^\d{5}$/.test(code)) return false;
  const n = Number(code);
  return n >= CASTING_STRAPPING_RANGE.first && n <= CASTING_STRAPPING_RANGE.last;
}

/** Table entry for a code (trimmed, upper-cased), including the 29xxx casting/strapping block. */
export function therapyCodeInfo(code: string): TherapyCodeInfo | undefined {
  const c = code.trim().toUpperCase();
  const hit = THERAPY_CODES.get(c);
  if (hit !== undefined) return hit;
  if (isCastingOrStrapping(c)) {
    return Object.freeze({
      code: c,
      label: 'cast or strapping application (29xxx block)',
      timing: Object.freeze({ kind: 'untimed' as const }),
      therapyList: 'sometimes' as const,
      verified: false,
      sources: ['SRC-MLN-MM4226'],
      note: 'whole 29000-29799 block treated as "sometimes therapy" per rules.md v2 item 11; CMS list not seen',
    });
  }
  return undefined;
}

/** Codes the v2 unit arithmetic totals (15-minute timed codes), in table order. */
export const FIFTEEN_MINUTE_TIMED_CODES: readonly string[] = Object.freeze([...THERAPY_CODES.values()].filter((i) => i.timing.kind === 'timed-15').map((i) => i.code));

/**
 * How a charge code is counted:
 * - 'timed-15': a 15-minute timed code (part of the 8-minute-rule total);
 * - 'timed-other': timed in other increments (97545/97546, 96125) - outside the 15-minute total;
 * - 'untimed': a known service-based code, or a device/supply code (any L-code, 99070);
 * - 'unknown': not in the tables - rules should skip the arithmetic with an info, never guess.
 */
export type CodeTiming = 'timed-15' | 'timed-other' | 'untimed' | 'unknown';

export function codeTiming(code: string): CodeTiming {
  const c = code.trim().toUpperCase();
  const info = therapyCodeInfo(c);
  if (info !== undefined) return info.timing.kind;
  const cpt = CPT_CODES.get(c);
  if (cpt !== undefined) return cpt.timed ? 'timed-15' : 'untimed';
  if (isLCode(c) || c === '99070') return 'untimed';
  return 'unknown';
}

/** true for the 15-minute timed codes of the v2 list (97535, 97113, 97129, 97130 ... included). */
export function isFifteenMinuteTimedCode(code: string): boolean {
  return codeTiming(code) === 'timed-15';
}

/** A code the tables know (timed or not); false means "unknown code X". */
export function isKnownCode(code: string): boolean {
  return codeTiming(code) !== 'unknown';
}

/** Most units a code may carry on one day when its wording caps it (97129: 1); undefined = no cap known. */
export function maxUnitsPerDay(code: string): number | undefined {
  const timing = therapyCodeInfo(code)?.timing;
  return timing?.kind === 'timed-15' ? timing.maxUnitsPerDay : undefined;
}

/**
 * The timed service a code's minutes belong to: a code that bills each further 15 minutes of
 * another code's service (97130) counts with that code (97129); every other code is its own
 * service. The unit arithmetic adds the minutes of one service together, so 97129 and 97130 are
 * never required to reach 8 minutes each.
 */
export function timedServiceOf(code: string): string {
  const c = code.trim().toUpperCase();
  const timing = therapyCodeInfo(c)?.timing;
  return timing?.kind === 'timed-15' && timing.first ? timing.first : c;
}

/**
 * Whether a charge line on a PT/OT/SLP note needs GP/GO/GN (v2 item 11):
 * - 'required': on the therapy code list (always or sometimes therapy) - including 97760/97761/97763,
 *   G0283 and the 29xxx casting/strapping block;
 * - 'not-required': L-codes and supply codes (99070, A-codes), which are not therapy services;
 * - 'unknown': anything else (e.g. an SLP 92xxx code not tabulated here) - rules should not guess.
 */
export function disciplineModifierRequirement(code: string): 'required' | 'not-required' | 'unknown' {
  const c = code.trim().toUpperCase();
  const info = therapyCodeInfo(c);
  if (info?.therapyList !== undefined) return 'required';
  if (CPT_CODES.get(c)?.kind === 'deleted') return 'unknown';
  if (CPT_CODES.has(c)) return 'required'; // 97xxx codes of the v1 table are all therapy services
  if (isLCode(c) || c === '99070' || /^A\d{4}$/.test(c)) return 'not-required';
  return 'unknown';
}
