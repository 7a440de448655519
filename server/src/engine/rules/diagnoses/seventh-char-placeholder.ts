import { replace } from '../../edit';
import type { NoteRule } from '../types';
import { allDiagnoses, inStyleOf, padSeventh, seventhIssue } from './util';

/**
 * R-DX-03: a 7th character on a code shorter than 6 characters needs X placeholders before it.
 * v2 item 4: only for codes of the categories the ICD-10-CM tabular gives a 7th character
 * (knowledge/seventhCharacter.ts; M84.37A → M84.37XA too, T31.1A never), or as the code file says.
 */
export const seventhCharPlaceholder: NoteRule = {
  id: 'seventh-char-placeholder',
  description: 'A code of a 7th-character category has its 7th character without the X placeholders that bring it to position 7 (S02.2A → S02.2XXA).',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['diagnoses'],
  references: ['SRC-CDC-ICD10CM-FILES', 'SRC-CMS-ICD10CM-GUIDELINES'],
  fixable: true,
  scope: 'note',
  check({ note, config, report }) {
    for (const d of allDiagnoses(note)) {
      if (seventhIssue(d.text, config.icd10Codes) !== 'unpadded') continue;
      const padded = padSeventh(d.text);
      report({
        range: d.range,
        message: `${d.normalized} has its 7th character too early: the 7th character must sit in position 7, so fill the empty positions with X (${padded}).`,
        fixes: [{ title: `Change to ${padded}`, kind: 'safe', edits: [replace(d.range, inStyleOf(d.text, padded))] }],
      });
    }
  },
};
