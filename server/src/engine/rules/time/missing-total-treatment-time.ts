import { insertFrontMatterKey, placeholder, setValue } from '../../edit';
import type { Fix, TextEdit } from '../../types';
import { field } from '../shared';
import type { NoteRule } from '../types';
import { billingSummary } from '../../billing';
import { hasValue } from './util';

/**
 * R-TIME-02: a note billing timed codes records the total treatment time (timed plus untimed
 * minutes), as `total_treatment_minutes` or as the Time section's `Total treatment time`.
 */
export const missingTotalTreatmentTime: NoteRule = {
  id: 'missing-total-treatment-time',
  description: 'A note billing timed codes records no total treatment time (total_treatment_minutes or Total treatment time).',
  defaultSeverity: 'error',
  kind: 'completeness',
  severityByProfile: { commercial: 'warning' },
  tags: ['time'],
  references: ['SRC-CMS-BPM-CH15', 'SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const summary = billingSummary(note);
    if (summary.timedLines.length === 0) return;
    const fm = note.facts.entries.get('total_treatment_minutes');
    if (hasValue(fm)) return;
    const time = note.section('time');
    const f = field(time, 'total-treatment-time');
    if (f && !f.missing) return;

    const write = (valueText: string): TextEdit | undefined => (fm ? setValue(note, fm, valueText) : insertFrontMatterKey(note, 'total_treatment_minutes', valueText));
    const fixes: Fix[] = [];
    const timedTotal = summary.timedMinutes;
    if (timedTotal) {
      const edit = write(String(timedTotal.minutes));
      if (edit) fixes.push({ title: `Set total_treatment_minutes to ${timedTotal.minutes} (the timed minutes; add any untimed minutes)`, kind: 'choice', edits: [edit] });
    }
    const scaffold = write(placeholder('total treatment minutes'));
    if (scaffold) fixes.push({ title: 'Insert "total_treatment_minutes:"', kind: 'scaffold', edits: [scaffold] });

    const message = 'No total treatment time is recorded: add total_treatment_minutes (timed plus untimed minutes of the visit) or a "Total treatment time" field in the Time section.';
    if (fm) report({ range: fm.pairRange, message, fixes });
    else if (f) report({ range: f.range, message: `${message} The "${f.label}" field is empty or unfilled.`, fixes });
    else if (time) report({ range: time.headingRange, message, fixes });
    else report({ range: note.anchor, message, fixes });
  },
};
