/**
 * The saved workspace index: what the index knows of each note on disk, kept in the extension's
 * storage folder (`initializationOptions.storagePath`) so that a restart trusts what did not change
 * instead of reading and checking every note again.
 *
 * What is kept per note: its URI and identity, its file stamp (size and modification time), which
 * config it was checked with (a fingerprint), its profile, its summaries for the workspace rules,
 * its findings without fixes (rule, severity, message, ranges) or that they are not known yet (the
 * index only digests notes until their findings are needed), and its line starts. Never its text.
 *
 * The file is one header line and one body line. The header names the format, the build that wrote
 * it and the rule set, and the body's length and checksum; a file that is not exactly that (another
 * build, other rules, cut short, changed, not ours) is discarded as a whole, never trusted in part.
 * The body is `{"configs":[fingerprint…],"notes":[note…]}`, each note one array (fields by
 * position, see {@link noteRecord}), so that a restart makes few objects: 10,000 notes load in a
 * few tens of milliseconds.
 */
import { configFingerprint, LineStarts, rulesFingerprint, PROFILES, RULE_KINDS, RULES, type Finding, type NoteDigest, type Position, type PositionMap, type Profile } from '../engine';

export const INDEX_FILE_NAME = 'tnote-workspace-index.json';
const FORMAT = 'tnote-workspace-index';
/**
 * 2: one array per note (no keys), looked up by path; config fingerprints in a table.
 * 3: a note's findings may be unknown (null).
 */
const FORMAT_VERSION = 3;
/** A saved index larger than this is not read. */
export const MAX_INDEX_BYTES = 256 * 1024 * 1024;
/**
 * A file modified this close to when it was read may change again within the same time stamp
 * (coarse clocks: 2 s on FAT): its entry is not trusted on the next start (it is read again).
 */
const RACY_MS = 2000;

/** A note as the saved index keeps it. */
export interface StoredNote {
  /** The file-access path it was found by (the saved index is looked up by it). */
  path: string;
  uri: string;
  /** Its identity; undefined when it is the key of its own path (no link on the way). */
  id: string | undefined;
  size: number;
  mtimeMs: number;
  /** Modified within {@link RACY_MS} of being read: read it again rather than trust the stamp. */
  racy: boolean;
  /** Fingerprint of the config it was checked with. */
  config: string;
  profile: Profile;
  summaries: [string, unknown][];
  /** Findings without fixes; undefined: not known (the note was only digested). */
  findings: Finding[] | undefined;
  lines: StoredLines;
}

/** A note file's stamp when it was read. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** Modified so shortly before it was read that a later change may keep the same stamp. */
  racy: boolean;
}

/** The stamp of a file read at `readAt` (ms). */
export function stampOf(stat: { size: number; mtimeMs: number }, readAt: number): FileStamp {
  return { size: stat.size, mtimeMs: stat.mtimeMs, racy: readAt - stat.mtimeMs < RACY_MS };
}

/** What a note in the index carries for saving. */
export interface SavableNote {
  /** The file-access path of `uri`. */
  path: string;
  /** The key of that path (the note's identity when no link was followed). */
  key: string;
  uri: string;
  id: string;
  stamp: FileStamp;
  digest: NoteDigest;
  /** Undefined: not known (saved as such, restored as such). */
  findings: Finding[] | undefined;
  lines: LineStarts | StoredLines;
}

/*
 * Line starts are kept as line lengths, each a base-32 number written with two alphabets (digits
 * that go on, and the last digit), so ten thousand notes' lines are one short string each that is
 * decoded only when a position in that note is asked for.
 */
const MORE = 'abcdefghijklmnopqrstuvwxyz6789+/';
const LAST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const MORE_CODES = Array.from(MORE, (c) => c.charCodeAt(0));
const LAST_CODES = Array.from(LAST, (c) => c.charCodeAt(0));
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < 32; i++) {
  DIGIT[MORE.charCodeAt(i)] = i;
  DIGIT[LAST.charCodeAt(i)] = 32 + i;
}
const ENCODED_LINES = /^[a-zA-Z0-9+/]*$/;

export function encodeLines(starts: ArrayLike<number>): string {
  // Built from character codes in chunks: one flat string (a string built by `+=` would be kept as
  // a chain of pieces, several times the memory, for as long as the note is indexed).
  const chunks: string[] = [];
  const codes: number[] = [];
  const digits: number[] = [];
  for (let i = 1; i < starts.length; i++) {
    let n = starts[i] - starts[i - 1];
    digits.length = 0;
    digits.push(LAST_CODES[n & 31]);
    for (n >>>= 5; n > 0; n >>>= 5) digits.push(MORE_CODES[n & 31]);
    for (let d = digits.length - 1; d >= 0; d--) codes.push(digits[d]);
    if (codes.length >= 8192) chunks.push(String.fromCharCode(...codes.splice(0)));
  }
  chunks.push(String.fromCharCode(...codes));
  return chunks.length === 1 ? chunks[0] : chunks.join('');
}

export function decodeLines(encoded: string): number[] {
  const starts = [0];
  let n = 0;
  let at = 0;
  for (let i = 0; i < encoded.length; i++) {
    const d = DIGIT[encoded.charCodeAt(i)];
    if (d < 32) n = n * 32 + d;
    else {
      at += n * 32 + d - 32;
      starts.push(at);
      n = 0;
    }
  }
  return starts;
}

/** Line starts restored from the saved index, decoded when first used. */
export class StoredLines implements PositionMap {
  private decoded: LineStarts | undefined;

  constructor(
    readonly encoded: string,
    readonly length: number,
  ) {}

  positionAt(offset: number): Position {
    return (this.decoded ??= new LineStarts({ starts: decodeLines(this.encoded), length: this.length })).positionAt(offset);
  }
}

/** Plain JSON only: a summary holding anything else (a Set, a Map, a function) is not saved. */
function plainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(plainJson);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value as Record<string, unknown>).every((v) => v === undefined || plainJson(v));
  }
  return false;
}

/** A finding without fixes as an array: rule, severity, kind, message, start, end[, {todo, part, related}]. */
function storedFinding(f: Finding): unknown[] {
  const out: unknown[] = [f.ruleId, f.severity, f.kind, f.message, f.range.start, f.range.end];
  const extra: { todo?: boolean; part?: string; related?: unknown[] } = {};
  if (f.todo !== undefined) extra.todo = f.todo;
  if (f.part !== undefined) extra.part = f.part;
  if (f.related) extra.related = f.related.map((r) => ({ ...(r.file !== undefined ? { file: r.file } : {}), range: { start: r.range.start, end: r.range.end }, message: r.message }));
  if (extra.todo !== undefined || extra.part !== undefined || extra.related) out.push(extra);
  return out;
}

/**
 * One note's record in the saved index (JSON text after the config table's index, see
 * {@link serializeIndex}), or undefined when it cannot be saved (it is read again next time).
 * Fields: path, URI, identity ("" when it is the key of the path), size, modification time,
 * racy (0/1), profile, encoded line lengths, text length, summaries, findings (null: not known).
 */
export function noteRecord(n: SavableNote): string | undefined {
  const summaries = [...n.digest.summaries];
  if (!summaries.every(([, v]) => plainJson(v))) return undefined;
  return JSON.stringify([
    n.path,
    n.uri,
    n.id === n.key ? '' : n.id,
    n.stamp.size,
    n.stamp.mtimeMs,
    n.stamp.racy ? 1 : 0,
    n.digest.profile,
    n.lines instanceof StoredLines ? n.lines.encoded : encodeLines(n.lines.starts),
    n.lines.length,
    summaries,
    n.findings ? n.findings.map(storedFinding) : null,
  ]);
}

/** A note's record with the fingerprint of its config, for {@link serializeIndex}. */
export interface IndexRecord {
  config: string;
  record: string;
}

/** The fingerprint of the config a note was checked with (kept with its record). */
export function configOf(n: Pick<SavableNote, 'digest'>): string {
  return configFingerprint(n.digest.config);
}

/**
 * The body's checksum (damage, not tampering: it is not a secret): FNV-1a-style over its UTF-8
 * bytes taken four at a time, two lanes. Four times fewer steps than the engine's `checksum` over UTF-16
 * code units, which matters for a body of several megabytes read at every start. The words are
 * read in the machine's byte order; the file stays on the machine that wrote it.
 */
export function bodyChecksum(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.length >>> 2);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ aligned.length;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul(b ^ w, 0x5bd1e995) ^ (b >>> 15);
  }
  for (let i = words.length * 4; i < aligned.length; i++) {
    a = Math.imul(a ^ aligned[i], 0x01000193);
    b = Math.imul(b ^ aligned[i], 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The saved index's text for these notes' records ({@link noteRecord}; see the module comment). */
export function serializeIndex(records: Iterable<IndexRecord>, build: string): string {
  const configs = new Map<string, number>();
  const notes: string[] = [];
  for (const r of records) {
    let i = configs.get(r.config);
    if (i === undefined) configs.set(r.config, (i = configs.size));
    notes.push(`[${i},${r.record.slice(1)}`);
  }
  const body = `{"configs":${JSON.stringify([...configs.keys()])},"notes":[${notes.join(',')}]}`;
  const header = JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, build, rules: rulesFingerprint(), bodyLength: body.length, checksum: bodyChecksum(body) });
  return `${header}\n${body}\n`;
}

export type LoadedIndex = { ok: true; notes: Map<string, StoredNote> } | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const SEVERITIES = new Set(['error', 'warning', 'info']);
const KINDS = new Set<string>(RULE_KINDS);
const RULE_IDS = new Set(RULES.map((r) => r.id));
const PROFILE_NAMES = new Set<string>(PROFILES);

function isRange(v: unknown): v is { start: number; end: number } {
  return isObject(v) && isCount(v.start) && isCount(v.end) && v.start <= v.end;
}

/** A stored finding ({@link storedFinding}) as a finding without fixes; undefined when it is not one. */
function findingOf(v: unknown): Finding | undefined {
  if (!Array.isArray(v) || v.length < 6 || v.length > 7) return undefined;
  const [ruleId, severity, kind, message, start, end, extra] = v as unknown[];
  if (typeof ruleId !== 'string' || !RULE_IDS.has(ruleId) || typeof severity !== 'string' || !SEVERITIES.has(severity)) return undefined;
  if (typeof kind !== 'string' || !KINDS.has(kind) || typeof message !== 'string' || !isCount(start) || !isCount(end) || start > end) return undefined;
  const f = { ruleId, severity, kind, message, range: { start, end }, fixes: [] } as unknown as Finding;
  if (v.length === 6) return f;
  if (!isObject(extra)) return undefined;
  if (extra.todo !== undefined) {
    if (typeof extra.todo !== 'boolean') return undefined;
    f.todo = extra.todo;
  }
  if (extra.part !== undefined) {
    if (typeof extra.part !== 'string') return undefined;
    f.part = extra.part;
  }
  if (extra.related !== undefined) {
    const related = extra.related;
    if (!Array.isArray(related) || !related.every((r) => isObject(r) && (r.file === undefined || typeof r.file === 'string') && isRange(r.range) && typeof r.message === 'string')) return undefined;
    f.related = related as Finding['related'];
  }
  return f;
}

/** A note's stored record (see {@link noteRecord}, after the config index); undefined when damaged. */
function storedNoteOf(n: unknown, configs: readonly string[]): StoredNote | undefined {
  if (!Array.isArray(n) || n.length !== 12) return undefined;
  const [config, path, uri, id, size, mtimeMs, racy, profile, lines, length, summaries, findings] = n as unknown[];
  if (!isCount(config) || config >= configs.length || typeof path !== 'string' || !path || typeof uri !== 'string' || typeof id !== 'string') return undefined;
  if (!isCount(size) || !isTime(mtimeMs) || (racy !== 0 && racy !== 1) || typeof profile !== 'string' || !PROFILE_NAMES.has(profile)) return undefined;
  if (typeof lines !== 'string' || !ENCODED_LINES.test(lines) || !(lines === '' || DIGIT[lines.charCodeAt(lines.length - 1)] >= 32) || !isCount(length)) return undefined;
  if (!Array.isArray(summaries) || !summaries.every((s) => Array.isArray(s) && s.length === 2 && typeof s[0] === 'string' && RULE_IDS.has(s[0]))) return undefined;
  if (findings !== null && !Array.isArray(findings)) return undefined;
  let found: Finding[] | undefined;
  if (findings !== null) {
    found = [];
    for (const f of findings) {
      const finding = findingOf(f);
      if (!finding) return undefined;
      found.push(finding);
    }
  }
  return {
    path,
    uri,
    id: id === '' ? undefined : id,
    size,
    mtimeMs,
    racy: racy === 1,
    config: configs[config],
    profile: profile as Profile,
    summaries: summaries as [string, unknown][],
    findings: found,
    lines: new StoredLines(lines, length),
  };
}

/**
 * Reads a saved index written by this build with these rules, by path; anything else is
 * discarded with a reason (for the log, without note content).
 */
export function parseIndex(text: string, build: string): LoadedIndex {
  const cut = text.indexOf('\n');
  if (cut < 0) return { ok: false, reason: 'it is cut short' };
  let header: unknown;
  try {
    header = JSON.parse(text.slice(0, cut));
  } catch {
    return { ok: false, reason: 'it is not a saved index' };
  }
  if (!isObject(header) || header.format !== FORMAT) return { ok: false, reason: 'it is not a saved index' };
  if (header.version !== FORMAT_VERSION || header.build !== build) return { ok: false, reason: 'another version of tnote wrote it' };
  if (header.rules !== rulesFingerprint()) return { ok: false, reason: 'it was written for other rules' };
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  if (end - cut - 1 !== header.bodyLength) return { ok: false, reason: 'it is cut short or damaged' };
  const body = text.slice(cut + 1, end);
  if (bodyChecksum(body) !== header.checksum) return { ok: false, reason: 'it is cut short or damaged' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'it is damaged' };
  }
  if (!isObject(parsed) || !Array.isArray(parsed.notes) || !Array.isArray(parsed.configs) || !parsed.configs.every((c) => typeof c === 'string')) return { ok: false, reason: 'it is damaged' };
  const configs = parsed.configs;
  const notes = new Map<string, StoredNote>();
  for (const n of parsed.notes as unknown[]) {
    const note = storedNoteOf(n, configs);
    if (!note || notes.has(note.path)) return { ok: false, reason: 'it is damaged' };
    notes.set(note.path, note);
  }
  return { ok: true, notes };
}
