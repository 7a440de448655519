/**
 * HCPCS Level II codes, in particular orthotic/prosthetic L-codes. Descriptions are our own words.
 * HCPCS changes every 1 January (and quarterly), so treat these as versioned data.
 */

/** A letter followed by four digits, case-insensitive (surrounding whitespace ignored). */
export function isHcpcsLevel2Shaped(code: string): boolean {
  return /^[A-Z]\d{4}$/i.test(code.trim());
}

/** An L-code: `L` + four digits, case-insensitive. */
export function isLCode(code: string): boolean {
  return /^L\d{4}$/i.test(code.trim());
}

export type LCodeKind = 'orthotic' | 'prosthetic';

/**
 * Sources: [S-HCPCS-IDX] (current hierarchy: orthotic L0112-L4631, prosthetic L5000-L9900);
 * older listings end the orthotic block at L4398 [S-HCPCS-OLD] [S-OPTUM], so the orthotic
 * upper bound is not stable over time (domain-97760.md §4.3, §7). Compiled 2026-11.
 */
export const ORTHOTIC_LCODE_RANGE = Object.freeze({ first: 'L0112', last: 'L4631' });
/** Sources: [S-HCPCS-IDX] [S-HCPCS-OLD] (consistent across sources). Compiled 2026-11. */
export const PROSTHETIC_LCODE_RANGE = Object.freeze({ first: 'L5000', last: 'L9900' });

function lnum(code: string): number {
  return Number(code.trim().slice(1));
}

/** 'orthotic' for L0112-L4631, 'prosthetic' for L5000-L9900, otherwise (incl. non-L-codes and gaps) undefined. */
export function lcodeKind(code: string): LCodeKind | undefined {
  if (!isLCode(code)) return undefined;
  const n = lnum(code);
  if (n >= lnum(ORTHOTIC_LCODE_RANGE.first) && n <= lnum(ORTHOTIC_LCODE_RANGE.last)) return 'orthotic';
  if (n >= lnum(PROSTHETIC_LCODE_RANGE.first) && n <= lnum(PROSTHETIC_LCODE_RANGE.last)) return 'prosthetic';
  return undefined;
}

export interface LCodeInfo {
  code: string;
  label: string;
  region: 'upper' | 'lower' | 'trunk';
  /** 'prefabricated' includes prefabricated items customized by an expert (custom-fitted). */
  fit: 'prefabricated' | 'custom' | 'off-the-shelf';
}

function lc(code: string, label: string, region: LCodeInfo['region'], fit: LCodeInfo['fit']): [string, LCodeInfo] {
  return [code, Object.freeze({ code, label, region, fit })];
}

/**
 * Example orthotic L-codes (domain-97760.md §4.3). Sources: [S-GH1930] [S-CP1930] [S-PDAC-AZ]
 * [S-GH1960] [S-GH1970] [S-PB1971] [S-GH1831] [S-PDAC-KO] [S-GH1833] [S-PDAC-1852] [S-GH3905]
 * [S-CP3906] [S-GH3908] [S-CP3908]; OTS vs custom-fitted: [S-PDAC-1852] [S-DMEMAC-AFO].
 * L1832 wording partly unverified; L1971 seen only in third-party/older text. L3908 is taken as
 * off-the-shelf ([S-CH3908] says custom and is not relied on). Compiled 2026-11.
 */
export const EXAMPLE_LCODES: ReadonlyMap<string, LCodeInfo> = new Map<string, LCodeInfo>([
  lc('L1930', 'ankle-foot orthosis, plastic or similar, ready-made; fitting/adjustment included', 'lower', 'prefabricated'),
  lc('L1940', 'ankle-foot orthosis, plastic or similar, made to measure', 'lower', 'custom'),
  lc('L1960', 'ankle-foot orthosis, rigid posterior plastic shell with solid ankle, made to measure', 'lower', 'custom'),
  lc('L1970', 'ankle-foot orthosis, plastic with ankle joint, made to measure', 'lower', 'custom'),
  lc('L1971', 'ankle-foot orthosis, plastic or similar with ankle joint, ready-made; fitting/adjustment included', 'lower', 'prefabricated'),
  lc('L1831', 'knee orthosis with locking joint(s) for positioning, ready-made; fitting included', 'lower', 'prefabricated'),
  lc('L1832', 'knee orthosis with adjustable flexion/extension joints, positioning, rigid support, ready-made and fitted by an expert', 'lower', 'prefabricated'),
  lc('L1833', 'knee orthosis with adjustable joints, positioning, rigid support, off-the-shelf', 'lower', 'off-the-shelf'),
  lc('L1852', 'knee orthosis, double upright, adjustable joint, side-to-side and rotation control, off-the-shelf', 'lower', 'off-the-shelf'),
  lc('L3905', 'wrist-hand orthosis with non-torsion joints, elastic bands or turnbuckles, made to measure; fitting included', 'upper', 'custom'),
  lc('L3906', 'wrist-hand orthosis without joints, made to measure; fitting/adjustment included', 'upper', 'custom'),
  lc('L3908', 'wrist-hand "cock-up" orthosis holding the wrist extended, non-molded, off-the-shelf', 'upper', 'off-the-shelf'),
]);
