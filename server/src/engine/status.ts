/**
 * Draft, final and template notes (front-matter `status`, absent = final).
 *
 * - final: every finding at its configured severity.
 * - draft: completeness findings (something not written yet) become "to do" items at `info`;
 *   correctness findings (something written that is wrong) keep their severity. A field whose
 *   value is still a placeholder gets one finding (the element's), not two.
 * - template: placeholders are expected: no finding about a placeholder's value is reported. What
 *   is checked is the structure: an element that is absent altogether is an error (every note made
 *   from the template would lack it); codes and modifiers written literally are checked as usual;
 *   a placeholder without a label is reported (the writer would not know what to fill in).
 */
import type { Note } from './parse/note';
import type { Finding, NoteStatus, Range } from './types';

const PLACEHOLDER_RULE = 'unresolved-placeholder';

/** The note's status: `draft`, `final` or `template`; anything else (or absent) counts as final. */
export function noteStatus(note: Note): NoteStatus {
  const s = note.facts.status;
  return s === 'draft' || s === 'template' ? s : 'final';
}

function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Adjusts severities for the note's status (see the module comment). `status` overrides the note's own. */
export function applyStatus(note: Note, findings: Finding[], status: NoteStatus = noteStatus(note)): Finding[] {
  if (status === 'final') return findings;
  if (status === 'draft') return asDraft(note, findings);
  return asTemplate(note, findings);
}

/** "To do: fill in `label`." for a placeholder of a draft (the final note's message says more). */
function placeholderTodo(f: Finding, placeholders: Note['placeholders']): string {
  const label = placeholders
    .find((p) => p.start === f.range.start)
    ?.label.trim()
    .replace(/`/g, "'");
  return label ? `To do: fill in \`${label}\`.` : 'To do: fill in the empty placeholder.';
}

function asDraft(note: Note, findings: Finding[]): Finding[] {
  const placeholders = note.placeholders;
  // A placeholder inside a field that another completeness rule already reports is one item, not two.
  const elements = findings.filter((f) => f.kind === 'completeness' && f.ruleId !== PLACEHOLDER_RULE);
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.ruleId === PLACEHOLDER_RULE && elements.some((e) => overlaps(e.range, f.range))) continue;
    if (f.ruleId === PLACEHOLDER_RULE) out.push({ ...f, severity: 'info', todo: true, message: placeholderTodo(f, placeholders) });
    else if (f.kind === 'completeness') out.push({ ...f, severity: 'info', todo: true, message: `To do: ${f.message}` });
    else out.push(f);
  }
  return out;
}

function asTemplate(note: Note, findings: Finding[]): Finding[] {
  const placeholders = note.placeholders.map((p) => ({ start: p.start, end: p.end }));
  const unlabeled = note.placeholders.filter((p) => p.label.trim() === '');
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.ruleId === PLACEHOLDER_RULE) {
      // A template is made of placeholders; only one with no label is a defect of the template.
      if (unlabeled.some((p) => p.start === f.range.start)) {
        out.push({ ...f, severity: 'error', message: 'A placeholder in this template has no label: say what goes here, e.g. `{{device type}}`.' });
      }
      continue;
    }
    // Anything said about a placeholder's value (empty field, unreadable date or code …) is expected here.
    if (placeholders.some((p) => overlaps(p, f.range))) continue;
    if (f.kind === 'completeness') {
      out.push({ ...f, severity: 'error', message: `${f.message} Every note made from this template would lack it.` });
    } else out.push(f);
  }
  return out;
}
