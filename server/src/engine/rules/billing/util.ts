/** Helpers shared by the code-selection and billing rules. */
import { isMap, isSeq } from 'yaml';
import { replace } from '../../edit';
import { lcodeKind, type LCodeKind } from '../../knowledge/hcpcs';
import type { Charge } from '../../parse/facts';
import type { Field, Section } from '../../parse/body';
import type { Note } from '../../parse/note';
import type { Range, TextEdit } from '../../types';
import { field, filledField } from '../shared';

export type DeviceKind = 'orthosis' | 'prosthesis';

/** Words in a Device Type that name a prosthesis (note-format.md §2). */
const PROSTHESIS_WORDS = /\b(?:prosthes[ie]s|prosthetics?|sockets?)\b/i;
/** Words in a Device Type that name an orthosis; upper-case abbreviations are matched as written. */
const ORTHOSIS_WORDS = /\b(?:orthos[ie]s|orthotics?|braces?|splints?)\b/i;
const ORTHOSIS_ABBREVIATIONS = /\b(?:AFOs?|KAFOs?|HKAFOs?|KOs?|HKOs?|WHOs?|WHFOs?|EWHOs?|EOs?|HOs?|FOs?|TLSOs?|LSOs?|CTLSOs?|CTOs?|HFOs?)\b/;

/** The kind of device a piece of text names: undefined when it names none or both. */
export function deviceKindOfText(text: string): DeviceKind | undefined {
  const pro = PROSTHESIS_WORDS.test(text);
  const ortho = ORTHOSIS_WORDS.test(text) || ORTHOSIS_ABBREVIATIONS.test(text);
  if (pro === ortho) return undefined;
  return pro ? 'prosthesis' : 'orthosis';
}

/** The filled `Type` field of the Device section. */
export function deviceTypeField(note: Note): Field | undefined {
  return filledField(note.section('device'), 'type');
}

/** Device kind named by the Device section's Type field only. */
export function deviceKindFromType(note: Note): DeviceKind | undefined {
  const t = deviceTypeField(note);
  return t ? deviceKindOfText(t.value) : undefined;
}

/** L-codes of the note: billed charge codes and codes written in the Device L-code / Type fields. */
export function noteLCodes(note: Note): string[] {
  const out = new Set<string>();
  for (const c of note.facts.charges) if (c.code && /^L\d{4}$/.test(c.code)) out.add(c.code);
  const device = note.section('device');
  for (const id of ['l-code', 'type']) {
    const f = field(device, id);
    if (!f || f.missing) continue;
    for (const m of f.value.matchAll(/\bL\d{4}\b/gi)) out.add(m[0].toUpperCase());
  }
  return [...out];
}

/** Device kind from the note's L-codes: undefined when there are none, or when they disagree. */
export function deviceKindFromLCodes(note: Note): DeviceKind | undefined {
  const kinds = new Set<LCodeKind>();
  for (const code of noteLCodes(note)) {
    const k = lcodeKind(code);
    if (k) kinds.add(k);
  }
  if (kinds.size !== 1) return undefined;
  return kinds.has('prosthetic') ? 'prosthesis' : 'orthosis';
}

/**
 * The kind of device the note manages: the Device Type's words when they name one kind, else the
 * note's L-codes when they all fall in one HCPCS block, else undefined.
 */
export function deviceKind(note: Note): DeviceKind | undefined {
  return deviceKindFromType(note) ?? deviceKindFromLCodes(note);
}

/** An edit that replaces only the code characters of a charge's `code` value (quotes kept). */
export function replaceCode(note: Note, charge: Charge, newCode: string): TextEdit | undefined {
  const v = charge.codeValue;
  if (!v) return undefined;
  const src = note.text.slice(v.range.start, v.range.end);
  const m = /[A-Za-z0-9]+/.exec(src);
  if (!m) return undefined;
  return replace({ start: v.range.start + m.index, end: v.range.start + m.index + m[0].length }, newCode);
}

/** The text range that removes one charge item from the `charges` list (its lines, or its flow entry with a separator). */
export function chargeRemovalRange(note: Note, charge: Charge): Range | undefined {
  const cv = note.facts.chargesValue;
  if (!cv?.node || !isSeq(cv.node) || !charge.node || !isMap(charge.node)) return undefined;
  const t = note.text;
  if (cv.node.flow) {
    let s = charge.range.start;
    let e = charge.range.end;
    const after = /^\s*,\s*/.exec(t.slice(e, cv.range.end));
    if (after) e += after[0].length;
    else {
      const before = /(?<!\s)\s*,\s*$/.exec(t.slice(cv.range.start, s));
      if (before) s -= before[0].length;
    }
    return { start: s, end: e };
  }
  if (charge.node.flow) {
    // `- {code: 97763, …}` on its own line.
    const line = note.lines.lineAt(charge.range.start);
    if (!/^\s*-\s*$/.test(t.slice(note.lines.lineStarts[line], charge.range.start))) return undefined;
    return { start: note.lines.lineStarts[line], end: note.lines.lineEndWithBreak(note.lines.lineAt(Math.max(charge.range.end - 1, charge.range.start))) };
  }
  const first = note.lines.lineAt(charge.range.start);
  // The item must start its own `- ` line, so removing whole lines removes nothing else.
  if (!/^\s*-\s+$/.test(t.slice(note.lines.lineStarts[first], charge.range.start))) return undefined;
  const lastEnd = Math.max(charge.range.start, ...[...charge.entries.values()].map((v) => v.pairRange.end));
  const last = note.lines.lineAt(Math.max(charge.range.start, lastEnd - 1));
  return { start: note.lines.lineStarts[first], end: note.lines.lineEndWithBreak(last) };
}

/** Whether a charge carries one of the modifiers (upper case). */
export function hasModifier(charge: Charge, ...mods: string[]): boolean {
  return charge.modifiers.some((m) => mods.includes(m.code));
}

/** Body regions named by a Region text (`upper extremity`, `UE`, `lower`, `LE`, `trunk` …). */
export function regionsOfText(text: string): Set<'upper' | 'lower' | 'trunk'> {
  const out = new Set<'upper' | 'lower' | 'trunk'>();
  const t = text.toLowerCase();
  if (/\b(?:upper|ue|ues|arm|arms)\b/.test(t)) out.add('upper');
  if (/\b(?:lower|le|les|leg|legs)\b/.test(t)) out.add('lower');
  if (/\b(?:trunk|spine|spinal|torso)\b/.test(t)) out.add('trunk');
  return out;
}

/** Body regions a charge applies to: its own `region`, else the Device section's Region field. */
export function chargeRegions(note: Note, charge: Charge): Set<'upper' | 'lower' | 'trunk'> {
  const r = charge.region;
  if (r && !r.placeholder && typeof r.value === 'string' && r.value.trim()) return regionsOfText(r.value);
  const f = filledField(note.section('device'), 'region');
  return f ? regionsOfText(f.value) : new Set();
}

/**
 * Where a keyword pattern occurs in a section, sentence by sentence, skipping sentences that say
 * the time was excluded. Returns the fields (or the heading, for narrative) that hold a match.
 */
export function keywordHits(section: Section, pattern: RegExp, exclusion: RegExp): Range[] {
  const counts = (text: string) =>
    text
      .split(/[.;\n]+/)
      .some((sentence) => pattern.test(sentence) && !exclusion.test(sentence));
  const hits: Range[] = [];
  for (const f of section.fields) {
    if (counts(`${f.label}: ${f.value}`)) hits.push(f.range);
  }
  if (hits.length === 0 && counts(section.text)) hits.push(section.headingRange);
  return hits;
}
