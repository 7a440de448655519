import { replace, setValue } from '../../edit';
import type { Fix } from '../../types';
import type { NoteRule } from '../types';
import { filledFields, fmMinutesOf, minutesOffset, minutesText, statedMinutes } from './util';

/**
 * rules.md v2 §G: the Time section's `Total treatment time` and the front matter's
 * `total_treatment_minutes` state the same fact; the claim (front matter) and the narrative must agree.
 */
export const totalTimeMismatch: NoteRule = {
  id: 'total-time-mismatch',
  description: 'The Time section’s Total treatment time differs from the front matter’s total_treatment_minutes.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['consistency', 'time'],
  references: ['SRC-CMS-BPM-CH15', 'SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const fm = note.facts.entries.get('total_treatment_minutes');
    const claimed = fmMinutesOf(fm);
    if (!fm || claimed === undefined) return;
    for (const f of filledFields(note.section('time'), 'total-treatment-time')) {
      const written = statedMinutes(f.value);
      if (written === undefined || written === claimed) continue;
      const fixes: Fix[] = [];
      const at = minutesOffset(note, f);
      if (at) fixes.push({ title: `Set "${f.label}" to ${claimed} (from total_treatment_minutes)`, kind: 'choice', edits: [replace(at, String(claimed))] });
      fixes.push({ title: `Set total_treatment_minutes to ${written} (from "${f.label}")`, kind: 'choice', edits: [setValue(note, fm, String(written))] });
      report({
        range: f.valueRange,
        message:
          `"${f.label}" says ${minutesText(written)}, but the front matter's total_treatment_minutes is ${claimed}: ` +
          'the note and the claim must give the same total treatment time. Correct whichever is wrong.',
        related: [{ range: fm.range, message: `total_treatment_minutes: ${claimed}.` }],
        fixes,
      });
    }
  },
};
