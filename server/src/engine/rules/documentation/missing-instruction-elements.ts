import { insertFieldInOrder, insertSection, placeholder } from '../../edit';
import { fieldSpec } from '../../parse/vocabulary';
import { field, filledField, absentSectionFix } from '../shared';
import { initialDeviceNote } from '../devices';
import type { NoteRule, RuleReport } from '../types';
import { instructionParts, instructionSkeleton } from './util';

/**
 * R-DOC-05: a 97760 note teaches use, care and safety of the orthosis; a 97761 note those of the
 * prosthesis — donning/doffing, sock ply, residual-limb skin checks (rules.md section H).
 */
export const missingInstructionElements: NoteRule = {
  id: 'missing-instruction-elements',
  description: 'A 97760/97761 note’s Instruction section lacks Use, Care or Safety (one finding per missing part).',
  defaultSeverity: 'warning',
  kind: 'completeness',
  tags: ['documentation'],
  references: ['SRC-AOTA-ORTHOTICS', 'SRC-CMS-BPM-CH15'],
  fixable: true,
  scope: 'note',
  check({ note, config, report: reportAny }) {
    const ctx = initialDeviceNote(note);
    if (!ctx) return;
    const section = note.section('instruction');
    for (const part of instructionParts(ctx)) {
      // Each finding names its part (use, care, safety): the checklist reads it.
      const report = (r: RuleReport) => reportAny({ ...r, part: part.id });
      // Any filled field with this id will do (a second, filled `Use:` after an empty one counts).
      if (filledField(section, part.id)) continue;
      const f = field(section, part.id);
      const label = fieldSpec('instruction', part.id).label;
      const message = `${ctx.label} note has no ${part.what}: ${ctx.noun === 'orthosis or prosthesis' ? part.hint.replace(/the orthosis\b/, 'the orthosis or prosthesis') : part.hint}.`;
      if (f) {
        // Present but empty/TBD/placeholder: point at it; the fill-in is the user's.
        report({ range: f.range, message: `${message} The "${f.label}" field is empty or unfilled.` });
      } else if (section) {
        const line = `${label}: ${placeholder(part.what)}`;
        report({ range: section.headingRange, message, fixes: [{ title: `Insert "${label}:" field`, kind: 'scaffold', edits: [insertFieldInOrder(note, section, part.id, line)] }] });
      } else {
        // One finding per missing part, all on the front matter's first line; their fixes insert
        // the same section, which "fix all" applies once.
        const { fixes, hint } = absentSectionFix(note, config, 'instruction', {
          title: 'Insert an Instruction section',
          kind: 'scaffold',
          edits: [insertSection(note, 'instruction', instructionSkeleton())],
        });
        report({ range: note.anchor, message: `${message} The note has no Instruction section.${hint}`, fixes });
      }
    }
  },
};
