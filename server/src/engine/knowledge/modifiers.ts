/**
 * Claim-line modifiers relevant to outpatient therapy notes. Labels are our own words.
 */

export type Discipline = 'PT' | 'OT' | 'SLP';

export interface ModifierInfo {
  code: string;
  label: string;
  group: 'discipline' | 'assistant' | 'distinct' | 'side' | 'threshold';
  /** For discipline modifiers (GP/GO/GN) the plan-of-care discipline; for CQ/CO the discipline they must pair with. */
  discipline?: Discipline;
}

function mod(code: string, label: string, group: ModifierInfo['group'], discipline?: Discipline): [string, ModifierInfo] {
  const info: ModifierInfo = discipline === undefined ? { code, label, group } : { code, label, group, discipline };
  return [code, Object.freeze(info)];
}

/**
 * Sources (domain-97760.md §4.2): [S-MOD] [S-BCND] (GP/GO/GN); [S-CMSCQ] [S-BONE] [S-PROMBS]
 * [S-AMCQ] [S-GAWCQ] (CQ/CO: CQ only with GP, CO only with GO; >10% assistant share);
 * [S-KX-PROMBS] [S-KX-TC] (KX); [S-XMOD-IBX] [S-XMOD-MPB] [S-XMOD-XIFIN] (59, XE/XS/XP/XU);
 * [S-CP3908] (RT/LT, third-party). Facts compiled 2026-11.
 */
export const MODIFIERS: ReadonlyMap<string, ModifierInfo> = new Map<string, ModifierInfo>([
  mod('GP', 'delivered under a physical therapy plan of care', 'discipline', 'PT'),
  mod('GO', 'delivered under an occupational therapy plan of care', 'discipline', 'OT'),
  mod('GN', 'delivered under a speech-language pathology plan of care', 'discipline', 'SLP'),
  mod('CQ', 'PT service furnished wholly or partly (>10%) by a PT assistant; pairs with GP', 'assistant', 'PT'),
  mod('CO', 'OT service furnished wholly or partly (>10%) by an OT assistant; pairs with GO', 'assistant', 'OT'),
  mod('KX', 'therapy above the yearly threshold, stated as medically necessary and documented', 'threshold'),
  mod('59', 'distinct procedural service (generic NCCI bypass; only when no X modifier fits)', 'distinct'),
  mod('XE', 'distinct: separate encounter', 'distinct'),
  mod('XS', 'distinct: separate organ or structure', 'distinct'),
  mod('XP', 'distinct: different practitioner', 'distinct'),
  mod('XU', 'distinct: does not overlap the usual parts of the main service', 'distinct'),
  mod('RT', 'right side', 'side'),
  mod('LT', 'left side', 'side'),
]);

/** Sources: [S-MOD] [S-BCND]. Compiled 2026-11. */
export const DISCIPLINE_MODIFIER: Readonly<Record<Discipline, string>> = Object.freeze({ PT: 'GP', OT: 'GO', SLP: 'GN' });

/** Sources: [S-CMSCQ] [S-PROMBS]; no SLP-assistant modifier [S-BIO] (third-party). Compiled 2026-11. */
export const ASSISTANT_MODIFIER: Readonly<Partial<Record<Discipline, string>>> = Object.freeze({ PT: 'CQ', OT: 'CO' });

/**
 * The discipline named by a discipline modifier (GP -> PT, GO -> OT, GN -> SLP); case-insensitive.
 * Only GP/GO/GN count: CQ/CO return undefined here (their pairing discipline is in MODIFIERS.get(m).discipline),
 * so counting discipline modifiers on a line with this function does not count assistant modifiers.
 */
export function disciplineOfModifier(m: string): Discipline | undefined {
  const info = MODIFIERS.get(m.trim().toUpperCase());
  return info?.group === 'discipline' ? info.discipline : undefined;
}

/**
 * Modifiers that may appear on a charge line of a note of discipline `d`, for completion:
 * its discipline modifier, its assistant modifier (none for SLP), KX, 59, the X modifiers, RT, LT.
 * Other disciplines' GP/GO/GN/CQ/CO are left out.
 */
export function modifiersForDiscipline(d: Discipline): string[] {
  const out: string[] = [DISCIPLINE_MODIFIER[d]];
  const assistant = ASSISTANT_MODIFIER[d];
  if (assistant !== undefined) out.push(assistant);
  for (const info of MODIFIERS.values()) {
    if (info.group === 'threshold' || info.group === 'distinct' || info.group === 'side') out.push(info.code);
  }
  return out;
}
