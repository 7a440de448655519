import { chargeAnchor, chargesWithCode } from '../shared';
import type { NoteRule } from '../types';
import { replaceCode } from './util';

/** R-CPT-01: 97760/97761 are for the first encounter only; later encounters bill 97763. */
export const initialCodeOnSubsequentEncounter: NoteRule = {
  id: 'initial-code-on-subsequent-encounter',
  description: 'A first-encounter code (97760 or 97761) is billed on a note marked `encounter: subsequent`.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['billing'],
  references: ['SRC-AOTA-ORTHOTICS', 'SRC-PTM-2018-CODES'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    if (note.facts.encounter !== 'subsequent') return;
    // With a 97763 line already present, replacing would duplicate it; the same-day rule covers that case.
    const has97763 = chargesWithCode(note, '97763').length > 0;
    for (const charge of chargesWithCode(note, '97760', '97761')) {
      const edit = has97763 ? undefined : replaceCode(note, charge, '97763');
      report({
        range: chargeAnchor(charge),
        message: has97763
          ? `${charge.code} is only for the first orthotic/prosthetic encounter, but this note is a subsequent encounter: bill its minutes on the 97763 line instead.`
          : `${charge.code} is only for the first orthotic/prosthetic encounter, but this note is a subsequent encounter: bill 97763 instead (or correct \`encounter\` if this was the first visit).`,
        fixes: edit ? [{ title: 'Replace with 97763', kind: 'safe', edits: [edit] }] : [],
      });
    }
  },
};
