import { replace } from '../../edit';
import type { Fix } from '../../types';
import { initialDeviceNote } from '../devices';
import type { NoteRule } from '../types';
import { leadingIsoDate, serviceDate } from './util';

/** The initial assessment of a 97760 (or 97761, rules.md section H) encounter cannot be dated after the encounter itself. */
export const assessmentDateAfterService: NoteRule = {
  id: 'assessment-date-after-service',
  description: 'The Assessment date of a 97760/97761 note is later than the date of service.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['documentation'],
  references: ['SRC-CMS-BPM-CH15', 'SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    if (!initialDeviceNote(note)) return;
    const dos = serviceDate(note);
    const section = note.section('assessment');
    if (!dos || !section) return;
    for (const f of section.fields) {
      if (f.spec?.id !== 'assessment-date' || f.missing) continue;
      const d = leadingIsoDate(f.value);
      if (!d || d.iso <= dos) continue;
      const at = note.text.indexOf(d.iso, f.valueRange.start);
      const dateRange = { start: at, end: at + d.iso.length };
      const fixes: Fix[] = [{ title: `Set the assessment date to the date of service (${dos})`, kind: 'choice', edits: [replace(dateRange, dos)] }];
      const dateValue = note.facts.entries.get('date');
      if (dateValue && !dateValue.placeholder && dateValue.text === dos) {
        fixes.push({ title: `Set the date of service to the assessment date (${d.iso})`, kind: 'choice', edits: [replace(dateValue.range, d.iso)] });
      }
      report({
        range: dateRange,
        message: 'The assessment date is later than the date of service: the initial assessment is done at or before this encounter; correct whichever of the two dates is wrong.',
        fixes,
      });
    }
  },
};
