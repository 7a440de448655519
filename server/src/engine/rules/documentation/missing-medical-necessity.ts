import { insertFields, insertSection, placeholder } from '../../edit';
import { bills97760, field, filledField, absentSectionFix } from '../shared';
import type { NoteRule } from '../types';
import { fieldLine, sectionProse, wordCount } from './util';

const RATIONALE_PLACEHOLDER = placeholder('why the orthosis and the training are needed: the functional problem they address');

/** Narrative of at least this many words (outside Diagnosis/Rationale fields) counts as a rationale. */
export const MIN_RATIONALE_WORDS = 3;

/** domain-97760.md §5: the note says why the orthosis and the training are needed. */
export const missingMedicalNecessity: NoteRule = {
  id: 'missing-medical-necessity',
  description: 'A 97760 note has no Medical Necessity section, or the section gives no rationale.',
  defaultSeverity: 'warning',
  kind: 'completeness',
  tags: ['documentation'],
  fixable: true,
  scope: 'note',
  check({ note, config, report }) {
    if (!bills97760(note)) return;
    const section = note.section('medical-necessity');
    if (!section) {
      const codes = note.facts.diagnoses.map((d) => d.code);
      const lines = [
        fieldLine('medical-necessity', 'diagnosis', codes.length ? codes.join(', ') : placeholder('ICD-10-CM code and meaning')),
        fieldLine('medical-necessity', 'rationale', RATIONALE_PLACEHOLDER),
      ];
      const { fixes, hint } = absentSectionFix(note, config, 'medical-necessity', { title: 'Insert a Medical Necessity section', kind: 'scaffold', edits: [insertSection(note, 'medical-necessity', lines)] });
      report({
        range: note.anchor,
        message: `97760 note has no Medical Necessity section: state the diagnosis and why the orthosis and the training are needed.${hint}`,
        fixes,
      });
      return;
    }
    if (filledField(section, 'rationale')) return;
    // A rationale may also be written as narrative (prose, list items, unlabelled sentences).
    if (wordCount(sectionProse(note, section, true)) >= MIN_RATIONALE_WORDS) return;
    const f = field(section, 'rationale');
    const message = 'Medical Necessity gives no rationale: say what functional problem the orthosis and the training address (e.g. falls, toe drag, pain, loss of function).';
    if (f) {
      report({ range: f.range, message: `${message} The "${f.label}" field is empty or unfilled.` });
      return;
    }
    report({
      range: section.headingRange,
      message,
      fixes: [{ title: 'Insert "Rationale:" field', kind: 'scaffold', edits: [insertFields(note, section, [fieldLine('medical-necessity', 'rationale', RATIONALE_PLACEHOLDER)])] }],
    });
  },
};
