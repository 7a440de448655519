import { insertFields, insertSection, placeholder } from '../../edit';
import { field, filledField, absentSectionFix } from '../shared';
import { initialDeviceNote } from '../devices';
import type { NoteRule } from '../types';
import { fieldLine, sectionProse, wordCount } from './util';

const RATIONALE_PLACEHOLDER = placeholder('why the orthosis and the training are needed: the functional problem they address');

function rationalePlaceholder(noun: string): string {
  return noun === 'orthosis' ? RATIONALE_PLACEHOLDER : placeholder(`why the ${noun} and the training are needed: the functional problem they address`);
}

/** Narrative of at least this many words (outside Diagnosis/Rationale fields) counts as a rationale. */
export const MIN_RATIONALE_WORDS = 3;

/** domain-97760.md §5: the note says why the orthosis (97761: the prosthesis, rules.md section H) and the training are needed. */
export const missingMedicalNecessity: NoteRule = {
  id: 'missing-medical-necessity',
  description: 'A 97760/97761 note has no Medical Necessity section, or the section gives no rationale.',
  defaultSeverity: 'warning',
  kind: 'completeness',
  tags: ['documentation'],
  references: ['SRC-AOTA-ORTHOTICS', 'SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: true,
  scope: 'note',
  check({ note, config, report }) {
    const ctx = initialDeviceNote(note);
    if (!ctx) return;
    const section = note.section('medical-necessity');
    if (!section) {
      const codes = note.facts.diagnoses.map((d) => d.code);
      const lines = [
        fieldLine('medical-necessity', 'diagnosis', codes.length ? codes.join(', ') : placeholder('ICD-10-CM code and meaning')),
        fieldLine('medical-necessity', 'rationale', rationalePlaceholder(ctx.noun)),
      ];
      const { fixes, hint } = absentSectionFix(note, config, 'medical-necessity', {
        title: 'Insert a Medical Necessity section',
        kind: 'scaffold',
        edits: [insertSection(note, 'medical-necessity', lines)],
      });
      report({
        range: note.anchor,
        message: `${ctx.label} note has no Medical Necessity section: state the diagnosis and why the ${ctx.noun} and the training are needed.${hint}`,
        fixes,
      });
      return;
    }
    if (filledField(section, 'rationale')) return;
    // A rationale may also be written as narrative (prose, list items, unlabelled sentences).
    if (wordCount(sectionProse(note, section, true)) >= MIN_RATIONALE_WORDS) return;
    const f = field(section, 'rationale');
    const message = `Medical Necessity gives no rationale: say what functional problem the ${ctx.noun} and the training address (e.g. ${ctx.prosthesis ? 'walking, transfers, falls, limb use' : 'falls, toe drag, pain, loss of function'}).`;
    if (f) {
      report({ range: f.range, message: `${message} The "${f.label}" field is empty or unfilled.` });
      return;
    }
    report({
      range: section.headingRange,
      message,
      fixes: [{ title: 'Insert "Rationale:" field', kind: 'scaffold', edits: [insertFields(note, section, [fieldLine('medical-necessity', 'rationale', rationalePlaceholder(ctx.noun))])] }],
    });
  },
};
