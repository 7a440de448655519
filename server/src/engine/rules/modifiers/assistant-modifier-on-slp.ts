import type { NoteRule } from '../types';
import { assistantSlots, isSlpLine, modifierSlots, noteDiscipline, removeModifiers } from './util';

/** R-MOD-06: CQ/CO cover PT and OT assistants only; there is no SLP-assistant modifier. */
export const assistantModifierOnSlp: NoteRule = {
  id: 'assistant-modifier-on-slp',
  description: 'A speech-language pathology (GN) line carries CQ or CO, which apply only to PT and OT assistants.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['modifiers'],
  references: ['SRC-CMS-CQCO-EXAMPLES', 'SRC-CMS-MCPM-CH5'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const discipline = noteDiscipline(note);
    for (const charge of note.facts.charges) {
      const slots = modifierSlots(note, charge);
      if (!isSlpLine(slots, discipline)) continue;
      for (const a of assistantSlots(slots)) {
        const edits = removeModifiers(note, charge, [a]);
        report({
          range: a.range,
          message: `${a.code} is for ${a.code === 'CQ' ? 'physical therapist' : 'occupational therapy'} assistants only, and ${charge.code ?? 'this line'} is a speech-language pathology (GN) line: remove ${a.code}.`,
          fixes: edits ? [{ title: `Remove ${a.code}`, kind: 'safe', edits }] : [],
        });
      }
    }
  },
};
