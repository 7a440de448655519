import { isCalendarDay } from '../../dates';
import { insertFields, insertSection, placeholder } from '../../edit';
import type { Note } from '../../parse/note';
import type { Section } from '../../parse/body';
import type { Fix } from '../../types';
import { bills97760, field, filledField, absentSectionFix } from '../shared';
import type { NoteRule } from '../types';
import { fieldLine, insertFieldsFirst, serviceDate, setFieldValue } from './util';

const PARTS = [
  { id: 'assessment-date', what: 'assessment date', hint: 'record the date of the initial orthotic assessment', fill: placeholder('YYYY-MM-DD') },
  { id: 'fitting', what: 'fit check', hint: 'document the trim lines, pressure areas and adjustments checked', fill: placeholder('fit check: trim lines, pressure areas, adjustments') },
  { id: 'goals', what: 'goals', hint: 'state functional goals with the orthosis, with time frames, tied to the plan of care', fill: placeholder('functional goals with time frames, tied to the plan of care') },
] as const;

type Part = (typeof PARTS)[number];

/** A value that starts like an ISO date (YYYY-MM-DD) but names no real day. */
function impossibleIsoDate(value: string): boolean {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/.exec(value);
  if (!m) return false;
  return !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

function skeleton(): string[] {
  return PARTS.map((p) => fieldLine('assessment', p.id, p.fill));
}

/** Fixes for a missing field in a present section. The assessment date is the clinician's fact: the date of service is offered as a choice. */
function insertFixes(note: Note, section: Section, part: Part): Fix[] {
  const label = fieldLine('assessment', part.id, '').replace(/:\s*$/, '');
  if (part.id !== 'assessment-date') {
    return [{ title: `Insert "${label}:" field`, kind: 'scaffold', edits: [insertFields(note, section, [fieldLine('assessment', part.id, part.fill)])] }];
  }
  const fixes: Fix[] = [];
  const dos = serviceDate(note);
  if (dos) fixes.push({ title: `Insert "${label}: ${dos}" (the date of service)`, kind: 'choice', edits: [insertFieldsFirst(note, section, [fieldLine('assessment', part.id, dos)])] });
  fixes.push({ title: `Insert "${label}:" field`, kind: 'scaffold', edits: [insertFieldsFirst(note, section, [fieldLine('assessment', part.id, part.fill)])] });
  return fixes;
}

/** §5 / note-format.md §2: the initial assessment is dated, the fit is checked and goals are set. */
export const missingAssessmentElements: NoteRule = {
  id: 'missing-assessment-elements',
  description: 'A 97760 note’s Assessment section lacks the assessment date, the fit check or goals (one finding per missing part).',
  defaultSeverity: 'warning',
  kind: 'completeness',
  tags: ['documentation'],
  fixable: true,
  scope: 'note',
  check({ note, config, report }) {
    if (!bills97760(note)) return;
    const section = note.section('assessment');
    for (const part of PARTS) {
      const filled = filledField(section, part.id);
      if (filled && part.id === 'assessment-date' && impossibleIsoDate(filled.value)) {
        // Written as YYYY-MM-DD but not a real date (2026-13-01): the date is effectively missing.
        const dos = serviceDate(note);
        report({
          range: filled.range,
          message: `97760 note has no valid assessment date: the "${filled.label}" value is not a real calendar date; write it as YYYY-MM-DD.`,
          fixes: dos ? [{ title: `Set "${filled.label}: ${dos}" (the date of service)`, kind: 'choice', edits: [setFieldValue(note, filled, dos)] }] : [],
        });
        continue;
      }
      if (filled) continue;
      const message = `97760 note has no ${part.what}: ${part.hint}.`;
      const f = field(section, part.id);
      if (f) {
        const dos = part.id === 'assessment-date' ? serviceDate(note) : undefined;
        report({
          range: f.range,
          message: `${message} The "${f.label}" field is empty or unfilled.`,
          fixes: dos ? [{ title: `Set "${f.label}: ${dos}" (the date of service)`, kind: 'choice', edits: [setFieldValue(note, f, dos)] }] : [],
        });
      } else if (section) {
        report({ range: section.headingRange, message, fixes: insertFixes(note, section, part) });
      } else {
        // One finding per missing part on the front matter's first line; the same section insert
        // on each, which "fix all" applies once.
        const { fixes, hint } = absentSectionFix(note, config, 'assessment', { title: 'Insert an Assessment section', kind: 'scaffold', edits: [insertSection(note, 'assessment', skeleton())] });
        report({ range: note.anchor, message: `${message} The note has no Assessment section.${hint}`, fixes });
      }
    }
  },
};
