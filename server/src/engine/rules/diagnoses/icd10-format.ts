import { isIcd10Shaped } from '../../knowledge/icd10';
import type { NoteRule } from '../types';
import { allDiagnoses } from './util';

const CODE_LIKE = /^[A-Za-z0-9.-]{1,12}$/;

/** R-DX-01: every diagnosis is written as an ICD-10-CM code. */
export const icd10Format: NoteRule = {
  id: 'icd10-format',
  description: 'A diagnosis in `diagnoses` or the Diagnosis field is not shaped like an ICD-10-CM code.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['diagnoses'],
  references: ['SRC-CDC-ICD10CM-FILES', 'SRC-CMS-ICD10CM-GUIDELINES'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    for (const d of allDiagnoses(note)) {
      if (isIcd10Shaped(d.text)) continue;
      // Quote the entry only when it is code-like; free text stays out of messages.
      const what = CODE_LIKE.test(d.text) ? `"${d.text}"` : 'This diagnosis entry';
      report({
        range: d.range,
        message: `${what} is not an ICD-10-CM code: write the full code — a letter, a digit, a letter or digit, then up to 4 more characters after a dot (e.g. M21.371).`,
      });
    }
  },
};
