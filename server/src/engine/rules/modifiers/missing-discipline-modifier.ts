import { addModifier } from '../../edit';
import { isTherapyCode } from '../../knowledge/cpt';
import { DISCIPLINE_MODIFIER, disciplineOfModifier, type Discipline } from '../../knowledge/modifiers';
import { chargeAnchor } from '../shared';
import { withArticle } from './util';
import type { NoteRule } from '../types';

/** R-MOD-01: every 97xxx therapy line carries the plan-of-care modifier GP, GO or GN. */
export const missingDisciplineModifier: NoteRule = {
  id: 'missing-discipline-modifier',
  description: 'A therapy (97xxx) charge line has no discipline modifier (GP, GO or GN).',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['modifiers'],
  references: ['R-MOD-01'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const discipline = note.facts.discipline as Discipline | undefined;
    const wanted = discipline ? DISCIPLINE_MODIFIER[discipline] : undefined;
    for (const charge of note.facts.charges) {
      if (!charge.code || !isTherapyCode(charge.code)) continue;
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
