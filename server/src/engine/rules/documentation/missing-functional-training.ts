import { insertSection } from '../../edit';
import { field, filledField, absentSectionFix } from '../shared';
import { initialDeviceNote } from '../devices';
import type { NoteRule } from '../types';
import { activityPlaceholder, fieldLine, functionalTrainingSkeleton, insertFieldsFirst, sectionProse } from './util';

/**
 * Words that name a functional activity practised with an orthosis. Read from the section's own
 * text (narrative and filled fields); a keyword only stands in for a missing `Activity:` field.
 */
export const ACTIVITY_WORDS =
  /\b(?:gait|ambulat\w*|walk\w*|transfers?|transferr\w*|stairs?|steps? up|curbs?|ramps?|sit[- ]to[- ]stand|stand[- ]pivot|ADLs?|IADLs?|activities of daily living|self[- ]care|dress(?:ing|ed)?|groom\w*|feeding|eating|bathing|toilet\w*|hygiene|reach\w*|grasp\w*|grip\w*|pinch\w*|writing|typing|bed mobility|functional mobility|wheelchair|w\/c mobility)\b/i;

/** §5: a 97760 note documents functional training with the orthosis; a 97761 note with the prosthesis (rules.md section H). */
export const missingFunctionalTraining: NoteRule = {
  id: 'missing-functional-training',
  description: 'A 97760/97761 note has no Functional Training section, or the section names no activity (gait, transfers, ADLs…).',
  defaultSeverity: 'warning',
  kind: 'completeness',
  tags: ['documentation'],
  references: ['SRC-AOTA-ORTHOTICS', 'SRC-CMS-BPM-CH15'],
  fixable: true,
  scope: 'note',
  check({ note, config, report }) {
    const ctx = initialDeviceNote(note);
    if (!ctx) return;
    const section = note.section('functional-training');
    if (!section) {
      const { fixes, hint } = absentSectionFix(note, config, 'functional-training', {
        title: 'Insert a Functional Training section',
        kind: 'scaffold',
        edits: [insertSection(note, 'functional-training', functionalTrainingSkeleton(ctx))],
      });
      report({
        range: note.anchor,
        message: `${ctx.label} note has no Functional Training section: document the activities practised with the ${ctx.noun} (gait, transfers, ADLs…), the assistance needed and the response.${hint}`,
        fixes,
      });
      return;
    }
    if (filledField(section, 'activity')) return;
    if (ACTIVITY_WORDS.test(sectionProse(note, section, false))) return;
    const message = `Functional Training names no activity: document what was practised with the ${ctx.noun} (gait, transfers, stairs, ADLs such as dressing or grooming, reaching or grasp).`;
    const f = field(section, 'activity');
    if (f) {
      report({ range: f.range, message: `${message} The "${f.label}" field is empty or unfilled.` });
      return;
    }
    report({
      range: section.headingRange,
      message,
      fixes: [{ title: 'Insert "Activity:" field', kind: 'scaffold', edits: [insertFieldsFirst(note, section, [fieldLine('functional-training', 'activity', activityPlaceholder(ctx))])] }],
    });
  },
};
