/**
 * The saved workspace index: what the index knows of each note on disk, kept in the extension's
 * storage folder (`initializationOptions.storagePath`) so that a restart trusts what did not change
 * instead of reading and checking every note again.
 *
 * What is kept per note: its URI and identity, its file stamp (size and modification time), which
 * config it was checked with (a fingerprint), its profile, its summaries for the workspace rules,
 * its findings without fixes (rule, severity, message, ranges) and its line starts. Never its text.
 *
 * The file is one header line and one body line. The header names the format, the build that wrote
 * it and the rule set, and the body's length and checksum; a file that is not exactly that (another
 * build, other rules, cut short, changed, not ours) is discarded as a whole, never trusted in part.
 */
import { checksum, configFingerprint, LineStarts, rulesFingerprint, PROFILES, RULE_KINDS, RULES, type Finding, type NoteDigest, type Position, type PositionMap, type Profile } from '../engine';

export const INDEX_FILE_NAME = 'tnote-workspace-index.json';
const FORMAT = 'tnote-workspace-index';
const FORMAT_VERSION = 1;
/** A saved index larger than this is not read. */
export const MAX_INDEX_BYTES = 256 * 1024 * 1024;
/**
 * A file modified this close to when it was read may change again within the same time stamp
 * (coarse clocks: 2 s on FAT): its entry is not trusted on the next start (it is read again).
 */
const RACY_MS = 2000;

/** A note as the saved index keeps it. */
export interface StoredNote {
  uri: string;
  id: string;
  size: number;
  mtimeMs: number;
  /** Modified within {@link RACY_MS} of being read: read it again rather than trust the stamp. */
  racy: boolean;
  /** Fingerprint of the config it was checked with. */
  config: string;
  profile: Profile;
  summaries: [string, unknown][];
  /** Findings without fixes. */
  findings: Finding[];
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
  uri: string;
  id: string;
  stamp: FileStamp;
  digest: NoteDigest;
  findings: Finding[];
  lines: LineStarts | StoredLines;
}

/*
 * Line starts are kept as line lengths, each a base-32 number written with two alphabets (digits
 * that go on, and the last digit), so ten thousand notes' lines are one short string each that is
 * decoded only when a position in that note is asked for.
 */
const MORE = 'abcdefghijklmnopqrstuvwxyz6789+/';
const LAST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < 32; i++) {
  DIGIT[MORE.charCodeAt(i)] = i;
  DIGIT[LAST.charCodeAt(i)] = 32 + i;
}
const ENCODED_LINES = /^[a-zA-Z0-9+/]*$/;

export function encodeLines(starts: ArrayLike<number>): string {
  let out = '';
  for (let i = 1; i < starts.length; i++) {
    let n = starts[i] - starts[i - 1];
    let digits = LAST[n & 31];
    for (n >>>= 5; n > 0; n >>>= 5) digits = MORE[n & 31] + digits;
    out += digits;
  }
  return out;
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

function storedFinding(f: Finding): Finding {
  const out: Finding = { ruleId: f.ruleId, severity: f.severity, kind: f.kind, message: f.message, range: { start: f.range.start, end: f.range.end }, fixes: [] };
  if (f.todo !== undefined) out.todo = f.todo;
  if (f.part !== undefined) out.part = f.part;
  if (f.related) out.related = f.related.map((r) => ({ ...(r.file !== undefined ? { file: r.file } : {}), range: { start: r.range.start, end: r.range.end }, message: r.message }));
  return out;
}

/** One note's record in the saved index (JSON), or undefined when it cannot be saved (it is read again next time). */
export function noteRecord(n: SavableNote): string | undefined {
  const summaries = [...n.digest.summaries];
  if (!summaries.every(([, v]) => plainJson(v))) return undefined;
  return JSON.stringify({
    uri: n.uri,
    id: n.id,
    size: n.stamp.size,
    mtimeMs: n.stamp.mtimeMs,
    racy: n.stamp.racy,
    config: configFingerprint(n.digest.config),
    profile: n.digest.profile,
    summaries,
    findings: n.findings.map(storedFinding),
    lines: n.lines instanceof StoredLines ? n.lines.encoded : encodeLines(n.lines.starts),
    length: n.lines.length,
  });
}

/** The saved index's text for these notes' records ({@link noteRecord}; see the module comment). */
export function serializeIndex(records: Iterable<string>, build: string): string {
  const body = `{"notes":[${[...records].join(',')}]}`;
  const header = JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, build, rules: rulesFingerprint(), bodyLength: body.length, checksum: checksum(body) });
  return `${header}\n${body}\n`;
}

export type LoadedIndex = { ok: true; notes: StoredNote[] } | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const SEVERITIES = new Set(['error', 'warning', 'info']);
const KINDS = new Set<string>(RULE_KINDS);
const RULE_IDS = new Set(RULES.map((r) => r.id));

function isRange(v: unknown): v is { start: number; end: number } {
  return isObject(v) && isCount(v.start) && isCount(v.end) && v.start <= v.end;
}

function isFinding(v: unknown): v is Finding {
  if (!isObject(v)) return false;
  if (typeof v.ruleId !== 'string' || !RULE_IDS.has(v.ruleId) || typeof v.severity !== 'string' || !SEVERITIES.has(v.severity)) return false;
  if (typeof v.kind !== 'string' || !KINDS.has(v.kind) || typeof v.message !== 'string' || !isRange(v.range) || !Array.isArray(v.fixes) || v.fixes.length !== 0) return false;
  if (v.todo !== undefined && typeof v.todo !== 'boolean') return false;
  if (v.part !== undefined && typeof v.part !== 'string') return false;
  if (v.related === undefined) return true;
  return Array.isArray(v.related) && v.related.every((r) => isObject(r) && (r.file === undefined || typeof r.file === 'string') && isRange(r.range) && typeof r.message === 'string');
}

/**
 * Reads a saved index written by this build with these rules; anything else is discarded with a
 * reason (for the log, without note content).
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
  const body = text.slice(cut + 1).replace(/\n$/, '');
  if (body.length !== header.bodyLength || checksum(body) !== header.checksum) return { ok: false, reason: 'it is cut short or damaged' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'it is damaged' };
  }
  if (!isObject(parsed) || !Array.isArray(parsed.notes)) return { ok: false, reason: 'it is damaged' };
  const notes: StoredNote[] = [];
  for (const n of parsed.notes as unknown[]) {
    if (
      !isObject(n) ||
      typeof n.uri !== 'string' ||
      typeof n.id !== 'string' ||
      !isCount(n.size) ||
      !isTime(n.mtimeMs) ||
      typeof n.racy !== 'boolean' ||
      typeof n.config !== 'string' ||
      !PROFILES.includes(n.profile as Profile) ||
      !Array.isArray(n.summaries) ||
      !n.summaries.every((s) => Array.isArray(s) && s.length === 2 && typeof s[0] === 'string' && RULE_IDS.has(s[0])) ||
      !Array.isArray(n.findings) ||
      !n.findings.every(isFinding) ||
      typeof n.lines !== 'string' ||
      !ENCODED_LINES.test(n.lines) ||
      !(n.lines === '' || DIGIT[n.lines.charCodeAt(n.lines.length - 1)] >= 32) ||
      !isCount(n.length)
    ) {
      return { ok: false, reason: 'it is damaged' };
    }
    notes.push({
      uri: n.uri,
      id: n.id,
      size: n.size,
      mtimeMs: n.mtimeMs,
      racy: n.racy,
      config: n.config,
      profile: n.profile as Profile,
      summaries: n.summaries as [string, unknown][],
      findings: n.findings,
      lines: new StoredLines(n.lines, n.length),
    });
  }
  return { ok: true, notes };
}
