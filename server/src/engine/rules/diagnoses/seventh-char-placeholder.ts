import { padSeventhCharacter, seventhCharacterProblem } from '../../knowledge/icd10';
import { replace } from '../../edit';
import type { NoteRule } from '../types';
import { allDiagnoses, inStyleOf } from './util';

/** R-DX-03: a 7th character on a code shorter than 6 characters needs X placeholders before it. */
export const seventhCharPlaceholder: NoteRule = {
  id: 'seventh-char-placeholder',
  description: 'An injury code has a 7th character without the X placeholders that bring it to position 7 (S02.2A → S02.2XXA).',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['diagnoses'],
  references: ['R-DX-03'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    for (const d of allDiagnoses(note)) {
      if (seventhCharacterProblem(d.text) !== 'unpadded') continue;
      const padded = padSeventhCharacter(d.text);
      report({
        range: d.range,
        message: `${d.normalized} has its 7th character too early: the 7th character must sit in position 7, so fill the empty positions with X (${padded}).`,
        fixes: [{ title: `Change to ${padded}`, kind: 'safe', edits: [replace(d.range, inStyleOf(d.text, padded))] }],
      });
    }
  },
};
