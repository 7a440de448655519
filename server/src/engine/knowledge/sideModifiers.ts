/**
 * L-codes (and the few A-codes listed with them) that DME MAC policy articles require RT or LT on,
 * for the G rule `lcode-missing-side-modifier` (rules.md v2 §G).
 *
 * What the sources say (looked at 2026-11-29):
 * - Several DME MAC policy articles require RT/LT for certain HCPCS codes; from dates of service
 *   2019-03-01 an item used on both sides is billed on two claim lines, one RT and one LT, one unit
 *   each - never RTLT on one line with 2 units; lines without RT/LT are rejected
 *   (SRC-DMEMAC-RTLT-JOINT, SRC-NORIDIAN-RTLT-2019, SRC-CGS-RTLT-2019, SRC-CGS-RTLT-FACTSHEET).
 * - The policy articles concerned include AFO/KAFO (A52457), knee orthoses (A52465), lower limb
 *   prostheses (A52496) and orthopedic footwear (A52481) (SRC-CGS-RTLT-FACTSHEET) - also breast,
 *   eye and facial prostheses, lenses, dressings, diabetic shoes and wheelchair options, which are
 *   outside a therapy note and left out here.
 * - The AFO/KAFO code list below is copied code by code from SRC-CGS-RTLT-2019. For knee orthoses,
 *   lower limb prostheses and orthopedic footwear the same page's lists were not visible, so those
 *   are whole HCPCS blocks (SRC-CMS-HCPCS-2019) minus the codes whose wording describes a pair or
 *   both sides: `verified: false` for those three.
 * - Not required (no policy article found listing them): hip orthoses L1600-L1690, Legg-Perthes
 *   orthoses L1700-L1755, spinal orthoses, upper-limb orthoses L3650-L3999, upper-limb prostheses
 *   L6000-L7499. These DME MAC rules bind DME suppliers; for a therapist billing an A/B MAC no
 *   equivalent rule was verified, hence a warning in rules.md.
 */

export type SidePolicy = 'afo-kafo' | 'knee-orthosis' | 'lower-limb-prosthesis' | 'orthopedic-footwear';

export interface SideRequirement {
  /** true: bill with RT or LT (two lines, one unit each, for both sides). */
  required: boolean;
  policy?: SidePolicy;
  /** Why RT/LT is not required when the code sits inside a listed block. */
  reason?: 'pair-or-both-sides';
  /** true where the exact code was seen in a DME MAC list; false where it comes from a block. */
  verified: boolean;
  sources: readonly string[];
}

/** AFO/KAFO codes listed as needing RT/LT, exactly as in SRC-CGS-RTLT-2019 (dates of service from 2019-03-01). */
export const AFO_KAFO_SIDE_CODES: ReadonlySet<string> = new Set([
  'A4467',
  'A9283',
  'A9285',
  'L1900',
  'L1902',
  'L1904',
  'L1906',
  'L1907',
  'L1910',
  'L1920',
  'L1930',
  'L1932',
  'L1940',
  'L1945',
  'L1950',
  'L1951',
  'L1960',
  'L1970',
  'L1971',
  'L1980',
  'L1990',
  'L2000',
  'L2005',
  'L2010',
  'L2020',
  'L2030',
  'L2034',
  'L2035',
  'L2036',
  'L2037',
  'L2038',
  'L2106',
  'L2108',
  'L2112',
  'L2114',
  'L2116',
  'L2126',
  'L2128',
  'L2132',
  'L2134',
  'L2136',
  'L2180',
  'L2182',
  'L2184',
  'L2186',
  'L2188',
  'L2190',
  'L2192',
  'L2200',
  'L2210',
  'L2220',
  'L2230',
  'L2232',
  'L2240',
  'L2250',
  'L2260',
  'L2265',
  'L2270',
  'L2275',
  'L2280',
  'L2300',
  'L2310',
  'L2320',
  'L2330',
  'L2335',
  'L2340',
  'L2350',
  'L2360',
  'L2370',
  'L2375',
  'L2380',
  'L2385',
  'L2387',
  'L2390',
  'L2395',
  'L2397',
  'L2405',
  'L2415',
  'L2425',
  'L2430',
  'L2492',
  'L2500',
  'L2510',
  'L2520',
  'L2525',
  'L2526',
  'L2530',
  'L2540',
  'L2550',
  'L2750',
  'L2755',
  'L2760',
  'L2768',
  'L2780',
  'L2785',
  'L2795',
  'L2800',
  'L2810',
  'L2820',
  'L2830',
  'L2840',
  'L2850',
  'L2999',
  'L4350',
  'L4360',
  'L4361',
  'L4370',
  'L4386',
  'L4387',
  'L4394',
  'L4396',
  'L4397',
  'L4398',
  'L4631',
]);

interface SideBlock {
  first: string;
  last: string;
  policy: Exclude<SidePolicy, 'afo-kafo'>;
  /** Codes inside the block whose wording describes a pair or both sides (SRC-CMS-HCPCS-2019). */
  pairOrBoth: readonly string[];
}

/** Block-level entries (not seen code by code in a DME MAC list): verified = false. */
export const SIDE_BLOCKS: readonly SideBlock[] = Object.freeze([
  // Knee orthosis base codes L1810-L1860 (every L-code of that span in the 2019 HCPCS file is a knee orthosis).
  Object.freeze({ first: 'L1810', last: 'L1860', policy: 'knee-orthosis' as const, pairOrBoth: Object.freeze([]) }),
  // Orthopedic footwear: inserts, arch supports, shoes and shoe modifications L3000-L3649.
  // L3212-L3214 are "pair" boots, L3640 covers "both shoes", L3140/L3150 are the abduction
  // rotation bar that joins both feet (our reading of the wording: both sides).
  Object.freeze({ first: 'L3000', last: 'L3649', policy: 'orthopedic-footwear' as const, pairOrBoth: Object.freeze(['L3140', 'L3150', 'L3212', 'L3213', 'L3214', 'L3640']) }),
  // Lower limb prostheses L5000-L5999; L5676-L5678 are sold as a pair.
  Object.freeze({ first: 'L5000', last: 'L5999', policy: 'lower-limb-prosthesis' as const, pairOrBoth: Object.freeze(['L5676', 'L5677', 'L5678']) }),
]);

const AFO_SOURCES = Object.freeze(['SRC-CGS-RTLT-2019', 'SRC-DMEMAC-RTLT-JOINT', 'SRC-NORIDIAN-RTLT-2019']);
const BLOCK_SOURCES = Object.freeze(['SRC-CGS-RTLT-FACTSHEET', 'SRC-CGS-RTLT-2019', 'SRC-CMS-HCPCS-2019']);

function num(code: string): number {
  return Number(code.slice(1));
}

/**
 * Whether a charge code needs RT or LT under the DME MAC policy articles (case-insensitive).
 * Returns `{ required: false, verified: ... }` for every code outside the lists, including
 * non-L-codes, hip and upper-limb orthoses and upper-limb prostheses.
 */
export function sideModifierRequirement(code: string): SideRequirement {
  const c = code.trim().toUpperCase();
  if (AFO_KAFO_SIDE_CODES.has(c)) return { required: true, policy: 'afo-kafo', verified: true, sources: AFO_SOURCES };
  if (/^L\d{4}$/.test(c)) {
    const n = num(c);
    for (const b of SIDE_BLOCKS) {
      if (n < num(b.first) || n > num(b.last)) continue;
      if (b.pairOrBoth.includes(c)) return { required: false, policy: b.policy, reason: 'pair-or-both-sides', verified: false, sources: ['SRC-CMS-HCPCS-2019'] };
      return { required: true, policy: b.policy, verified: false, sources: BLOCK_SOURCES };
    }
  }
  return { required: false, verified: false, sources: BLOCK_SOURCES };
}

/** Shorthand: true when RT or LT is required on this code. */
export function requiresSideModifier(code: string): boolean {
  return sideModifierRequirement(code).required;
}
