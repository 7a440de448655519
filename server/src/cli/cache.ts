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
 * trusted in part, and never makes the run fail (a checksum in its header covers the rest); an
 * entry that is not what this tool writes only makes its note be checked again. Options that only
 * filter the output (--quiet, --format, --max-warnings, --ignore, a baseline) do not invalidate it.
 *
 * The file is a line per note, read as bytes: a warm run decodes a note's line only when it looks
 * the note up, and a run writes the file as it goes (earlier lines copied as bytes, new ones kept
 * as UTF-8 outside the JavaScript heap until then), never as one large string. It is written
 * atomically (a new file renamed over the old one), readable by its owner only (0600).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROFILES, withSummariesText, type NoteDigest, type Profile, type ResolvedConfig } from '../engine';
import { configFingerprint, rulesFingerprint } from '../engine';
import type { Row } from './report';

/** The default cache file name (in the current folder, or in the folder `--cache-location` names). */
export const CACHE_FILE_NAME = '.tnotecache';
const FORMAT = 'tnote-cache';
const FORMAT_VERSION = 2;
/** A cache file larger than this is not read (it is not ours, or not worth trusting). */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

/** One row without its file: [line, column, endLine, endColumn, rule, severity, message, fixable]. */
type PackedRow = [number, number, number, number, string, Row['severity'], string, 0 | 1];

/**
 * A note's entry, one line of the file: the note's path (as a JSON string), then, separated by
 * tabs, its hash, size, mtimeMs, config fingerprint, profile, rows and summaries (the last two
 * as JSON text). JSON text never holds a raw tab or line break, so a line splits without
 * parsing. Entries are decoded and checked only when used: a warm run's load reads the file as
 * bytes and notes where each line is, nothing more.
 */
type Entry = [hash: string, size: number, mtimeMs: number, config: string, profile: Profile, rows: string, summaries: string];

/**
 * The file: this header (JSON) on the first line, then one line per note ({@link Entry}). The
 * header's checksum of the rest (as bytes) catches a file cut short or changed by anything else.
 */
interface CacheHeader {
  format: typeof FORMAT;
  formatVersion: number;
  /** Tool version, build, rule set and settings: any difference discards the cache. */
  key: { version: string; build: string; rules: string; settings: string };
  /** SHA-256 of the notes' lines. */
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

/** A number as the cache writes it (`String(n)` of a finite number), else undefined. */
function numberField(text: string): number | undefined {
  const n = Number(text);
  return text !== '' && Number.isFinite(n) && String(n) === text ? n : undefined;
}

/** An entry's line (with its line break); every field is free of tabs and line breaks. */
function entryLine(file: string, e: Entry): string {
  for (const field of [e[3], e[5], e[6]]) if (/[\t\n\r]/.test(field)) throw new Error('a cache field holds a tab or a line break');
  return `${JSON.stringify(file)}\t${e[0]}\t${String(e[1])}\t${String(e[2])}\t${e[3]}\t${e[4]}\t${e[5]}\t${e[6]}\n`;
}

/** Lines kept as UTF-8 in large byte arrays (outside the JavaScript heap) until they are written. */
export class LineArena {
  private readonly chunks: { bytes: Buffer; used: number }[] = [];

  constructor(private readonly chunkSize = 1 << 20) {}

  put(line: string): void {
    const length = Buffer.byteLength(line);
    let last = this.chunks[this.chunks.length - 1];
    if (!last || last.used + length > last.bytes.length) {
      last = { bytes: Buffer.allocUnsafe(Math.max(this.chunkSize, length)), used: 0 };
      this.chunks.push(last);
    }
    last.used += last.bytes.write(line, last.used);
  }

  /** The bytes put, in order, as views. */
  *parts(): Generator<Buffer> {
    for (const c of this.chunks) yield c.bytes.subarray(0, c.used);
  }
}

/** Writes bytes to a file in batches of about 64 KB, hashing them on the way. */
class BatchWriter {
  private readonly batch: Buffer[] = [];
  private size = 0;
  private readonly hash = crypto.createHash('sha256');
  constructor(
    private readonly fd: number,
    private position: number,
  ) {}
  add(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.hash.update(bytes);
    this.batch.push(bytes);
    this.size += bytes.length;
    if (this.size >= 1 << 16) this.flush();
  }
  flush(): void {
    if (this.size === 0) return;
    const data = this.batch.length === 1 ? this.batch[0] : Buffer.concat(this.batch, this.size);
    this.batch.length = 0;
    this.size = 0;
    writeAll(this.fd, data, this.position);
    this.position += data.length;
  }
  /** Flushes and returns the SHA-256 of every byte added. */
  end(): string {
    this.flush();
    return this.hash.digest('hex');
  }
}

function writeAll(fd: number, data: Uint8Array, position: number): void {
  for (let done = 0; done < data.length;) done += fs.writeSync(fd, data, done, data.length - done, position + done);
}

/** A note's cached result, as the CLI needs it. */
export interface CachedNote {
  rows: (file: string) => Row[];
  /** The same rows without their file, as UTF-8 JSON text in the report spill's packed shape (a view of the cache file as read: a hit is not packed or copied again). */
  packed: Uint8Array;
  digest: NoteDigest;
}

/**
 * The cache of one `tnote check` run: loaded (or discarded) at the start, looked up per note,
 * written at the end.
 */
export class CheckCache {
  private readonly key: CacheHeader['key'];
  /** The cache file's notes' lines, as read. */
  private body: Buffer = Buffer.alloc(0);
  /** Path → its line in {@link body}: where it starts, where its fields start (after the path and its tab), where it ends (its line break). */
  private readonly old = new Map<string, { start: number; fields: number; end: number }>();
  /** Notes whose entry in the file still holds (a hit with the same stamp): copied as they are. */
  private readonly kept = new Set<string>();
  /** Notes with a new entry this run, and those entries' lines. */
  private readonly fresh = new Set<string>();
  private readonly freshLines = new LineArena();
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
    this.key = { version: inputs.version, build: buildPrint(), rules: rulesFingerprint(), settings: sha256(JSON.stringify([inputs.settings.config ?? null, inputs.settings.final])) };
    this.load();
  }

  private load(): void {
    this.changed = true;
    let bytes: Buffer;
    try {
      const stat = fs.statSync(this.file);
      if (!stat.isFile()) return void (this.discarded = 'not a regular file');
      if (stat.size > MAX_CACHE_BYTES) return void (this.discarded = 'too large');
      bytes = fs.readFileSync(this.file);
    } catch {
      this.discarded = 'no cache file yet';
      return;
    }
    const end = bytes.indexOf(10);
    let d: Partial<CacheHeader> | null;
    try {
      d = JSON.parse(bytes.toString('utf8', 0, end < 0 ? bytes.length : end)) as Partial<CacheHeader> | null;
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
    const body = end < 0 ? Buffer.alloc(0) : bytes.subarray(end + 1);
    if (typeof d.notes !== 'string' || sha256(body) !== d.notes) return void (this.discarded = 'cut short or changed (checksum)');
    // Where each note's line is: its path decoded, the rest left as bytes until the note is looked up.
    for (let at = 0; at < body.length;) {
      const eol = body.indexOf(10, at);
      const tab = body.indexOf(9, at);
      const file = eol < 0 || tab < 0 || tab > eol ? undefined : pathField(body, at, tab);
      if (file === undefined) {
        this.old.clear();
        return void (this.discarded = 'a malformed line');
      }
      this.old.set(file, { start: at, fields: tab + 1, end: eol });
      at = eol + 1;
    }
    this.body = body;
    this.changed = false;
  }

  /**
   * The cached result of a note as read now, or undefined (then the note is checked and
   * {@link store} records it). `config` is the config the note would be checked with.
   */
  lookup(file: string, read: { bytes: Uint8Array; stat: { size: number; mtimeMs: number } }, config: ResolvedConfig): CachedNote | undefined {
    // The note's bytes as read (an entry is only ever made for bytes that were decoded and checked).
    const hash = sha256(read.bytes);
    const hit = this.hit(file, hash, read, config);
    // A miss is checked, then stored with these stamps (store).
    if (!hit) this.pending.set(file, { hash, size: read.stat.size, mtimeMs: read.stat.mtimeMs });
    return hit;
  }

  private hit(file: string, hash: string, read: { stat: { size: number; mtimeMs: number } }, config: ResolvedConfig): CachedNote | undefined {
    const where = this.old.get(file);
    if (!where) return undefined;
    const body = this.body;
    // The hash first (the fields start with it and a tab): a note whose bytes changed stops here,
    // having decoded no more than the hash's bytes.
    const at = where.fields;
    if (body[at + hash.length] !== 9 || body.toString('latin1', at, at + hash.length) !== hash) return undefined;
    // Where the other fields end, found by their tabs (JSON text holds no raw tab): six tabs in the line, no more.
    const tabs = [at + hash.length];
    while (tabs.length < 6) {
      const t = body.indexOf(9, tabs[tabs.length - 1] + 1);
      if (t < 0 || t > where.end) break;
      tabs.push(t);
    }
    const extra = body.indexOf(9, tabs[tabs.length - 1] + 1);
    const fields = tabs.length === 6 && (extra < 0 || extra > where.end) ? tabs : undefined;
    const text = (from: number, to: number) => body.toString('utf8', from, to);
    const fp = this.fingerprint(config);
    let entry: { sameStamp: boolean; profile: Profile; rows: Buffer; summaries: string } | undefined;
    let summaries: Map<string, unknown>;
    let packed: PackedRow[];
    try {
      if (!fields) throw new Error('malformed');
      const [tHash, tSize, tMtime, tFp, tProfile, tRows] = fields;
      const latin1 = (from: number, to: number) => body.toString('latin1', from, to);
      const sizeText = latin1(tHash + 1, tSize);
      const mtimeText = latin1(tSize + 1, tMtime);
      const profile = latin1(tFp + 1, tProfile);
      if (!(PROFILES as readonly string[]).includes(profile)) throw new Error('malformed');
      const sameStamp = sizeText === String(read.stat.size) && mtimeText === String(read.stat.mtimeMs);
      if (!sameStamp && (numberField(sizeText) === undefined || numberField(mtimeText) === undefined)) throw new Error('malformed');
      // Checked with another config: checked again (and its entry replaced).
      if (text(tMtime + 1, tFp) !== fp) return undefined;
      const rowsBytes = body.subarray(tProfile + 1, tRows);
      const summariesText = text(tRows + 1, where.end);
      const facts = JSON.parse(summariesText) as unknown;
      const rows = (rowsBytes.length === 2 && rowsBytes[0] === 0x5b && rowsBytes[1] === 0x5d ? [] : JSON.parse(rowsBytes.toString('utf8'))) as unknown;
      if (!facts || typeof facts !== 'object' || Array.isArray(facts) || !Array.isArray(rows) || !rows.every(validRow)) throw new Error('malformed');
      summaries = new Map(Object.entries(facts as Record<string, unknown>));
      packed = rows;
      entry = { sameStamp, profile: profile as Profile, rows: rowsBytes, summaries: summariesText };
    } catch {
      // Not what this tool writes: the note is checked (and its entry replaced).
      this.changed = true;
      this.discarded = 'a malformed entry';
      return undefined;
    }
    if (!entry.sameStamp) this.put(file, [hash, read.stat.size, read.stat.mtimeMs, fp, entry.profile, entry.rows.toString('utf8'), entry.summaries]);
    else this.kept.add(file);
    this.hits++;
    return {
      rows: (display) =>
        packed.map(([line, column, endLine, endColumn, rule, severity, message, fixable]) => ({ file: display, line, column, endLine, endColumn, rule, severity, message, fixable: fixable === 1 })),
      packed: entry.rows,
      digest: withSummariesText({ file, profile: entry.profile, config, summaries }, entry.summaries),
    };
  }

  /** The last config fingerprinted and its fingerprint (the notes of a folder share one config). */
  private lastPrint: { config: ResolvedConfig | undefined; print: string } = { config: undefined, print: '' };

  private fingerprint(config: ResolvedConfig): string {
    if (this.lastPrint.config !== config) this.lastPrint = { config, print: configFingerprint(config) };
    return this.lastPrint.print;
  }

  /**
   * Records a checked note's own rows and digest (for a note {@link lookup} saw), and gives back
   * the JSON text it made of them: the rows as the report spill packs them, the summaries as the
   * cross-note stage keeps them (so neither is written again); undefined when nothing was recorded.
   */
  store(file: string, rows: readonly Row[], digest: NoteDigest): { rows: string; summaries: string } | undefined {
    const p = this.pending.get(file);
    if (!p) return undefined;
    this.pending.delete(file);
    let summaries: string;
    try {
      summaries = JSON.stringify(Object.fromEntries(digest.summaries));
    } catch {
      return undefined;
    }
    const packed = JSON.stringify(rows.map((r): PackedRow => [r.line, r.column, r.endLine, r.endColumn, r.rule, r.severity, r.message, r.fixable ? 1 : 0]));
    this.put(file, [p.hash, p.size, p.mtimeMs, this.fingerprint(digest.config), digest.profile, packed, summaries]);
    return { rows: packed, summaries };
  }

  private put(file: string, entry: Entry): void {
    if (this.fresh.has(file) || this.kept.has(file)) return;
    this.changed = true;
    this.fresh.add(file);
    this.freshLines.put(entryLine(file, entry));
  }

  /**
   * Writes the cache: this run's notes, and the earlier entries of notes this run did not check
   * that still exist (a run over part of a folder keeps the rest warm); not at all when the file
   * already says exactly that. Written as it goes (earlier entries copied as bytes), to a new
   * file renamed over the old one. Throws when it cannot be written.
   */
  save(): void {
    // Every note of the file seen unchanged, nothing else: nothing to write (a warm run over unchanged notes).
    if (!this.changed && this.kept.size === this.old.size) return;
    const keep: { start: number; end: number }[] = [];
    for (const [file, where] of this.old) {
      if (this.fresh.has(file)) continue;
      if (this.kept.has(file) || (!this.pending.has(file) && fs.existsSync(file))) keep.push({ start: where.start, end: where.end + 1 });
      else this.changed = true;
    }
    // Every note as the file has it: nothing to write (a warm run over unchanged notes writes nothing).
    if (!this.changed) return;
    const header = (notes: string) => Buffer.from(`${JSON.stringify({ format: FORMAT, formatVersion: FORMAT_VERSION, key: this.key, notes } satisfies CacheHeader)}\n`);
    const placeholder = header('0'.repeat(64));
    const tmp = path.join(path.dirname(this.file), `.${path.basename(this.file)}.${process.pid}.${Date.now()}.tmp`);
    let fd: number | undefined = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.fchmodSync(fd, 0o600);
      const out = new BatchWriter(fd, placeholder.length);
      for (const part of this.freshLines.parts()) out.add(part);
      for (const line of keep) out.add(this.body.subarray(line.start, line.end));
      const final = header(out.end());
      if (final.length !== placeholder.length) throw new Error('the cache header changed length');
      writeAll(fd, final, 0);
      fs.closeSync(fd);
      fd = undefined;
      fs.renameSync(tmp, this.file);
    } catch (e) {
      if (fd !== undefined) fs.closeSync(fd);
      fs.rmSync(tmp, { force: true });
      throw e;
    }
  }
}

/** The path at the start of a line: a JSON string (without escapes: its bytes as they are). */
function pathField(body: Buffer, start: number, end: number): string | undefined {
  if (end - start < 2 || body[start] !== 0x22 || body[end - 1] !== 0x22) return undefined;
  let escaped = false;
  for (let i = start + 1; i < end - 1; i++) if (body[i] === 0x5c || body[i] === 0x22) escaped = true;
  const text = body.toString('utf8', start, end);
  if (!escaped) return text.slice(1, -1);
  try {
    const file = JSON.parse(text) as unknown;
    return typeof file === 'string' ? file : undefined;
  } catch {
    return undefined;
  }
}
