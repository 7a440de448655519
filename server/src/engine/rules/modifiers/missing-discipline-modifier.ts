import { addModifier } from '../../edit';
import { isTherapyCode } from '../../knowledge/cpt';
import { disciplineModifierRequirement } from '../../knowledge/therapyCodes';
import { DISCIPLINE_MODIFIER, disciplineOfModifier, type Discipline } from '../../knowledge/modifiers';
import { chargeAnchor } from '../shared';
import { withArticle } from './util';
import type { NoteRule } from '../types';

/**
 * Whether a line's code needs GP/GO/GN (v2 item 11): every code of the therapy code list
 * (knowledge/therapyCodes.ts — "always therapy" codes and "sometimes therapy" codes such as G0283
 * and the 29xxx strapping/casting block), and any other 97xxx code as in v1. L-codes, supply
 * codes and codes the tables do not know need none.
 */
export function needsDisciplineModifier(code: string): boolean {
  const r = disciplineModifierRequirement(code);
  return r === 'required' || (r === 'unknown' && isTherapyCode(code));
}

/** R-MOD-01: every therapy line carries the plan-of-care modifier GP, GO or GN. */
export const missingDisciplineModifier: NoteRule = {
  id: 'missing-discipline-modifier',
  description: 'A charge line with a code on the therapy code list (97xxx, G0283, 29xxx strapping/casting …) has no discipline modifier (GP, GO or GN).',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['modifiers'],
  references: ['SRC-CMS-MCPM-CH5', 'SRC-CMS-THERAPY-SPOTLIGHT', 'SRC-HHS-CMS-THERAPY-SERVICES', 'SRC-MLN-MM4226', 'SRC-WPS-THERAPY-LIST'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const discipline = note.facts.discipline as Discipline | undefined;
    const wanted = discipline ? DISCIPLINE_MODIFIER[discipline] : undefined;
    for (const charge of note.facts.charges) {
      if (!charge.code || !needsDisciplineModifier(charge.code)) continue;
      if (charge.modifiers.some((m) => disciplineOfModifier(m.code))) continue;
      const edit = wanted ? addModifier(note, charge, wanted) : undefined;
      report({
        range: charge.modifiersValue ? charge.modifiersValue.pairRange : chargeAnchor(charge),
        message: wanted
          ? `${charge.code} has no discipline modifier: therapy lines under ${withArticle(discipline!)} plan of care need ${wanted}.`
          : `${charge.code} has no discipline modifier: add GP (PT), GO (OT) or GN (SLP) to match the treating discipline.`,
        fixes: edit ? [{ title: `Add modifier ${wanted}`, kind: 'safe', edits: [edit] }] : [],
      });
    }
  },
};
