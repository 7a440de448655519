import { isCalendarDay } from '../../dates';
/** Helpers shared by the 97760 documentation-element rules (rules.md section B). */
import { insertAt, insertFields, placeholder, replace } from '../../edit';
import type { Field, Section } from '../../parse/body';
import type { Note } from '../../parse/note';
import { fieldSpec, type SectionId } from '../../parse/vocabulary';
import type { TextEdit } from '../../types';
import { chargeMinutes } from '../../billing';
import { chargesWithCode } from '../shared';
import type { InitialDeviceNote } from '../devices';

/** `Label: value` with the canonical label of a vocabulary field. */
export function fieldLine(section: SectionId, fieldId: string, value: string): string {
  return `${fieldSpec(section, fieldId).label}: ${value}`;
}

/** The parts of instruction a 97760 note documents (R-DOC-05). */
export const INSTRUCTION_PARTS = [
  { id: 'use', what: 'instruction in use', hint: 'document donning/doffing and the wearing schedule' },
  { id: 'care', what: 'care instruction', hint: 'document how to clean and look after the orthosis' },
  { id: 'safety', what: 'safety instruction', hint: 'document skin checks, precautions or when to stop wearing the orthosis' },
] as const;

/** The same parts for a 97761 note: the prosthesis's own elements (donning/doffing, sock ply, residual-limb skin checks). */
export const PROSTHESIS_INSTRUCTION_PARTS = [
  { id: 'use', what: 'instruction in use', hint: 'document donning/doffing of liner, socks and socket, sock-ply management and the wearing schedule' },
  { id: 'care', what: 'care instruction', hint: 'document how to clean the liner and socket and look after the prosthesis' },
  { id: 'safety', what: 'safety instruction', hint: 'document residual-limb skin checks, precautions or when to stop wearing the prosthesis' },
] as const;

/** The instruction parts for a note's device words (prosthesis hints on a 97761 note). */
export function instructionParts(ctx?: InitialDeviceNote): typeof INSTRUCTION_PARTS | typeof PROSTHESIS_INSTRUCTION_PARTS {
  return ctx?.prosthesis ? PROSTHESIS_INSTRUCTION_PARTS : INSTRUCTION_PARTS;
}

/**
 * Skeleton lines of sections several rules insert. Rules that insert the same section use the
 * same lines, so "fix all" sees identical edits and applies the section once.
 */
export function instructionSkeleton(): string[] {
  return INSTRUCTION_PARTS.map((p) => fieldLine('instruction', p.id, placeholder(p.what)));
}

export const ACTIVITY_PLACEHOLDER = placeholder('activity practised with the orthosis (gait, transfers, ADLs)');

/** The Activity placeholder for a note's device ("the prosthesis" on a 97761 note). */
export function activityPlaceholder(ctx?: InitialDeviceNote): string {
  return ctx && ctx.noun !== 'orthosis' ? placeholder(`activity practised with the ${ctx.noun} (gait, transfers, ADLs)`) : ACTIVITY_PLACEHOLDER;
}

export function functionalTrainingSkeleton(ctx?: InitialDeviceNote): string[] {
  return [
    fieldLine('functional-training', 'activity', activityPlaceholder(ctx)),
    fieldLine('functional-training', 'assistance', placeholder('level of assistance')),
    fieldLine('functional-training', 'response', placeholder('patient response')),
  ];
}

/** Lines of a section (offsets into the note), with the comment-masked text of each. */
function sectionLines(note: Note, section: Section): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  if (section.contentRange.start >= section.contentRange.end) return out;
  const first = note.lines.lineAt(section.contentRange.start);
  const last = note.lines.lineAt(Math.max(section.contentRange.start, section.contentRange.end - 1));
  for (let l = first; l <= last; l++) {
    const start = note.lines.lineStarts[l];
    if (start < section.contentRange.start || start >= section.contentRange.end) continue;
    const end = note.lines.lineContentEnd(l);
    out.push({ line: l, text: section.text.slice(start - section.contentRange.start, end - section.contentRange.start) });
  }
  return out;
}

function fieldLineSpan(note: Note, f: Field): [number, number] {
  return [f.line, note.lines.lineAt(Math.max(f.range.start, f.range.end - 1))];
}

const PLACEHOLDER_TEXT = /\$\{\d+(?::[^}\n]*)?\}|\$\{[A-Za-z_][^}\n]*\}|\{\{[^{}\n]*\}\}/g;

function cleanLine(text: string): string {
  return text
    .replace(PLACEHOLDER_TEXT, ' ')
    .replace(/^\s*(?:#{3,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)/, '')
    .replace(/^\s*(?:`{3}|~{3}).*$/, '')
    .trim();
}

/**
 * The section's text a keyword or narrative check may read: every non-blank line, minus the lines
 * of fields that count as missing (empty, TBD, placeholder). With `narrativeOnly`, the lines of
 * vocabulary fields (Diagnosis, Rationale, Activity…) are left out too, so what remains is prose,
 * list items and `Label: value` lines with labels the vocabulary does not know.
 * Placeholders and list bullets are removed.
 */
export function sectionProse(note: Note, section: Section, narrativeOnly: boolean): string {
  const skip = new Set<number>();
  for (const f of section.fields) {
    if (!f.missing && !(narrativeOnly && f.spec)) continue;
    const [a, b] = fieldLineSpan(note, f);
    for (let l = a; l <= b; l++) skip.add(l);
  }
  return sectionLines(note, section)
    .filter((x) => !skip.has(x.line))
    .map((x) => cleanLine(x.text))
    .filter(Boolean)
    .join('\n');
}

/** Number of words (two or more letters) in a text. */
export function wordCount(text: string): number {
  return (text.match(/[A-Za-z\u00C0-\u024F]{2,}/g) ?? []).length;
}

/**
 * True when the section documents something: a filled field, any prose, or a field holding a
 * template placeholder (a template being filled in: unresolved-placeholder and the per-section
 * rules report it). Empty and TBD fields are not content.
 */
export function hasContent(note: Note, section: Section | undefined): boolean {
  if (!section) return false;
  if (section.fields.some((f) => !f.missing || f.placeholder)) return true;
  return wordCount(sectionProse(note, section, false)) > 0;
}

/** Whether a `Region` value names a body region: upper/lower extremity or trunk (note-format.md §2). */
export function namesBodyRegion(value: string): boolean {
  return /\b(?:upper|lower|trunk)\b|\b[rlb]?[ul]es?\b/i.test(value);
}

export type BodyRegion = 'upper extremity' | 'lower extremity' | 'trunk';
export const BODY_REGIONS: readonly BodyRegion[] = ['upper extremity', 'lower extremity', 'trunk'];

/** The region a charge's `region: upper | lower | trunk` value stands for. */
export function regionOfChargeValue(value: unknown): BodyRegion | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (/^(?:upper|ue)\b/.test(v)) return 'upper extremity';
  if (/^(?:lower|le)\b/.test(v)) return 'lower extremity';
  if (/^trunk\b/.test(v)) return 'trunk';
  return undefined;
}

/** A guess at the region from words in the device type; used only to order fix choices. */
export function guessRegion(text: string): BodyRegion | undefined {
  const t = text.toLowerCase();
  if (/\b(?:tlso|lso|cto|ctlso|spin\w*|lumb\w*|thorac\w*|sacr\w*|cervical|back brace|trunk)\b/.test(t)) return 'trunk';
  if (/\b(?:afo|kafo|ko|hkafo|fo|ankle|foot|feet|knee|hip|leg|toe|transtibial|transfemoral|below[- ]knee|above[- ]knee)\b/.test(t)) return 'lower extremity';
  if (/\b(?:wrist|hand|finger|thumb|elbow|shoulder|arm|ewho|whfo|ewhfo|transradial|transhumeral|below[- ]elbow|above[- ]elbow)\b/.test(t)) return 'upper extremity';
  return undefined;
}

/**
 * The region an orthotic L-code's block of the HCPCS list covers (spinal and scoliosis L0112–L1499:
 * trunk; hip, knee, ankle-foot and foot L1600–L3649: lower; shoulder to hand L3650–L3999: upper).
 * Additions and repairs (L4000+) say nothing. Used only to order fix choices.
 */
export function guessRegionFromLCode(code: string): BodyRegion | undefined {
  const m = /^L(\d{4})$/i.exec(code.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n >= 112 && n <= 1499) return 'trunk';
  if (n >= 1600 && n <= 3649) return 'lower extremity';
  if (n >= 3650 && n <= 3999) return 'upper extremity';
  return undefined;
}

/** Bullet (`- `) the section's fields are written with, when all of them are list items. */
function fieldBullet(note: Note, section: Section): string {
  const list = section.fields.length > 0 && section.fields.every((f) => /^\s*[-*+]\s/.test(note.lines.lineText(f.line)));
  return list ? /^\s*[-*+]\s+/.exec(note.lines.lineText(section.fields[0].line))![0] : '';
}

/** Inserts field lines before the section's first field (e.g. `Type:` at the top of `Device`); at the end when it has none. */
export function insertFieldsFirst(note: Note, section: Section, lines: string[]): TextEdit {
  const first = section.fields[0];
  if (!first) return insertFields(note, section, lines);
  const bullet = fieldBullet(note, section);
  return insertAt(note.lines.lineStarts[first.line], lines.map((l) => bullet + l + note.eol).join(''));
}

/** Writes a value into an empty or unfilled (TBD, placeholder) field, replacing only that filler. */
export function setFieldValue(note: Note, f: Field, value: string): TextEdit {
  if (f.value === '') {
    const before = note.text.slice(note.lines.lineStarts[f.line], f.valueRange.start);
    return insertAt(f.valueRange.start, /[ \t]$/.test(before) ? value : ` ${value}`);
  }
  return replace(f.valueRange, value);
}

/** A real calendar date written `YYYY-MM-DD` at the start of a text, or undefined. */
export function leadingIsoDate(text: string | undefined): { iso: string; offset: number } | undefined {
  if (!text) return undefined;
  const m = /^(\s*)(\d{4})-(\d{2})-(\d{2})(?![\d-])/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (!isCalendarDay(y, mo, d)) return undefined;
  return { iso: `${m[2]}-${m[3]}-${m[4]}`, offset: m[1].length };
}

/** The date of service when it is a real ISO date. */
export function serviceDate(note: Note): string | undefined {
  const d = leadingIsoDate(note.facts.date);
  return d && note.facts.date!.trim() === d.iso ? d.iso : undefined;
}

/** Sum of the minutes on the note's 97760 lines, when at least one states them. */
export function minutes97760(note: Note): number | undefined {
  return minutesOf(note, '97760');
}

/** Sum of the minutes on the note's lines of these codes, when at least one states them. */
export function minutesOf(note: Note, ...codes: string[]): number | undefined {
  let sum: number | undefined;
  for (const c of chargesWithCode(note, ...codes)) {
    const n = chargeMinutes(c);
    if (n === undefined) continue;
    sum = (sum ?? 0) + n;
  }
  return sum;
}
