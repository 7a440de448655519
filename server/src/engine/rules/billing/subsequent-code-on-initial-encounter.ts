import { replace } from '../../edit';
import { chargeAnchor, chargesWithCode } from '../shared';
import type { NoteRule } from '../types';
import type { Fix } from '../../types';
import { deviceKind, replaceCode } from './util';

/** R-CPT-02: 97763 is for later encounters; a first encounter bills 97760 (orthosis) or 97761 (prosthesis). */
export const subsequentCodeOnInitialEncounter: NoteRule = {
  id: 'subsequent-code-on-initial-encounter',
  description: 'The later-encounter code 97763 is billed on a note marked `encounter: initial`.',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['billing'],
  references: ['SRC-AOTA-ORTHOTICS'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    if (note.facts.encounter !== 'initial') return;
    // With 97760/97761 on the same note, initial-and-subsequent-same-day owns the correction (its
    // merge fix); this finding is still reported, but without fixes that would conflict with it.
    const sameDayInitial = chargesWithCode(note, '97760', '97761').length > 0;
    const encounter = note.facts.entries.get('encounter');
    const kind = deviceKind(note);
    const initialCodes = kind === 'prosthesis' ? ['97761'] : kind === 'orthosis' ? ['97760'] : ['97760', '97761'];
    for (const charge of chargesWithCode(note, '97763')) {
      const fixes: Fix[] = [];
      for (const code of initialCodes) {
        const edit = replaceCode(note, charge, code);
        if (edit) fixes.push({ title: `Replace with ${code} (first ${code === '97761' ? 'prosthetic' : 'orthotic'} encounter)`, kind: 'choice', edits: [edit] });
      }
      if (encounter && !encounter.placeholder && encounter.range.end > encounter.range.start) {
        fixes.push({ title: 'Set `encounter: subsequent`', kind: 'choice', edits: [replace(encounter.range, 'subsequent')] });
      }
      const wanted = initialCodes.join(' or ');
      report({
        range: chargeAnchor(charge),
        message: sameDayInitial
          ? '97763 is for later orthotic/prosthetic encounters, but this note is marked as the first encounter and already bills the first-encounter code: report the training time on that line instead.'
          : `97763 is for later orthotic/prosthetic encounters, but this note is marked as the first encounter: bill ${wanted} for a first encounter, or set \`encounter: subsequent\`.`,
        fixes: sameDayInitial ? [] : fixes,
      });
    }
  },
};
