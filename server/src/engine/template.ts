/**
 * A new note from a template (note-format.md "Status"): the template's text with `status: draft`
 * (whatever status the template had, or none), and the same as an editor snippet in which every
 * placeholder is a tab stop whose default text is the placeholder itself. Tab moves through the
 * fields; Escape (or typing elsewhere) leaves the rest as `{{placeholders}}`, still reported as
 * "to do" items and found by Next Item. Placeholders inside HTML comments stay plain text.
 */
import { applyEdits } from './fix';
import { statusEdit } from './finalize';
import { parseNote } from './parse/note';

/** The text of a new note made from `template`: its status set to `draft`. */
export function noteFromTemplate(template: string): string {
  const note = parseNote(template);
  const edit = note.facts.status === 'draft' ? undefined : statusEdit(note, 'draft');
  return edit ? applyEdits(template, [edit]).text : template;
}

/** Text as snippet syntax: `$`, `}` and `\` escaped. */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/**
 * The new note as a snippet (TextMate/VS Code syntax): each placeholder of {@link noteFromTemplate}'s
 * text, in reading order, becomes tab stop 1, 2, … with the placeholder as its text; the cursor
 * ends after the text (`$0`). Nothing is mirrored: two fields with the same label are filled
 * separately (the signature never copies the provider).
 */
export function templateSnippet(template: string): string {
  const text = noteFromTemplate(template);
  const note = parseNote(text);
  let out = '';
  let pos = 0;
  note.placeholders.forEach((p, i) => {
    out += escapeSnippet(text.slice(pos, p.start));
    out += `\${${i + 1}:${escapeSnippet(text.slice(p.start, p.end))}}`;
    pos = p.end;
  });
  return `${out}${escapeSnippet(text.slice(pos))}$0`;
}
