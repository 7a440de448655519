import { insertFrontMatterKey, placeholder, replace } from '../../edit';
import type { NoteRule } from '../types';
import { fillEmptyValue, isEmptyValue, isIsoCalendarDate, isoCandidates, readableFrontMatter } from './util';

/**
 * R-DOC-01: the note states its date of service as a real calendar date `YYYY-MM-DD`.
 * This rule owns `date` entirely; missing-required-field does not report it.
 */
export const missingDateOfService: NoteRule = {
  id: 'missing-date-of-service',
  description: 'The front matter has no `date`, or it is not a real calendar date written YYYY-MM-DD.',
  defaultSeverity: 'error',
  kind: 'completeness',
  tags: ['structure'],
  references: ['SRC-CMS-BPM-CH15', 'SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    if (!readableFrontMatter(note)) return;
    const v = note.facts.entries.get('date');
    if (!v) {
      const edit = insertFrontMatterKey(note, 'date', placeholder('YYYY-MM-DD'));
      report({
        range: note.anchor,
        message: 'The note has no date of service: add `date:` to the front matter, written YYYY-MM-DD.',
        fixes: edit ? [{ title: 'Insert `date:`', kind: 'scaffold', edits: [edit] }] : [],
      });
      return;
    }
    if (v.placeholder) return; // unresolved-placeholder reports it
    if (isEmptyValue(v)) {
      report({
        range: v.keyRange,
        message: 'The date of service is empty: fill in the date the service was given, written YYYY-MM-DD.',
        fixes: [{ title: 'Add a placeholder for the date', kind: 'scaffold', edits: [fillEmptyValue(note, v, placeholder('YYYY-MM-DD'))] }],
      });
      return;
    }
    const text = typeof v.value === 'string' || typeof v.value === 'number' ? String(v.value) : v.text;
    if (typeof v.value === 'string' && isIsoCalendarDate(v.value)) return;
    const shaped = /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
    const candidates = shaped ? [] : isoCandidates(text);
    report({
      range: v.range.end > v.range.start ? v.range : v.keyRange,
      message: shaped
        ? 'The date of service is not a real calendar date (check the month and day): write the actual date as YYYY-MM-DD.'
        : 'The date of service is not written as an ISO date: write it as YYYY-MM-DD, e.g. 2026-11-20.',
      fixes: candidates.map((c, i) => ({
        title: candidates.length > 1 ? `Write the date as ${c} (${i === 0 ? 'month first' : 'day first'})` : `Write the date as ${c}`,
        // One reading only (e.g. 11/20/2026, 2026/11/20): the date follows from the note.
        kind: candidates.length === 1 ? ('safe' as const) : ('choice' as const),
        edits: [replace(v.range, c)],
      })),
    });
  },
};
