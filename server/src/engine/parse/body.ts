import type { Range } from '../types';
import type { LineIndex } from '../text';
import { containsPlaceholder } from './comments';
import { normalizeName, type FieldSpec, type SectionSpec, type Vocabulary } from './vocabulary';
import { MAX_SCAN_LINE_CHARS } from '../limits';

export interface Field {
  /** Label as written (trimmed). */
  label: string;
  labelRange: Range;
  spec?: FieldSpec;
  /** Value text (comment-free; continuation lines joined with a space). */
  value: string;
  /** Value as written; empty range right after the colon when there is no value. */
  valueRange: Range;
  /** The field's whole extent, from the start of its line to the end of its value. */
  range: Range;
  line: number;
  /** Empty, `TBD`, `___`, or a template placeholder: counts as missing. */
  missing: boolean;
  placeholder: boolean;
}

export interface Section {
  level: 1 | 2;
  title: string;
  titleRange: Range;
  /** The heading line's content. */
  headingRange: Range;
  headingLine: number;
  spec?: SectionSpec;
  /** From the heading line's start to the next level-1/2 heading (or the end). */
  range: Range;
  /** From the line after the heading to the end of the section. */
  contentRange: Range;
  /** End of the last non-blank line of the section (where new fields go after). */
  lastContentEnd: number;
  fields: Field[];
  /** The section's text with comments blanked out (for keyword checks). */
  text: string;
}

const URL_SCHEME = /^(?:https?|mailto|file)$/i;

/** Where the parts of a `Label: value` line are (offsets into the text); see {@link matchField}. */
export interface FieldMatch {
  /** After the indentation and list marker (where the field's range starts). */
  prefixEnd: number;
  labelStart: number;
  labelEnd: number;
  /** After the colon, any bold marker and blanks: where the value (possibly empty) starts. */
  valueStart: number;
}

const isBlankCode = (c: number) => c === 32 || c === 9;
const isLetterCode = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** A character a label may hold after its first letter: letters, digits, space and / & ' ( ) . + - */
const isLabelCode = (c: number) => isLetterCode(c) || (c >= 48 && c <= 57) || c === 32 || c === 47 || c === 38 || c === 39 || c === 40 || c === 41 || c === 46 || c === 43 || c === 45;
/** `**` or `__` at `i` (before `end`). */
const isBoldAt = (s: string, i: number, end: number) => i + 1 < end && ((s.charCodeAt(i) === 42 && s.charCodeAt(i + 1) === 42) || (s.charCodeAt(i) === 95 && s.charCodeAt(i + 1) === 95));
const MAX_LABEL_CHARS = 49;

/**
 * A `Label: value` field on the line `s[start, end)` (a line without line-break characters), in
 * linear time and without building a match: indentation, an optional list marker (`-`, `*`, `+`
 * and a blank), an optional bold opener (`**`/`__`), a label of 1–49 characters starting with a
 * letter (letters, digits, space, / & ' ( ) . + -), the shortest that is followed by blanks, an
 * optional bold closer and blanks, and a colon, itself optionally followed by a bold marker; the
 * colon must not start `:/` or `:\` (a URL or a path). It reads a line as the regular expression
 * `^([ \t]*(?:[-*+][ \t]+)?)(\*\*|__)?([A-Za-z][A-Za-z0-9 /&'().+-]{0,48}?)[ \t]*(?:(\*\*|__)[ \t]*)?:(?:\*\*|__)?(?![/\\])[ \t]*(.*)`
 * does (test/engine/fieldMatch.test.ts compares the two); its match array and captures were a
 * good part of what parsing a note allocated. `out` is filled and returned, or null.
 */
export function matchField(s: string, start: number, end: number, out: FieldMatch): FieldMatch | null {
  let p = start;
  while (p < end && isBlankCode(s.charCodeAt(p))) p++;
  const marker = s.charCodeAt(p);
  if ((marker === 45 || marker === 42 || marker === 43) && p + 1 < end && isBlankCode(s.charCodeAt(p + 1))) {
    p += 2;
    while (p < end && isBlankCode(s.charCodeAt(p))) p++;
  }
  const prefixEnd = p;
  if (isBoldAt(s, p, end)) p += 2;
  const labelStart = p;
  if (p >= end || !isLetterCode(s.charCodeAt(p))) return null;
  for (let labelEnd = labelStart + 1; labelEnd - labelStart <= MAX_LABEL_CHARS; labelEnd++) {
    const valueStart = afterLabel(s, labelEnd, end);
    if (valueStart !== -1) {
      out.prefixEnd = prefixEnd;
      out.labelStart = labelStart;
      out.labelEnd = labelEnd;
      out.valueStart = valueStart;
      return out;
    }
    if (labelEnd >= end || !isLabelCode(s.charCodeAt(labelEnd))) return null;
  }
  return null;
}

/** After a label ending at `q`: blanks, an optional bold closer and blanks, then the colon; the value's start or -1. */
function afterLabel(s: string, q: number, end: number): number {
  while (q < end && isBlankCode(s.charCodeAt(q))) q++;
  if (isBoldAt(s, q, end)) {
    let r = q + 2;
    while (r < end && isBlankCode(s.charCodeAt(r))) r++;
    if (r < end && s.charCodeAt(r) === 58) {
      const v = afterColon(s, r + 1, end);
      if (v !== -1) return v;
    }
  }
  return q < end && s.charCodeAt(q) === 58 ? afterColon(s, q + 1, end) : -1;
}

/** After the colon at `r - 1`: an optional bold marker, not followed by `/` or `\`; then blanks. The value's start or -1. */
function afterColon(s: string, r: number, end: number): number {
  let v = -1;
  if (isBoldAt(s, r, end) && notPathAt(s, r + 2, end)) v = r + 2;
  else if (notPathAt(s, r, end)) v = r;
  if (v === -1) return -1;
  while (v < end && isBlankCode(s.charCodeAt(v))) v++;
  return v;
}

const notPathAt = (s: string, i: number, end: number) => i >= end || (s.charCodeAt(i) !== 47 && s.charCodeAt(i) !== 92);

/** Reused for every line: a match is read into its Field at once. */
const FIELD_MATCH: FieldMatch = { prefixEnd: 0, labelStart: 0, labelEnd: 0, valueStart: 0 };

/** True when `s[from, to)` holds a line-break character other than `\n` (such a line is narrative). */
function hasLineBreakChar(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 13 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

function trimBlanksEnd(s: string): string {
  let e = s.length;
  while (e > 0 && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9)) e--;
  return s.slice(0, e);
}

/**
 * An ATX heading: [line, indent, hashes, title], in linear time. Same result as the regex
 * `^( {0,3})(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$`, which backtracks quadratically on long blank runs.
 */
function matchAtx(text: string): [string, string, string, string] | null {
  let i = 0;
  while (i < 3 && text.charCodeAt(i) === 32) i++;
  let h = i;
  while (h < text.length && text.charCodeAt(h) === 35) h++;
  const hashes = h - i;
  if (hashes < 1 || hashes > 6) return null;
  if (h < text.length && text.charCodeAt(h) !== 32 && text.charCodeAt(h) !== 9) return null;
  if (hasLineBreakChar(text, 0, text.length)) return null;
  let t = h;
  while (t < text.length && (text.charCodeAt(t) === 32 || text.charCodeAt(t) === 9)) t++;
  let title = trimBlanksEnd(text.slice(t));
  // An optional closing sequence: blanks, then hashes, at the end.
  let k = title.length;
  while (k > 0 && title.charCodeAt(k - 1) === 35) k--;
  if (k < title.length && k > 0 && (title.charCodeAt(k - 1) === 32 || title.charCodeAt(k - 1) === 9)) title = trimBlanksEnd(title.slice(0, k));
  return [text, text.slice(0, i), text.slice(i, h), title];
}
const MISSING = /^(?:tbd|tba|_+|\?+|-+|n\/?a pending)$/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const NOT_A_PARAGRAPH = /^\s*(?:[-*+>]|\d+[.)])\s|:/;

/** True when the line starting at `at` begins, after up to 3 spaces, with `=` or `-` (cheap pre-check). */
function mayBeUnderline(masked: string, at: number): boolean {
  let i = at;
  while (i < at + 3 && masked.charCodeAt(i) === 32) i++;
  const c = masked.charCodeAt(i);
  return c === 61 || c === 45;
}

/**
 * 1 or 2 when line `l` (its text `masked[start, end)`) is a one-line paragraph underlined as a
 * setext heading; else 0. The line is sliced only when the next line may be an underline.
 */
function setextLevel(masked: string, lines: LineIndex, l: number, firstLine: number, start: number, end: number): 0 | 1 | 2 {
  if (l + 1 >= lines.lineCount || !mayBeUnderline(masked, lines.lineStarts[l + 1])) return 0;
  const text = masked.slice(start, end);
  if (!text.trim() || NOT_A_PARAGRAPH.test(text) || /^ {4}|^\t/.test(text)) return 0;
  if (l > firstLine && masked.slice(lines.lineStarts[l - 1], lines.lineContentEnd(l - 1)).trim() !== '') return 0;
  const u = SETEXT_UNDERLINE.exec(masked.slice(lines.lineStarts[l + 1], lines.lineContentEnd(l + 1)));
  return u ? (u[1][0] === '=' ? 1 : 2) : 0;
}

/** The heading tuple of a setext heading line (as {@link matchAtx} gives for an ATX one). */
function setextHeading(text: string, level: 1 | 2): readonly [string, string, string, string] {
  return [text, /^ */.exec(text)![0], level === 1 ? '#' : '##', text.trim()];
}

/** Spaces at the start of `s[from, to)`. */
function leadingSpaces(s: string, from: number, to: number): number {
  let i = from;
  while (i < to && s.charCodeAt(i) === 32) i++;
  return i - from;
}

/** True when `s[from, to)` is empty or only whitespace (what `trim()` removes), without slicing. */
function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 0xa0 || !TRIMMED.test(s[i])) return false;
  }
  return true;
}
const TRIMMED = /^\s$/;

function cleanTitle(raw: string): string {
  // Most titles are plain words: nothing to strip but blanks.
  const last = raw.charCodeAt(raw.length - 1);
  const first = raw.charCodeAt(0);
  if (first !== 42 && first !== 95 && last !== 58 && last !== 46 && !(last <= 32 || last === 0xa0 || last > 0x1000)) return raw.trim();
  return raw
    .replace(/^(\*\*|__)(.*)\1$/, '$2')
    .replace(/[:.]\s*$/, '')
    .trim();
}

/**
 * Splits the body into sections (level-2 headings, ended by the next level-1/2 heading) and finds
 * `Label: value` fields inside them. Works on the comment-masked text, so commented-out lines are
 * invisible to rules. Lines inside fenced code blocks are narrative.
 */
export function parseBody(masked: string, lines: LineIndex, bodyStart: number, vocab: Vocabulary): { sections: Section[]; titles: Section[] } {
  const sections: Section[] = [];
  const titles: Section[] = [];
  const firstLine = bodyStart >= masked.length ? lines.lineCount : lines.lineAt(bodyStart);
  let current: Section | undefined;
  let lastField: Field | undefined;
  let fence: string | undefined;
  const close = (endLine: number) => {
    if (!current) return;
    const end = endLine < lines.lineCount ? lines.lineStarts[endLine] : masked.length;
    current.range = { start: current.range.start, end };
    current.contentRange = { start: Math.min(current.contentRange.start, end), end };
    current.text = masked.slice(current.contentRange.start, end);
    sections.push(current);
    current = undefined;
  };
  let nextColon = masked.indexOf(':', firstLine < lines.lineCount ? lines.lineStarts[firstLine] : masked.length);
  for (let l = firstLine; l < lines.lineCount; l++) {
    const start = lines.lineStarts[l];
    const end = lines.lineContentEnd(l);
    // A line longer than the scan limit is read only up to it (engine/limits.ts reports that).
    const scanEnd = Math.min(end, start + MAX_SCAN_LINE_CHARS);
    // Most lines are narrative or fields: the line's text is sliced only when a cheap look at its
    // first characters says it may be a fence or a heading, or when a field or value needs it.
    const lead = leadingSpaces(masked, start, scanEnd);
    const c = masked.charCodeAt(start + lead);
    const f = lead <= 3 && (c === 96 || c === 126) ? FENCE.exec(masked.slice(start, scanEnd)) : null;
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
      if (current && !isBlank(masked, start, scanEnd)) current.lastContentEnd = end;
      continue;
    }
    if (f) {
      fence = f[1];
      if (current) current.lastContentEnd = end;
      lastField = undefined;
      continue;
    }
    // A setext heading (`Title` underlined with `===` or `---`) is a level-1/2 heading in any
    // Markdown viewer: accept it for a one-line paragraph that is not a field or list item.
    const setext = setextLevel(masked, lines, l, firstLine, start, scanEnd);
    const h = setext ? setextHeading(masked.slice(start, scanEnd), setext) : lead <= 3 && c === 35 ? matchAtx(masked.slice(start, scanEnd)) : null;
    if (h && h[2].length <= 2) {
      const text = h[0];
      close(l);
      lastField = undefined;
      const level = h[2].length as 1 | 2;
      const rawTitle = h[3] ?? '';
      const title = cleanTitle(rawTitle);
      const titleOffset = start + h[1].length + h[2].length + (text.slice(h[1].length + h[2].length).length - text.slice(h[1].length + h[2].length).trimStart().length);
      const titleStart = title ? masked.indexOf(title, titleOffset) : titleOffset;
      const titleRange = { start: titleStart < 0 ? titleOffset : titleStart, end: (titleStart < 0 ? titleOffset : titleStart) + title.length };
      const section: Section = {
        level,
        title,
        titleRange,
        headingRange: { start: start + h[1].length, end },
        headingLine: l,
        spec: level === 2 ? vocab.sectionByName.get(normalizeName(title)) : undefined,
        range: { start, end },
        contentRange: { start: lines.lineEndWithBreak(l), end },
        lastContentEnd: end,
        fields: [],
        text: '',
      };
      if (setext) {
        // The underline belongs to the heading: content (and inserted fields) start after it.
        l++;
        section.lastContentEnd = lines.lineContentEnd(l);
        section.contentRange = { start: lines.lineEndWithBreak(l), end: section.contentRange.end };
      }
      if (level === 1) {
        titles.push({ ...section, range: { start, end }, contentRange: { start: end, end } });
      } else {
        current = section;
      }
      continue;
    }
    if (!current) continue;
    if (isBlank(masked, start, scanEnd)) {
      lastField = undefined;
      continue;
    }
    current.lastContentEnd = end;
    // The next colon at or after this line, found once and reused until passed (linear overall).
    if (nextColon !== -1 && nextColon < start) nextColon = masked.indexOf(':', start);
    const hasColon = nextColon !== -1 && nextColon < scanEnd;
    if (!hasColon && !lastField) continue;
    const m = !hasColon || hasLineBreakChar(masked, start, scanEnd) ? null : matchField(masked, start, scanEnd, FIELD_MATCH);
    const label = m ? masked.slice(m.labelStart, m.labelEnd) : '';
    if (m && !URL_SCHEME.test(label)) {
      // The value: from its start to the end of the scanned line, without trailing blanks.
      let valueEnd = scanEnd;
      while (valueEnd > m.valueStart && isBlankCode(masked.charCodeAt(valueEnd - 1))) valueEnd--;
      const value = masked.slice(m.valueStart, valueEnd);
      const valueStart = value ? m.valueStart : end;
      const fieldsOfSection = current.spec ? vocab.fieldByName.get(current.spec.id) : undefined;
      const field: Field = {
        label,
        labelRange: { start: m.labelStart, end: m.labelEnd },
        spec: fieldsOfSection?.get(normalizeName(label)),
        value,
        valueRange: { start: valueStart, end: value ? valueStart + value.length : valueStart },
        range: { start: m.prefixEnd, end },
        line: l,
        missing: false,
        placeholder: false,
      };
      current.fields.push(field);
      lastField = value ? undefined : field;
      continue;
    }
    const text = masked.slice(start, scanEnd);
    // A field written as `Label:` followed by indented lines or list items takes them as its value.
    if (lastField) {
      const piece = text.trim().replace(/^[-*+][ \t]+/, '');
      const pieceStart = start + text.indexOf(text.trim());
      if (!lastField.value) lastField.valueRange = { start: pieceStart, end };
      else lastField.valueRange = { start: lastField.valueRange.start, end };
      lastField.value = lastField.value ? `${lastField.value} ${piece}` : piece;
      lastField.range = { start: lastField.range.start, end };
    }
  }
  close(lines.lineCount);
  for (const s of sections) {
    for (const f of s.fields) {
      f.placeholder = containsPlaceholder(f.value);
      f.missing = f.value.trim() === '' || MISSING.test(f.value.trim()) || f.placeholder;
    }
  }
  return { sections, titles };
}
