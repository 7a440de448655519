/** Helpers shared by the diagnosis rules: where the note's ICD-10-CM codes are, and the device's side. */
import { KNOWN_ICD10, normalizeIcd10, type Icd10Info } from '../../knowledge/icd10';
import type { Note } from '../../parse/note';
import type { Range } from '../../types';
import { filledField } from '../shared';
import { listedDiagnosisCodes } from '../structure/frontMatterSlips';

/** One diagnosis code written in the note. */
export interface DiagnosisCode {
  /** As written (trimmed), for messages and edits. */
  text: string;
  /** Upper case, dot inserted when missing. */
  normalized: string;
  /** The code's own text (inside quotes, if any). */
  range: Range;
  where: 'front-matter' | 'body';
}

/** A token at the start of a `;`/`,` part of a Diagnosis field that looks like an attempted code. */
const ATTEMPTED_CODE = /^[A-Za-z]\d[0-9A-Za-z]*(?:\.[0-9A-Za-z]*)*$/;

function insideAny(offset: number, ranges: readonly Range[]): boolean {
  return ranges.some((r) => offset >= r.start && offset < r.end);
}

/** Codes of the front matter's `diagnoses` (every entry, whatever its shape). */
export function frontMatterDiagnoses(note: Note): DiagnosisCode[] {
  return note.facts.diagnoses.flatMap(({ code, item }) => {
    const src = note.text.slice(item.range.start, item.range.end);
    // `diagnoses: M21.371, I69.351` (no brackets): front-matter-shape reports the slip; each code is checked on its own.
    const quoted = /^["']/.test(src) ? 1 : 0;
    const listed = typeof item.value === 'string' ? listedDiagnosisCodes(quoted ? src.slice(1, -1) : src) : undefined;
    if (listed) {
      const at0 = item.range.start + quoted;
      return listed.map((c) => ({ text: c.code, normalized: normalizeIcd10(c.code.toUpperCase()), range: { start: at0 + c.start, end: at0 + c.end }, where: 'front-matter' as const }));
    }
    const at = src.toUpperCase().indexOf(code);
    const range = at >= 0 && code !== '' ? { start: item.range.start + at, end: item.range.start + at + code.length } : item.range;
    const text = at >= 0 && code !== '' ? note.text.slice(range.start, range.end) : item.text;
    return { text, normalized: normalizeIcd10(code), range, where: 'front-matter' as const };
  });
}

/**
 * Code-like tokens of the Medical Necessity section's Diagnosis fields: only the first word of
 * each `;`/`,`-separated part, and only when it looks like an attempted code (a letter, a digit,
 * then letters, digits and dots, at least 3 characters), so words are never taken for codes.
 */
export function bodyDiagnoses(note: Note): DiagnosisCode[] {
  const section = note.section('medical-necessity');
  if (!section) return [];
  const out: DiagnosisCode[] = [];
  for (const f of section.fields) {
    if (f.spec?.id !== 'diagnosis' || f.missing) continue;
    let pos = f.valueRange.start;
    for (const part of f.value.split(/[;,]/)) {
      const word = part.trim().split(/\s+/, 1)[0] ?? '';
      const token = word.replace(/[:.)\]]+$/, '');
      if (token.length < 3 || !ATTEMPTED_CODE.test(token)) continue;
      // Find it in the source (the value may span lines); skip occurrences inside comments.
      let at = note.text.indexOf(token, pos);
      while (at >= 0 && insideAny(at, note.comments)) at = note.text.indexOf(token, at + 1);
      if (at < 0 || at >= f.range.end) continue;
      pos = at + token.length;
      out.push({ text: token, normalized: normalizeIcd10(token), range: { start: at, end: at + token.length }, where: 'body' });
    }
  }
  return out;
}

/** Every diagnosis code of the note: front matter first, then the body's Diagnosis fields. */
export function allDiagnoses(note: Note): DiagnosisCode[] {
  return [...frontMatterDiagnoses(note), ...bodyDiagnoses(note)];
}

/** Writes `code` in the style of `written`: without the dot when a code longer than 3 characters was written without one. */
export function inStyleOf(written: string, code: string): string {
  return written.length > 3 && !written.includes('.') ? code.replace('.', '') : code;
}

export type DeviceSide = 'right' | 'left' | 'bilateral';
export type BodyRegion = 'upper' | 'lower' | 'trunk';

function sideIn(text: string, shortForms: boolean): DeviceSide | undefined {
  const t = text.toLowerCase();
  if (/\b(bilateral|bilat|both)\b/.test(t)) return 'bilateral';
  const right = shortForms ? /\b(right|rt|r)\b/.test(t) : /\b(right|rt)\b/.test(t);
  const left = shortForms ? /\b(left|lt|l)\b/.test(t) : /\b(left|lt)\b/.test(t);
  if (right && left) return 'bilateral';
  return right ? 'right' : left ? 'left' : undefined;
}

/** The side the Device section names: its Side field, else a side word in its Region field. */
export function deviceSide(note: Note): { side: DeviceSide; range: Range } | undefined {
  const device = note.section('device');
  const side = filledField(device, 'side');
  const s = side ? sideIn(side.value, true) : undefined;
  if (side && s) return { side: s, range: side.range };
  const region = filledField(device, 'region');
  const r = region ? sideIn(region.value, false) : undefined;
  if (region && r) return { side: r, range: region.range };
  return undefined;
}

/** The device's body region from the Device Region field or the 97760 line's `region`. */
export function deviceRegion(note: Note): BodyRegion | undefined {
  const region = filledField(note.section('device'), 'region');
  const texts = [region?.value ?? ''];
  for (const c of note.facts.charges) if (typeof c.region?.value === 'string' && !c.region.placeholder) texts.push(c.region.value);
  for (const text of texts) {
    const t = text.toLowerCase();
    if (/\b(upper|ue|arm|wrist|hand|elbow|shoulder|finger|thumb)\b/.test(t)) return 'upper';
    if (/\b(lower|le|leg|foot|ankle|knee|hip)\b/.test(t)) return 'lower';
    if (/\b(trunk|spine|spinal|back|lumbar|thoracic|cervical)\b/.test(t)) return 'trunk';
  }
  return undefined;
}

/** A code's table entry, when it is known and its region does not rule the device out. */
export function knownForDevice(code: string, region: BodyRegion | undefined): Icd10Info | undefined {
  const info = KNOWN_ICD10.get(code);
  if (!info) return undefined;
  if (region && info.region && info.region !== region) return undefined;
  return info;
}
