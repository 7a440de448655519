/**
 * `tnote check --cache`: what each note's own check found, kept between runs (like ESLint's and
 * cspell's caches), so a run over unchanged notes reads each note and skips parsing and rules.
 *
 * Per note (by absolute path) the cache holds: a SHA-256 of the note's bytes, its size and
 * modification time when read (recorded, never trusted on their own: a note is always read and
 * hashed, so an edit that keeps size and time is still seen), the fingerprint of the config it was
 * checked with (every field, so extended configs and the ICD-10 code set are in it), its profile,
 * its own findings as report rows (positions, rule, severity, message; no note text beyond what a
 * message says) and its summaries for the cross-note rules (the digest the pipeline keeps as JSON
 * text). The cross-note rules always run again over every note's digest.
 *
 * The whole cache is discarded when the tool's version, its build (the running code's bytes), the
 * rule set or the per-file settings (`--config`, `--final`) differ from the run that wrote it; a
 * cache file that is cut short, corrupt, too large or not ours is discarded as a whole, never
 * trusted in part, and never makes the run fail (a checksum in its header covers the rest). Options that only filter the output (--quiet,
 * --format, --max-warnings, --ignore, a baseline) do not invalidate it. It is written atomically,
 * readable by its owner only (0600).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROFILES, RULES, withSummariesText, type NoteDigest, type Profile, type ResolvedConfig } from '../engine';
import { configFingerprint } from '../engine';
import { writeFileAtomic } from './files';
import type { Row } from './report';

/** The default cache file name (in the current folder, or in the folder `--cache-location` names). */
export const CACHE_FILE_NAME = '.tnotecache';
const FORMAT = 'tnote-cache';
const FORMAT_VERSION = 1;
/** A cache file larger than this is not read (it is not ours, or not worth trusting). */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

/** One row without its file: [line, column, endLine, endColumn, rule, severity, message, fixable]. */
type PackedRow = [number, number, number, number, string, Row['severity'], string, 0 | 1];

/**
 * A note's entry: [hash, size, mtimeMs, config fingerprint, profile, rows, summaries], the rows
 * and summaries as JSON text (decoded and checked only when the entry is used: a warm run's
 * load stays cheap).
 */
type Entry = [hash: string, size: number, mtimeMs: number, config: string, profile: Profile, rows: string, summaries: string];

/**
 * The file is two lines: this header (JSON), then the notes (JSON: path → {@link Entry}). The
 * header's checksum of the second line catches a file cut short or changed by anything else.
 */
interface CacheHeader {
  format: typeof FORMAT;
  formatVersion: number;
  /** Tool version, build, rule set and settings: any difference discards the cache. */
  key: { version: string; build: string; rules: string; settings: string };
  /** SHA-256 of the notes line. */
  notes: string;
}

/** Where the cache is: `--cache-location` (a folder gets {@link CACHE_FILE_NAME} inside it) or the default. */
export function cacheFile(location: string | undefined, cwd: string): string {
  if (location === undefined) return path.join(cwd, CACHE_FILE_NAME);
  const abs = path.resolve(cwd, location);
  let isDir = /[\\/]$/.test(location);
  if (!isDir) {
    try {
      isDir = fs.statSync(abs).isDirectory();
    } catch {
      isDir = false;
    }
  }
  return isDir ? path.join(abs, CACHE_FILE_NAME) : abs;
}

/** One-shot `crypto.hash` (Node 20.12+) where there is one: about twice as fast on small inputs as a Hash object. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string }).hash;
const sha256 = (data: string | Uint8Array): string => (oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex'));

/** The running code's identity: its file's bytes (the bundled CLI holds the whole engine). */
function buildPrint(): string {
  try {
    return sha256(fs.readFileSync(__filename));
  } catch {
    return 'unknown';
  }
}

const plain = (_key: string, v: unknown): unknown => (v instanceof Set ? [...(v as Set<unknown>)].sort() : v instanceof Map ? [...(v as Map<unknown, unknown>)] : v instanceof RegExp ? String(v) : v);

/** The rule set: each rule's id and metadata (severity, kind, fixability, profiles, tags, sources …). */
function rulesPrint(): string {
  return sha256(JSON.stringify(RULES, plain));
}

export interface CacheKeyInputs {
  version: string;
  /** Settings that change per-file results: the `--config` file (absolute) and `--final`. */
  settings: { config?: string; final: boolean };
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const SEVERITY = new Set(['error', 'warning', 'info']);

function validRow(r: unknown): r is PackedRow {
  return (
    Array.isArray(r) &&
    r.length === 8 &&
    isInt(r[0]) &&
    isInt(r[1]) &&
    isInt(r[2]) &&
    isInt(r[3]) &&
    typeof r[4] === 'string' &&
    SEVERITY.has(r[5] as string) &&
    typeof r[6] === 'string' &&
    (r[7] === 0 || r[7] === 1)
  );
}

function validEntry(e: unknown): e is Entry {
  return (
    Array.isArray(e) &&
    e.length === 7 &&
    typeof e[0] === 'string' &&
    /^[0-9a-f]{64}$/.test(e[0]) &&
    isInt(e[1]) &&
    isInt(e[2]) &&
    typeof e[3] === 'string' &&
    (PROFILES as readonly unknown[]).includes(e[4]) &&
    typeof e[5] === 'string' &&
    typeof e[6] === 'string'
  );
}

/** A note's cached result, as the CLI needs it. */
export interface CachedNote {
  rows: (file: string) => Row[];
  /** The same rows without their file, as JSON text in the report spill's packed shape (so a hit is not packed again). */
  packed: string;
  digest: NoteDigest;
}

/**
 * The cache of one `tnote check` run: loaded (or discarded) at the start, looked up per note,
 * written at the end.
 */
export class CheckCache {
  private readonly key: CacheHeader['key'];
  private readonly old = new Map<string, Entry>();
  private readonly fresh = new Map<string, Entry>();
  /** Hash and stamp of each note as read this run, until its result comes. */
  private readonly pending = new Map<string, { hash: string; size: number; mtimeMs: number }>();
  /** Why the cache file was not used (absent, corrupt, another version …), for the debug line. */
  discarded: string | undefined;
  /** Notes taken from the cache this run. */
  hits = 0;
  /** Something to write: a note checked, a stamp changed, an entry dropped, or no usable cache file. */
  private changed = false;

  constructor(
    readonly file: string,
    inputs: CacheKeyInputs,
  ) {
    this.key = { version: inputs.version, build: buildPrint(), rules: rulesPrint(), settings: sha256(JSON.stringify([inputs.settings.config ?? null, inputs.settings.final])) };
    this.load();
  }

  private load(): void {
    this.changed = true;
    let text: string;
    try {
      const stat = fs.statSync(this.file);
      if (!stat.isFile()) return void (this.discarded = 'not a regular file');
      if (stat.size > MAX_CACHE_BYTES) return void (this.discarded = 'too large');
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      this.discarded = 'no cache file yet';
      return;
    }
    const end = text.indexOf('\n');
    let d: Partial<CacheHeader> | null;
    try {
      d = JSON.parse(end < 0 ? text : text.slice(0, end)) as Partial<CacheHeader> | null;
    } catch {
      return void (this.discarded = 'not a tnote cache (no header)');
    }
    if (!d || typeof d !== 'object' || d.format !== FORMAT || d.formatVersion !== FORMAT_VERSION) return void (this.discarded = 'not a tnote cache of this format');
    const k = d.key;
    if (!k || typeof k !== 'object') return void (this.discarded = 'no key');
    if (k.version !== this.key.version) return void (this.discarded = 'written by another tnote version');
    if (k.build !== this.key.build) return void (this.discarded = 'written by another build');
    if (k.rules !== this.key.rules) return void (this.discarded = 'another rule set');
    if (k.settings !== this.key.settings) return void (this.discarded = 'other settings (--config, --final)');
    const body = end < 0 ? '' : text.slice(end + 1, text.endsWith('\n') ? -1 : undefined);
    if (typeof d.notes !== 'string' || sha256(body) !== d.notes) return void (this.discarded = 'cut short or changed (checksum)');
    let notes: unknown;
    try {
      notes = JSON.parse(body);
    } catch {
      return void (this.discarded = 'not valid JSON');
    }
    if (!notes || typeof notes !== 'object' || Array.isArray(notes)) return void (this.discarded = 'no notes');
    for (const [file, entry] of Object.entries(notes)) {
      if (!validEntry(entry)) {
        this.old.clear();
        return void (this.discarded = 'a malformed entry');
      }
      this.old.set(file, entry);
    }
    this.changed = false;
  }

  /**
   * The cached result of a note as read now, or undefined (then the note is checked and
   * {@link store} records it). `config` is the config the note would be checked with.
   */
  lookup(file: string, read: { bytes: Uint8Array; stat: { size: number; mtimeMs: number } }, config: ResolvedConfig): CachedNote | undefined {
    // The note's bytes as read (an entry is only ever made for bytes that were decoded and checked).
    const hash = sha256(read.bytes);
    const fp = configFingerprint(config);
    this.pending.set(file, { hash, size: read.stat.size, mtimeMs: read.stat.mtimeMs });
    const e = this.old.get(file);
    if (!e || e[0] !== hash || e[3] !== fp) return undefined;
    let summaries: Map<string, unknown>;
    let packed: PackedRow[];
    try {
      const parsed = JSON.parse(e[6]) as unknown;
      const rows = (e[5] === '[]' ? [] : JSON.parse(e[5])) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !Array.isArray(rows) || !rows.every(validRow)) throw new Error('malformed');
      summaries = new Map(Object.entries(parsed as Record<string, unknown>));
      packed = rows;
    } catch {
      // Not what this tool writes: the note is checked (and its entry replaced).
      this.changed = true;
      this.discarded = 'a malformed entry';
      return undefined;
    }
    this.pending.delete(file);
    if (e[1] !== read.stat.size || e[2] !== read.stat.mtimeMs) {
      this.changed = true;
      this.fresh.set(file, [hash, read.stat.size, read.stat.mtimeMs, fp, e[4], e[5], e[6]]);
    } else this.fresh.set(file, e);
    this.hits++;
    return {
      rows: (display) =>
        packed.map(([line, column, endLine, endColumn, rule, severity, message, fixable]) => ({ file: display, line, column, endLine, endColumn, rule, severity, message, fixable: fixable === 1 })),
      packed: e[5],
      digest: withSummariesText({ file, profile: e[4], config, summaries }, e[6]),
    };
  }

  /** Records a checked note's own rows and digest (for a note {@link lookup} saw). */
  store(file: string, rows: readonly Row[], digest: NoteDigest): void {
    const p = this.pending.get(file);
    if (!p) return;
    this.pending.delete(file);
    let summaries: string;
    try {
      summaries = JSON.stringify(Object.fromEntries(digest.summaries));
    } catch {
      return;
    }
    this.changed = true;
    const packed: PackedRow[] = rows.map((r) => [r.line, r.column, r.endLine, r.endColumn, r.rule, r.severity, r.message, r.fixable ? 1 : 0]);
    this.fresh.set(file, [p.hash, p.size, p.mtimeMs, configFingerprint(digest.config), digest.profile, JSON.stringify(packed), summaries]);
  }

  /**
   * Writes the cache: this run's notes, and the earlier entries of notes this run did not check
   * that still exist (a run over part of a folder keeps the rest warm); not at all when the file
   * already says exactly that. Throws when it cannot be written.
   */
  save(): void {
    const notes: Record<string, Entry> = {};
    for (const [file, entry] of this.old) {
      if (this.fresh.has(file)) continue;
      if (!this.pending.has(file) && fs.existsSync(file)) notes[file] = entry;
      else this.changed = true;
    }
    // Every note as the file has it: nothing to write (a warm run over unchanged notes writes nothing).
    if (!this.changed) return;
    for (const [file, entry] of this.fresh) notes[file] = entry;
    const body = JSON.stringify(notes);
    const header: CacheHeader = { format: FORMAT, formatVersion: FORMAT_VERSION, key: this.key, notes: sha256(body) };
    writeFileAtomic(this.file, `${JSON.stringify(header)}\n${body}\n`, 0o600);
  }
}
