import { chargeAnchor, chargesWithCode } from '../shared';
import type { NoteRule } from '../types';
import type { Fix } from '../../types';
import { deviceKind, replaceCode } from './util';

/** R-CPT-04: 97762 was deleted on 1 January 2018 (97760/97761 first encounter, 97763 later ones). */
export const deletedCode97762: NoteRule = {
  id: 'deleted-code-97762',
  description: 'A charge uses 97762, a code deleted in 2018.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['billing'],
  references: ['SRC-AOTA-ORTHOTICS', 'SRC-PTM-2018-CODES'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const encounter = note.facts.encounter;
    const initialCode = deviceKind(note) === 'prosthesis' ? '97761' : '97760';
    for (const charge of chargesWithCode(note, '97762')) {
      const fixes: Fix[] = [];
      const initial = replaceCode(note, charge, initialCode);
      const later = replaceCode(note, charge, '97763');
      if (encounter === 'initial' && initial) fixes.push({ title: `Replace with ${initialCode}`, kind: 'safe', edits: [initial] });
      else if (encounter === 'subsequent' && later) fixes.push({ title: 'Replace with 97763', kind: 'safe', edits: [later] });
      else {
        if (initial) fixes.push({ title: `Replace with ${initialCode} (first encounter)`, kind: 'choice', edits: [initial] });
        if (later) fixes.push({ title: 'Replace with 97763 (later encounter)', kind: 'choice', edits: [later] });
      }
      const what =
        encounter === 'initial'
          ? `bill ${initialCode} for this first encounter`
          : encounter === 'subsequent'
            ? 'bill 97763 for this later encounter'
            : `bill ${initialCode} for a first encounter or 97763 for a later one`;
      report({ range: chargeAnchor(charge), message: `97762 was deleted in 2018 and is no longer valid: ${what}.`, fixes });
    }
  },
};
