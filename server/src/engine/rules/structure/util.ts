/** Helpers shared by the note-structure rules. */
import type { FrontMatterBlock, FmValue } from '../../parse/frontMatter';
import type { Note } from '../../parse/note';
import { insertAt, replace } from '../../edit';
import type { TextEdit } from '../../types';
import { isCalendarDay } from '../../dates';
import { closest, editDistance } from '../../text';

export { editDistance };
export { isIsoCalendarDate } from '../../dates';

/**
 * The front matter when its facts can be trusted: present, a mapping, and free of YAML syntax
 * errors (a duplicate key alone does not hide the other keys). Otherwise front-matter-missing or
 * front-matter-invalid owns the problem and the field rules stay quiet.
 */
export function readableFrontMatter(note: Note): FrontMatterBlock | undefined {
  const fm = note.frontMatter;
  if (!fm || !fm.isMapping) return undefined;
  if (fm.problems.some((p) => p.code !== 'DUPLICATE_KEY')) return undefined;
  return fm;
}

/** A front-matter value written with nothing after the colon (or only `""`). */
export function isEmptyValue(v: FmValue): boolean {
  if (v.placeholder) return false;
  if (v.value === null || v.value === undefined) return v.node === null || v.text === '' || v.text === '~' || /^null$/i.test(v.text);
  return typeof v.value === 'string' && v.value.trim() === '';
}

/**
 * Fills an empty `key:` with `newText`: replaces an empty scalar (`""`, `~`) or inserts after the
 * colon, keeping one space between colon and value.
 */
export function fillEmptyValue(note: Note, v: FmValue, newText: string): TextEdit {
  if (v.range.end > v.range.start && v.text !== '') return replace(v.range, newText);
  const colon = note.text.indexOf(':', v.keyRange.end);
  const lineEnd = note.lines.lineContentEnd(note.lines.lineAt(v.keyRange.start));
  if (colon === -1 || colon >= lineEnd) return insertAt(v.keyRange.end, `: ${newText}`);
  const after = note.text[colon + 1];
  return after === ' ' || after === '\t' ? insertAt(colon + 2, newText) : insertAt(colon + 1, ` ${newText}`);
}

/**
 * The candidate closest to `word` when it is close enough to be a typo: at most 1 edit for short
 * words, 2 for words of 6+ characters, 3 for 12+. Ties go to the earlier candidate.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.trim();
  const best = w ? closest(w, candidates) : undefined;
  if (!best || best.distance === 0) return undefined;
  const len = Math.max(w.length, best.candidate.length);
  const limit = len >= 12 ? 3 : len >= 6 ? 2 : 1;
  return best.distance <= limit ? best.candidate : undefined;
}

function iso(y: number, m: number, d: number): string | undefined {
  if (!isCalendarDay(y, m, d)) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * ISO rewrites of a date written another common way: `11/20/2026`, `20.11.2026`, `2026/11/20`,
 * `2026-1-5`. Month-first reading first (US), then day-first when that is also a real date.
 */
export function isoCandidates(s: string): string[] {
  const t = s.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) {
    const r = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return r ? [r] : [];
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (!m) return [];
  const a = Number(m[1]);
  const b = Number(m[2]);
  const y = Number(m[3]);
  const out: string[] = [];
  const us = iso(y, a, b);
  const eu = iso(y, b, a);
  if (us) out.push(us);
  if (eu && eu !== us) out.push(eu);
  return out;
}

/**
 * Professional credentials of therapy providers (and their assistants). Academic degrees alone
 * (MS, MA, PhD, BS) do not identify the profession, so they do not count on their own.
 */
const CREDENTIALS = new Set(
  [
    // Physical therapy
    'PT',
    'DPT',
    'MPT',
    'MSPT',
    'BSPT',
    'RPT',
    'LPT',
    'PTA',
    'LPTA',
    'SPT',
    'SPTA',
    // Occupational therapy
    'OT',
    'OTR',
    'OTR/L',
    'OT/L',
    'OTRL',
    'LOTR',
    'OTD',
    'MOT',
    'MSOT',
    'OTA',
    'COTA',
    'COTA/L',
    'OTA/L',
    'LOTA',
    'OTS',
    // Speech-language pathology
    'SLP',
    'CCC-SLP',
    'SLP-CCC',
    'CCC',
    'CF-SLP',
    'SLP-CF',
    'SLPA',
    'SLP-A',
    'MS-CCC-SLP',
    // Hand therapy
    'CHT',
  ].map((c) => c.toUpperCase()),
);

const SPELLED_OUT = /\b(?:physical|occupational)\s+therap(?:ist|y\s+assistant)\b|\bspeech[-\s](?:language\s+)?(?:patholog(?:ist|y\s+assistant)|therapist)\b/i;

/**
 * True when a signer line names a professional credential: a token such as `PT`, `DPT`, `OTR/L`,
 * `COTA`, `CCC-SLP` (dots ignored: `P.T.`), written in capitals or after a comma, or a spelled-out
 * title such as "physical therapist". Lower-case words before the first comma are read as the
 * name, so a surname like "Ota" is not a credential.
 */
export function hasCredential(signer: string): boolean {
  if (SPELLED_OUT.test(signer)) return true;
  const firstComma = signer.indexOf(',');
  const re = /[A-Za-z][A-Za-z./-]*/g;
  for (let m = re.exec(signer); m; m = re.exec(signer)) {
    const raw = m[0].replace(/(?<![.-])[.-]+$/, '');
    const token = raw.replace(/\./g, '').toUpperCase();
    if (!CREDENTIALS.has(token)) continue;
    const afterComma = firstComma !== -1 && m.index > firstComma;
    const capitals = raw.replace(/[^A-Za-z]/g, '') === raw.replace(/[^A-Za-z]/g, '').toUpperCase();
    if (afterComma || capitals) return true;
  }
  return false;
}

/** The name part of a `Name, CRED, CRED` provider value (before the first comma). */
export function nameOf(provider: string): string {
  return provider.split(',')[0].trim();
}
