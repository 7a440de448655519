import { insertAt, insertSection, placeholder } from '../../edit';
import type { Fix } from '../../types';
import { absentSectionFix } from '../shared';
import { initialDeviceNote } from '../devices';
import type { NoteRule } from '../types';
import { fieldLine, insertFieldsFirst, minutesOf, setFieldValue } from './util';

/** A number of minutes: `31 minutes`, `31 min`, `31-minute`, `31mins`. */
export const MINUTES = /\b\d+(?:\.\d+)?\s*(?:-\s*)?min(?:ute)?s?\b/i;

function statement(minutes: number | undefined): string {
  return `${minutes ?? placeholder('minutes')} minutes one-on-one`;
}

/** §5 / R-CPT-11: the direct one-on-one time of the encounter is stated in minutes (97760; 97761 too, rules.md section H). */
export const missingDirectContact: NoteRule = {
  id: 'missing-direct-contact',
  description: 'A 97760/97761 note has no Time section, or no Direct contact statement with minutes.',
  defaultSeverity: 'warning',
  kind: 'completeness',
  tags: ['documentation', 'time'],
  references: ['SRC-FCSO-THERAPY-UNITS', 'SRC-AOTA-ORTHOTICS', 'SRC-CMS-MCPM-CH5'],
  fixable: true,
  scope: 'note',
  check({ note, config, report }) {
    const ctx = initialDeviceNote(note);
    if (!ctx) return;
    const minutes = minutesOf(note, ...ctx.codes);
    const from = `from the ${ctx.label} line${ctx.codes.length > 1 ? 's' : ''}`;
    const section = note.section('time');
    // Prefilled with the 97760 line's minutes when known (a choice: the clinician confirms it), else a placeholder.
    const variants = (build: (value: string) => Fix['edits'], what: string): Fix[] => [
      ...(minutes !== undefined ? [{ title: `${what} (${minutes} minutes, ${from})`, kind: 'choice' as const, edits: build(statement(minutes)) }] : []),
      { title: what, kind: 'scaffold' as const, edits: build(statement(undefined)) },
    ];
    if (!section) {
      const miss = absentSectionFix(note, config, 'time', { title: '', kind: 'scaffold', edits: [] });
      report({
        range: note.anchor,
        message: `${ctx.label} note has no Time section: state the minutes of direct one-on-one contact with the patient (e.g. "Direct contact: 31 minutes one-on-one").${miss.hint}`,
        fixes: miss.hint ? miss.fixes : variants((v) => [insertSection(note, 'time', [fieldLine('time', 'direct-contact', v)])], 'Insert a Time section with "Direct contact:"'),
      });
      return;
    }
    const fields = section.fields.filter((f) => f.spec?.id === 'direct-contact');
    if (fields.some((f) => !f.missing && MINUTES.test(f.value))) return;
    const filled = fields.find((f) => !f.missing);
    if (filled) {
      const bareNumber = /\b\d+(?:\.\d+)?$/.test(filled.value);
      // A number without its unit: add the unit after it. A statement without minutes: add them after what was written.
      const fixes: Fix[] = bareNumber
        ? [{ title: 'Add the unit "minutes"', kind: 'choice', edits: [insertAt(filled.valueRange.end, ' minutes')] }]
        : minutes !== undefined
          ? [{ title: `Add "${minutes} minutes" (${from})`, kind: 'choice', edits: [insertAt(filled.valueRange.end, `; ${minutes} minutes`)] }]
          : [];
      report({
        range: filled.range,
        message: bareNumber
          ? `The "${filled.label}" statement gives a number without a unit: write it as minutes (e.g. "31 minutes").`
          : `The "${filled.label}" statement gives no minutes: state the minutes of direct one-on-one contact (e.g. "31 minutes").`,
        fixes,
      });
      return;
    }
    const empty = fields[0];
    if (empty) {
      report({
        range: empty.range,
        message: `Direct one-on-one time is not documented: the "${empty.label}" field is empty or unfilled; state its minutes.`,
        fixes: minutes !== undefined ? [{ title: `Set "${empty.label}: ${statement(minutes)}" (${from})`, kind: 'choice', edits: [setFieldValue(note, empty, statement(minutes))] }] : [],
      });
      return;
    }
    report({
      range: section.headingRange,
      message: 'The Time section has no "Direct contact:" statement: state the minutes of direct one-on-one contact with the patient.',
      fixes: variants((v) => [insertFieldsFirst(note, section, [fieldLine('time', 'direct-contact', v)])], 'Insert "Direct contact:"'),
    });
  },
};
