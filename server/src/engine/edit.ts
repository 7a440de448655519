/**
 * Builders for fix edits. Every edit inserts or replaces only the text it names, so a fix never
 * removes words the user wrote outside that range.
 */
import { isAlias, isMap, isSeq } from './yaml';
import type { Charge } from './parse/facts';
import type { FmItem, FmValue } from './parse/frontMatter';
import type { Note } from './parse/note';
import type { Section } from './parse/body';
import { sectionSpec, SECTIONS, type SectionId } from './parse/vocabulary';
import type { Range, TextEdit } from './types';

export function replace(range: Range, newText: string): TextEdit {
  return { start: range.start, end: range.end, newText };
}

export function insertAt(offset: number, newText: string): TextEdit {
  return { start: offset, end: offset, newText };
}

function indentAt(note: Note, offset: number): string {
  const line = note.lines.lineAt(offset);
  return /^[ \t]*/.exec(note.lines.lineText(line))![0];
}

function column(note: Note, offset: number): number {
  return offset - note.lines.lineStarts[note.lines.lineAt(offset)];
}

/** Offset just after the line containing `offset` (after its line break; adds one at end of text). */
function afterLine(note: Note, offset: number): { at: number; prefix: string } {
  const line = note.lines.lineAt(offset);
  const at = note.lines.lineEndWithBreak(line);
  const needsBreak = at === note.text.length && !/\n$/.test(note.text);
  return { at, prefix: needsBreak ? note.eol : '' };
}

/** Inserts `key: value` as the last top-level front-matter key. Undefined when there is no closed front matter. */
export function insertFrontMatterKey(note: Note, key: string, valueText: string): TextEdit | undefined {
  const fm = note.frontMatter;
  if (!fm?.closeRange || !fm.isMapping) return undefined;
  return insertAt(fm.closeRange.start, `${key}: ${valueText}${note.eol}`);
}

/** Inserts a skeleton front matter at the top of a note that has none. */
export function insertFrontMatterSkeleton(note: Note, lines: string[]): TextEdit {
  const bom = note.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return insertAt(bom, ['---', ...lines, '---', ''].join(note.eol));
}

/** Adds `key: value` to a block-style charge (after its last line), or inside a flow mapping `{…}`. */
export function insertChargeKey(note: Note, charge: Charge, key: string, valueText: string): TextEdit | undefined {
  if (!charge.isMapping || !charge.node || !isMap(charge.node)) return undefined;
  if (charge.node.flow) {
    const close = note.text.lastIndexOf('}', charge.range.end);
    if (close < charge.range.start) return undefined;
    const inner = note.text.slice(charge.range.start + 1, close).trim();
    return insertAt(close, `${inner ? ', ' : ''}${key}: ${valueText}`);
  }
  const first = [...charge.entries.values()][0];
  if (!first) return undefined;
  const indent = ' '.repeat(column(note, first.keyRange.start));
  const lastEnd = Math.max(...[...charge.entries.values()].map((v) => v.pairRange.end));
  const { at, prefix } = afterLine(note, Math.max(lastEnd - 1, first.keyRange.start));
  return insertAt(at, `${prefix}${indent}${key}: ${valueText}${note.eol}`);
}

/** Adds one modifier to a charge line, keeping the list's style; creates `modifiers: [X]` if absent. */
export function addModifier(note: Note, charge: Charge, modifier: string): TextEdit | undefined {
  const mv = charge.modifiersValue;
  if (!mv) return insertChargeKey(note, charge, 'modifiers', `[${modifier}]`);
  const node = mv.node;
  if (node && isAlias(node)) return undefined; // `modifiers: *anchor`: editing the anchor would change every use of it
  if (!node || mv.value === null)
    return replace(mv.range.start === mv.range.end ? { start: mv.keyRange.end + 1, end: mv.keyRange.end + 1 } : mv.range, mv.range.start === mv.range.end ? ` [${modifier}]` : `[${modifier}]`);
  if (isSeq(node) && node.flow) {
    const close = note.text.lastIndexOf(']', mv.range.end);
    if (close < mv.range.start) return undefined;
    const inner = note.text.slice(mv.range.start + 1, close).trim();
    return insertAt(close, inner ? `, ${modifier}` : modifier);
  }
  if (isSeq(node)) {
    const items = node.items;
    const last = items[items.length - 1] as { range?: [number, number, number] } | undefined;
    const firstLine = note.lines.lineAt(mv.range.start);
    const indent = indentAt(note, mv.range.start);
    const lastOffset = last?.range ? note.frontMatter!.contentRange.start + last.range[1] - 1 : mv.range.start;
    const { at, prefix } = afterLine(note, Math.max(lastOffset, note.lines.lineStarts[firstLine]));
    return insertAt(at, `${prefix}${indent}- ${modifier}${note.eol}`);
  }
  // A scalar such as `modifiers: CQ` becomes a list.
  return replace(mv.range, `[${mv.text}, ${modifier}]`);
}

/** Removes one modifier item from a list (the item and its separator), or the scalar's text. */
export function removeModifier(note: Note, charge: Charge, item: FmItem): TextEdit | undefined {
  const mv = charge.modifiersValue;
  if (!mv?.node || isAlias(mv.node)) return undefined;
  if (isSeq(mv.node) && mv.node.flow) {
    const t = note.text;
    let s = item.range.start;
    let e = item.range.end;
    const after = /^\s*,\s*/.exec(t.slice(e, mv.range.end));
    if (after) e += after[0].length;
    else {
      const before = /(?<!\s)\s*,\s*$/.exec(t.slice(mv.range.start, s));
      if (before) s -= before[0].length;
    }
    return replace({ start: s, end: e }, '');
  }
  if (isSeq(mv.node)) {
    const line = note.lines.lineAt(item.range.start);
    return replace({ start: note.lines.lineStarts[line], end: note.lines.lineEndWithBreak(line) }, '');
  }
  return replace(mv.range, '[]');
}

/** Sets a front-matter value in place (replacing only its text), or inserts it when empty. */
export function setValue(note: Note, v: FmValue, newText: string): TextEdit {
  // `key:` with nothing after it: write after the colon (replacing any blanks there).
  if (v.range.start === v.range.end || (v.value === null && v.text === '')) return replace({ start: v.keyRange.end + 1, end: Math.max(v.keyRange.end + 1, v.range.end) }, ` ${newText}`);
  return replace(v.range, newText);
}

/** Canonical order of sections, used to place an inserted section. */
const ORDER: SectionId[] = SECTIONS.map((s) => s.id);

/** Inserts a new `## Title` section with lines at its canonical place (before the next present section, else at the end). */
export function insertSection(note: Note, id: SectionId, bodyLines: string[]): TextEdit {
  const eol = note.eol;
  const title = sectionSpec(id).title;
  const block = [`## ${title}`, ...bodyLines].join(eol);
  const myIndex = ORDER.indexOf(id);
  const next = note.sections.find((s) => s.spec && ORDER.indexOf(s.spec.id) > myIndex);
  if (next) return insertAt(next.range.start, `${block}${eol}${eol}`);
  // At the end: separate from the text before by one blank line.
  const t = note.text;
  const trimmedEnd = t.trimEnd().length; // same as replace(/\s+$/, '') but linear (the regex is quadratic on long blank runs)
  if (trimmedEnd === 0) return insertAt(t.length, `${block}${eol}`);
  const tail = t.slice(trimmedEnd);
  const breaks = (tail.match(/\n/g) ?? []).length;
  const lead = breaks >= 2 ? '' : breaks === 1 ? eol : eol + eol;
  return insertAt(t.length, `${lead}${block}${eol}`);
}

/** Inserts field lines at the end of a section's content (after its last non-blank line). */
export function insertFields(note: Note, section: Section, lines: string[]): TextEdit {
  const eol = note.eol;
  const anchor = section.lastContentEnd;
  const line = note.lines.lineAt(anchor);
  const { at, prefix } = afterLine(note, Math.max(anchor, note.lines.lineStarts[line]));
  // Follow the style of the section's existing fields (`- Label:` list items).
  const listStyle = section.fields.length > 0 && section.fields.every((f) => /^\s*[-*+]\s/.test(note.text.slice(note.lines.lineStarts[f.line], f.range.end)));
  const bullet = listStyle ? /^\s*[-*+]\s+/.exec(note.lines.lineText(section.fields[0].line))![0] : '';
  return insertAt(at, prefix + lines.map((l) => bullet + l + eol).join(''));
}

/** The placeholder text written by scaffold fixes: a `{{…}}` the unresolved-placeholder rule flags until it is filled. */
export function placeholder(label: string): string {
  return `{{${label}}}`;
}

/**
 * Inserts one field line in the section's documented order: before the first present field that
 * comes after it (e.g. `Safety:` before `Understanding:`), else after the section's content.
 */
export function insertFieldInOrder(note: Note, section: Section, fieldId: string, line: string): TextEdit {
  const order = section.spec?.fields.map((f) => f.id) ?? [];
  const mine = order.indexOf(fieldId);
  const later = mine === -1 ? undefined : section.fields.find((f) => f.spec && order.indexOf(f.spec.id) > mine);
  if (!later) return insertFields(note, section, [line]);
  const bullet = /^\s*[-*+]\s+/.exec(note.lines.lineText(later.line))?.[0] ?? '';
  return insertAt(note.lines.lineStarts[later.line], `${bullet}${line}${note.eol}`);
}
