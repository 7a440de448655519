/** Helpers shared by the diagnosis rules: where the note's ICD-10-CM codes are, and the device's side. */
import { isIcd10Shaped, KNOWN_ICD10, normalizeIcd10, type Icd10Info } from '../../knowledge/icd10';
import { seventhCharacterIssue } from '../../knowledge/seventhCharacter';
import { chargeRegion, devices, type BodyRegion, type Device, type DeviceSide } from '../devices';
import { perNote, type Note } from '../../parse/note';
import type { Range } from '../../types';
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

/** One lookup computed once per note and shared by the rules that ask (the result is read-only). */
function oncePerNote<T>(compute: (note: Note) => T): (note: Note) => T {
  return (note) => perNote(note, compute, compute);
}

/** Codes of the front matter's `diagnoses` (every entry, whatever its shape). */
export const frontMatterDiagnoses: (note: Note) => readonly DiagnosisCode[] = oncePerNote((note) =>
  note.facts.diagnoses.flatMap(({ code, item }) => {
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
  }),
);

/**
 * Code-like tokens of the Medical Necessity section's Diagnosis fields: only the first word of
 * each `;`/`,`-separated part, and only when it looks like an attempted code (a letter, a digit,
 * then letters, digits and dots, at least 3 characters), so words are never taken for codes.
 */
export const bodyDiagnoses: (note: Note) => readonly DiagnosisCode[] = oncePerNote((note) => {
  const section = note.section('medical-necessity');
  if (!section) return [];
  const out: DiagnosisCode[] = [];
  for (const f of section.fields) {
    if (f.spec?.id !== 'diagnosis' || f.missing) continue;
    let pos = f.valueRange.start;
    for (const part of f.value.split(/[;,]/)) {
      const word = part.trim().split(/\s+/, 1)[0] ?? '';
      const token = word.replace(/(?<![:.)\]])[:.)\]]+$/, '');
      if (token.length < 3 || !ATTEMPTED_CODE.test(token)) continue;
      // Find it in the source (the value may span lines); skip occurrences inside comments.
      let at = note.text.indexOf(token, pos);
      while (at >= 0 && insideAny(at, note.comments)) at = note.text.indexOf(token, at + 1);
      if (at < 0 || at >= f.range.end) continue;
      pos = at + token.length;
      out.push({ text: token, normalized: normalizeIcd10(token), range: { start: at, end: at + token.length }, where: 'body' as const });
    }
  }
  return out;
});

/** Every diagnosis code of the note: front matter first, then the body's Diagnosis fields. */
export const allDiagnoses: (note: Note) => readonly DiagnosisCode[] = oncePerNote((note) => [...frontMatterDiagnoses(note), ...bodyDiagnoses(note)]);

/** Writes `code` in the style of `written`: without the dot when a code longer than 3 characters was written without one. */
export function inStyleOf(written: string, code: string): string {
  return written.length > 3 && !written.includes('.') ? code.replace('.', '') : code;
}

export type { DeviceSide, BodyRegion };

/**
 * The codes that go on the claim (v2 item 13): the front matter's `diagnoses`; only when it lists
 * none, the body's Diagnosis fields. Laterality checks read these, so a code written only in the
 * body never hides a conflict on the claim.
 */
export function claimDiagnoses(note: Note): readonly DiagnosisCode[] {
  const fm = frontMatterDiagnoses(note);
  return fm.length > 0 ? fm : bodyDiagnoses(note);
}

/** The devices of the note that name a side (Side field, else a side word in Region). */
export function sidedDevices(note: Note): (Device & { side: NonNullable<Device['side']> })[] {
  const devs = devices(note);
  const out = devs.filter((d): d is Device & { side: NonNullable<Device['side']> } => d.side !== undefined);
  // A single device without a documented region takes the region of the note's 97760/97761 line (as in v1).
  // On a copy: devices(note) is shared by every rule of the note.
  if (devs.length === 1 && out.length === 1 && out[0].likelyRegions.size === 0) {
    const likelyRegions = new Set<BodyRegion>();
    for (const c of note.facts.charges) {
      if (c.code !== '97760' && c.code !== '97761') continue;
      const r = chargeRegion(c);
      if (r) likelyRegions.add(r);
    }
    if (likelyRegions.size > 0) out[0] = { ...out[0], likelyRegions };
  }
  return out;
}

/** The side of the first device that names one (v1's single-device view; used to order fix choices). */
export function deviceSide(note: Note): { side: DeviceSide; range: Range } | undefined {
  return sidedDevices(note)[0]?.side;
}

/**
 * A code's table entry when it is known and its region does not rule the device out (a device
 * with no known region is compatible with every code).
 */
export function knownForDevice(code: string, device: Pick<Device, 'likelyRegions'> | undefined): Icd10Info | undefined {
  const info = KNOWN_ICD10.get(code);
  if (!info) return undefined;
  if (device && info.region && device.likelyRegions.size > 0 && !device.likelyRegions.has(info.region)) return undefined;
  return info;
}

// ---------------------------------------------------------------------------------------------
// 7th characters (v2 item 4)

/** Per code file: every prefix (3+ characters, no dot) of its 7-character codes. */
const PREFIXES = new WeakMap<ReadonlySet<string>, Set<string>>();

function seventhPrefixes(codes: ReadonlySet<string>): Set<string> {
  let out = PREFIXES.get(codes);
  if (out) return out;
  out = new Set();
  for (const c of codes) {
    const body = c.replace('.', '');
    if (body.length !== 7) continue;
    for (let len = 3; len < 7; len++) out.add(body.slice(0, len));
  }
  PREFIXES.set(codes, out);
  return out;
}

/** The code with X placeholders filling positions 4–6 before its last character (S02.2A → S02.2XXA). */
export function padSeventh(code: string): string {
  const body = normalizeIcd10(code).replace('.', '');
  const padded = body.slice(0, -1).padEnd(6, 'X') + body.slice(-1);
  return `${padded.slice(0, 3)}.${padded.slice(3)}`;
}

/**
 * What is wrong with a code's 7th character, if anything:
 * - 'missing': the code belongs to a category that takes a 7th character and has none;
 * - 'unpadded': it has one, written too early without the X placeholders (S02.2A).
 * Decided by the table of the ICD-10-CM tabular's 7th-character categories
 * (knowledge/seventhCharacter.ts: T31/T32 and T87 take none; M80, M84.3–M84.6, M48.4–M48.5, M97 do).
 * With a configured code file, the file decides: a code it lists is complete; otherwise 'unpadded'
 * when the padded code is in it and 'missing' when a 7-character code of the file starts with it.
 */
export function seventhIssue(code: string, codeFile?: ReadonlySet<string>): 'missing' | 'unpadded' | undefined {
  if (!isIcd10Shaped(code)) return undefined;
  const n = normalizeIcd10(code);
  if (codeFile && codeFile.size > 0) {
    if (codeFile.has(n)) return undefined;
    const body = n.replace('.', '');
    if (body.length >= 7) return undefined;
    if (body.length >= 4 && /[A-Z]$/.test(body) && codeFile.has(padSeventh(n))) return 'unpadded';
    if (seventhPrefixes(codeFile).has(body)) return 'missing';
    return undefined;
  }
  const issue = seventhCharacterIssue(n);
  return issue === 'missing' || issue === 'unpadded' ? issue : undefined;
}
