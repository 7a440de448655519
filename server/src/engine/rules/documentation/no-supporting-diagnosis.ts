import { filledField } from '../shared';
import { initialDeviceNote } from '../devices';
import type { NoteRule } from '../types';

/** R-DX-07: a 97760 claim needs a diagnosis that supports the orthosis; a 97761 claim one that supports the prosthesis (rules.md section H). */
export const noSupportingDiagnosis: NoteRule = {
  id: 'no-supporting-diagnosis',
  description: 'A 97760/97761 note lists no diagnosis: `diagnoses` is empty or absent and Medical Necessity has no Diagnosis field.',
  defaultSeverity: 'error',
  kind: 'completeness',
  tags: ['documentation', 'diagnoses'],
  references: ['SRC-NORIDIAN-THERAPY-DOCS', 'SRC-AOTA-ORTHOTICS'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    const ctx = initialDeviceNote(note);
    if (!ctx) return;
    const dx = note.facts.diagnosesValue;
    const example = ctx.prosthesis ? 'Z89.511' : 'M21.371';
    // A placeholder counts as present (unresolved-placeholder reports it).
    if (note.facts.diagnoses.length > 0 || dx?.placeholder) return;
    if (filledField(note.section('medical-necessity'), 'diagnosis')) return;
    report({
      range: dx ? dx.pairRange : note.anchor,
      message: dx
        ? `${ctx.label} is billed but \`diagnoses\` is empty: list the ICD-10-CM codes that support the ${ctx.noun} (e.g. diagnoses: [${example}]).`
        : `${ctx.label} is billed but the note lists no diagnosis: add \`diagnoses\` with the ICD-10-CM codes that support the ${ctx.noun} (e.g. diagnoses: [${example}]).`,
    });
  },
};
