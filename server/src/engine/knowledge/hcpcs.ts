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

/**
 * v1 behaviour, kept for the v1 rules: 'orthotic' for L0112-L4631, 'prosthetic' for L5000-L9900,
 * otherwise (incl. non-L-codes and gaps) undefined. The v2 blocks (limb prostheses only, and the
 * "neither" blocks such as L9900) are `lcodeCategory` / `LCODE_BLOCKS` below.
 */
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

/**
 * v2 L-code blocks (rules.md v2 item 5): what an L-code describes, for 97760/97761 and the
 * orthosis/prosthesis swap.
 * - 'orthosis': orthoses, their additions, replacements and repairs;
 * - 'limb-prosthesis': upper/lower limb prostheses and the items that belong to them;
 * - 'neither': L-codes that are neither an orthosis nor a limb prosthesis (breast, facial,
 *   trusses, implants, the O&P supply code L9900 ...).
 */
export type LCodeCategory = 'orthosis' | 'limb-prosthesis' | 'neither';

export interface LCodeBlock {
  first: string;
  last: string;
  category: LCodeCategory;
  /** Our own words. */
  label: string;
  sources: readonly string[];
  note?: string;
}

function block(first: string, last: string, category: LCodeCategory, label: string, note?: string): LCodeBlock {
  const b: LCodeBlock = { first, last, category, label, sources: ['SRC-CMS-HCPCS-2019'] };
  if (note !== undefined) b.note = note;
  return Object.freeze(b);
}

/**
 * Source: SRC-CMS-HCPCS-2019 (CMS 2019 alpha-numeric HCPCS file, read 2026-11-29): first and last
 * code of every block below exist in that file with the wording summarised in `label`, and no
 * L-code of the file falls outside these blocks. Codes added after 2019 were not seen; the gaps
 * (L0000-L0111, L4632-L4999, L7500-L7509, L7701-L7899, L7903-L7999, L8050-L8299, L8331-L8399,
 * L8486-L8498, L9000-L9899, L9901-L9999) held no code in 2019 and give `undefined`.
 */
export const LCODE_BLOCKS: readonly LCodeBlock[] = Object.freeze([
  block('L0112', 'L4631', 'orthosis', 'orthoses (spinal, hip, lower and upper limb), additions, replacement parts and repairs'),
  block('L5000', 'L7499', 'limb-prosthesis', 'lower and upper limb prostheses and their additions'),
  block('L7510', 'L7700', 'limb-prosthesis', 'prosthesis repairs, donning sleeve, socket insert gasket'),
  block('L7900', 'L7902', 'neither', 'vacuum erection system and its ring'),
  block('L8000', 'L8039', 'neither', 'breast prostheses and mastectomy items'),
  block('L8040', 'L8049', 'neither', 'facial and maxillofacial prostheses', 'not named in rules.md v2 item 5; classed "neither" from the HCPCS file'),
  block('L8300', 'L8330', 'neither', 'trusses'),
  block('L8400', 'L8485', 'limb-prosthesis', 'prosthetic sheaths, socks and shrinkers'),
  block('L8499', 'L8499', 'neither', 'unlisted miscellaneous prosthetic service', 'not named in rules.md v2 item 5; classed "neither"'),
  block('L8500', 'L8999', 'neither', 'artificial larynx, implants, eye/ear and other prosthetic devices (L8500 and above)'),
  block('L9900', 'L9900', 'neither', 'orthotic/prosthetic supply, accessory or service component of another code'),
]);

/** The v2 block an L-code falls in (case-insensitive); undefined for non-L-codes and for gaps. */
export function lcodeBlock(code: string): LCodeBlock | undefined {
  if (!isLCode(code)) return undefined;
  const n = lnum(code);
  return LCODE_BLOCKS.find((b) => n >= lnum(b.first) && n <= lnum(b.last));
}

/** v2 category of an L-code: 'orthosis' | 'limb-prosthesis' | 'neither'; undefined for non-L-codes and gaps. */
export function lcodeCategory(code: string): LCodeCategory | undefined {
  return lcodeBlock(code)?.category;
}
