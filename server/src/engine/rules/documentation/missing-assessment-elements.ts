import { isCalendarDay } from '../../dates';
import { insertFields, insertSection, placeholder } from '../../edit';
import type { Note } from '../../parse/note';
import type { Section } from '../../parse/body';
import type { Fix } from '../../types';
import { field, filledField, absentSectionFix } from '../shared';
import { initialDeviceNote, type InitialDeviceNote } from '../devices';
import type { NoteRule, RuleReport } from '../types';
import { fieldLine, insertFieldsFirst, serviceDate, setFieldValue } from './util';

const PARTS = [
  { id: 'assessment-date', what: 'assessment date', hint: 'record the date of the initial orthotic assessment', fill: placeholder('YYYY-MM-DD') },
  { id: 'fitting', what: 'fit check', hint: 'document the trim lines, pressure areas and adjustments checked', fill: placeholder('fit check: trim lines, pressure areas, adjustments') },
  {
    id: 'goals',
    what: 'goals',
    hint: 'state functional goals with the orthosis, with time frames, tied to the plan of care',
    fill: placeholder('functional goals with time frames, tied to the plan of care'),
  },
] as const;

/** A 97761 note's parts: the same fields, with the prosthesis's own checks (socket fit, sock ply). */
const PROSTHESIS_HINTS: Record<Part['id'], string> = {
  'assessment-date': 'record the date of the initial prosthetic assessment',
  fitting: 'document the socket fit, pressure areas, sock ply and adjustments checked',
  goals: 'state functional goals with the prosthesis, with time frames, tied to the plan of care',
};

type Part = (typeof PARTS)[number];

function hintOf(part: Part, ctx: InitialDeviceNote): string {
  if (ctx.prosthesis) return PROSTHESIS_HINTS[part.id];
  return ctx.noun === 'orthosis' ? part.hint : part.hint.replace(/orthotic|orthosis/, (w) => (w === 'orthotic' ? ctx.adjective : ctx.noun));
}

/** A value that starts like an ISO date (YYYY-MM-DD) but names no real day. */
function impossibleIsoDate(value: string): boolean {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/.exec(value);
  if (!m) return false;
  return !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The placeholder a part is inserted with; a 97761 note's fit check names the socket and sock ply. */
function fillOf(part: Part, ctx: InitialDeviceNote): string {
  return part.id === 'fitting' && ctx.prosthesis ? placeholder('fit check: socket fit, pressure areas, sock ply, adjustments') : part.fill;
}

function skeleton(ctx: InitialDeviceNote): string[] {
  return PARTS.map((p) => fieldLine('assessment', p.id, fillOf(p, ctx)));
}

/** Fixes for a missing field in a present section. The assessment date is the clinician's fact: the date of service is offered as a choice. */
function insertFixes(note: Note, section: Section, part: Part, ctx: InitialDeviceNote): Fix[] {
  const label = fieldLine('assessment', part.id, '').replace(/:\s*$/, '');
  if (part.id !== 'assessment-date') {
    return [{ title: `Insert "${label}:" field`, kind: 'scaffold', edits: [insertFields(note, section, [fieldLine('assessment', part.id, fillOf(part, ctx))])] }];
  }
  const fixes: Fix[] = [];
  const dos = serviceDate(note);
  if (dos) fixes.push({ title: `Insert "${label}: ${dos}" (the date of service)`, kind: 'choice', edits: [insertFieldsFirst(note, section, [fieldLine('assessment', part.id, dos)])] });
  fixes.push({ title: `Insert "${label}:" field`, kind: 'scaffold', edits: [insertFieldsFirst(note, section, [fieldLine('assessment', part.id, part.fill)])] });
  return fixes;
}

/** §5 / note-format.md §2: the initial assessment is dated, the fit is checked and goals are set (97760; 97761 too, rules.md section H). */
export const missingAssessmentElements: NoteRule = {
  id: 'missing-assessment-elements',
  description: 'A 97760/97761 note’s Assessment section lacks the assessment date, the fit check or goals (one finding per missing part).',
  defaultSeverity: 'warning',
  kind: 'completeness',
  tags: ['documentation'],
  references: ['SRC-AOTA-ORTHOTICS', 'SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: true,
  scope: 'note',
  check({ note, config, report: reportAny }) {
    const ctx = initialDeviceNote(note);
    if (!ctx) return;
    const section = note.section('assessment');
    for (const part of PARTS) {
      // Each finding names its part (assessment-date, fitting, goals): the checklist reads it.
      const report = (r: RuleReport) => reportAny({ ...r, part: part.id });
      const filled = filledField(section, part.id);
      if (filled && part.id === 'assessment-date' && impossibleIsoDate(filled.value)) {
        // Written as YYYY-MM-DD but not a real date (2026-13-01): the date is effectively missing.
        const dos = serviceDate(note);
        report({
          range: filled.range,
          message: `${ctx.label} note has no valid assessment date: the "${filled.label}" value is not a real calendar date; write it as YYYY-MM-DD.`,
          fixes: dos ? [{ title: `Set "${filled.label}: ${dos}" (the date of service)`, kind: 'choice', edits: [setFieldValue(note, filled, dos)] }] : [],
        });
        continue;
      }
      if (filled) continue;
      const message = `${ctx.label} note has no ${part.what}: ${hintOf(part, ctx)}.`;
      const f = field(section, part.id);
      if (f) {
        const dos = part.id === 'assessment-date' ? serviceDate(note) : undefined;
        report({
          range: f.range,
          message: `${message} The "${f.label}" field is empty or unfilled.`,
          fixes: dos ? [{ title: `Set "${f.label}: ${dos}" (the date of service)`, kind: 'choice', edits: [setFieldValue(note, f, dos)] }] : [],
        });
      } else if (section) {
        report({ range: section.headingRange, message, fixes: insertFixes(note, section, part, ctx) });
      } else {
        // One finding per missing part on the front matter's first line; the same section insert
        // on each, which "fix all" applies once.
        const { fixes, hint } = absentSectionFix(note, config, 'assessment', { title: 'Insert an Assessment section', kind: 'scaffold', edits: [insertSection(note, 'assessment', skeleton(ctx))] });
        report({ range: note.anchor, message: `${message} The note has no Assessment section.${hint}`, fixes });
      }
    }
  },
};
