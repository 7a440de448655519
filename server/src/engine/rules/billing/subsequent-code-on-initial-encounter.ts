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
  tags: ['billing'],
  references: ['R-CPT-02'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    if (note.facts.encounter !== 'initial') return;
    // 97763 next to 97760/97761 is reported (with a merge fix) by initial-and-subsequent-same-day.
    if (chargesWithCode(note, '97760', '97761').length > 0) return;
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
        message: `97763 is for later orthotic/prosthetic encounters, but this note is marked as the first encounter: bill ${wanted} for a first encounter, or set \`encounter: subsequent\`.`,
        fixes,
      });
    }
  },
};
