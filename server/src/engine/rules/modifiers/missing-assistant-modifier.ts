import { addModifier } from '../../edit';
import { isTherapyCode } from '../../knowledge/cpt';
import type { NoteRule } from '../types';
import { ASSISTANT_MODIFIER, assistantSlots, disciplineSlots, lineDiscipline, modifierSlots, modifiersAnchor, noteDiscipline } from './util';

/** R-MOD-04: Medicare — a PT/OT line furnished (in part) by an assistant carries CQ/CO. */
export const missingAssistantModifier: NoteRule = {
  id: 'missing-assistant-modifier',
  description: 'The note says an assistant furnished the service, but a PT/OT therapy line lacks CQ (PT) or CO (OT); Medicare profile.',
  defaultSeverity: 'error',
  kind: 'correctness',
  severityByProfile: { commercial: 'off' },
  tags: ['modifiers'],
  references: ['SRC-CMS-CQCO-EXAMPLES', 'SRC-CMS-THERAPY-SPOTLIGHT', 'SRC-CMS-PFS-2022-FINAL', 'SRC-CMS-MCPM-CH5'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    if (note.facts.furnishedBy !== 'assistant') return;
    const discipline = noteDiscipline(note);
    for (const charge of note.facts.charges) {
      if (!charge.code || !isTherapyCode(charge.code)) continue;
      const slots = modifierSlots(note, charge);
      // A wrong assistant modifier (CO on a PT line) is assistant-modifier-pairing's finding.
      if (assistantSlots(slots).length > 0) continue;
      const lineDisc = lineDiscipline(slots, discipline);
      if (lineDisc !== 'PT' && lineDisc !== 'OT') continue;
      const wanted = ASSISTANT_MODIFIER[lineDisc]!;
      const assistant = lineDisc === 'PT' ? 'a physical therapist assistant' : 'an occupational therapy assistant';
      // Without a discipline modifier, missing-discipline-modifier's fix writes the list first;
      // two additions to one empty list would collide, so this fix waits for it.
      const edit = disciplineSlots(slots).length > 0 ? addModifier(note, charge, wanted) : undefined;
      report({
        range: modifiersAnchor(charge),
        message: `The note says an assistant furnished this service (furnished_by: assistant), but ${charge.code} has no ${wanted}: Medicare needs ${wanted} on lines ${assistant} furnished in whole or in part.`,
        fixes: edit ? [{ title: `Add modifier ${wanted}`, kind: 'safe', edits: [edit] }] : [],
      });
    }
  },
};
