import { bills97760, filledField } from '../shared';
import type { NoteRule } from '../types';

/** R-DX-07: a 97760 claim needs a diagnosis that supports the orthosis. */
export const noSupportingDiagnosis: NoteRule = {
  id: 'no-supporting-diagnosis',
  description: 'A 97760 note lists no diagnosis: `diagnoses` is empty or absent and Medical Necessity has no Diagnosis field.',
  defaultSeverity: 'error',
  kind: 'completeness',
  tags: ['documentation', 'diagnoses'],
  references: ['R-DX-07'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    if (!bills97760(note)) return;
    const dx = note.facts.diagnosesValue;
    // A placeholder counts as present (unresolved-placeholder reports it).
    if (note.facts.diagnoses.length > 0 || dx?.placeholder) return;
    if (filledField(note.section('medical-necessity'), 'diagnosis')) return;
    report({
      range: dx ? dx.pairRange : note.anchor,
      message: dx
        ? '97760 is billed but `diagnoses` is empty: list the ICD-10-CM codes that support the orthosis (e.g. diagnoses: [M21.371]).'
        : '97760 is billed but the note lists no diagnosis: add `diagnoses` with the ICD-10-CM codes that support the orthosis (e.g. diagnoses: [M21.371]).',
    });
  },
};
