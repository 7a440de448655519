/**
 * The engine's file access ({@link FileAccess}) on Node's `fs`, for the CLI and the language server.
 *
 * Two flavours of one implementation: `blocking` answers from synchronous calls (the CLI reads one
 * note after another, and a thread-pool round trip per call made it several times slower), the
 * default answers from `fs.promises`, so the language server's event loop keeps serving the editor
 * while it walks and reads a workspace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DirectoryEntry, FileAccess, FileKind, FileStat, ReadFileOptions } from '../engine';

function kindOf(s: { isFile(): boolean; isDirectory(): boolean }): FileKind {
  return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
}

function toStat(s: fs.Stats): FileStat {
  return { kind: kindOf(s), size: s.size, mtimeMs: s.mtimeMs };
}

function toEntry(d: fs.Dirent): DirectoryEntry {
  return { name: d.name, kind: d.isSymbolicLink() ? 'symlink' : kindOf(d) };
}

/** Runs a synchronous call as a promise (a throw becomes a rejection). */
function now<T>(f: () => T): Promise<T> {
  try {
    return Promise.resolve(f());
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

function failure(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * Opened without blocking (O_NONBLOCK: opening a FIFO that has no writer returns at once) and
 * checked on the open descriptor, so what is read is the regular file that was checked: a device,
 * pipe or socket is refused (`EINVAL`), a folder too (`EISDIR`), and no more than `maxBytes`
 * (+1, to notice a file that grew) is ever read.
 */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

function checkOpened(p: string, s: fs.Stats, maxBytes: number | undefined): void {
  if (s.isDirectory()) throw failure('EISDIR', `is a folder: ${p}`);
  if (!s.isFile()) throw failure('EINVAL', `not a regular file: ${p}`);
  if (maxBytes !== undefined && s.size > maxBytes) throw failure('EFBIG', `larger than ${maxBytes} bytes: ${p}`);
}

/**
 * The read loop shared by both flavours (the caller does the I/O, synchronously or not): a buffer
 * with room for the size fstat gave plus one byte, grown when the file grew, never past the limit
 * plus one byte. A read shorter than asked once the expected size is in is the end of the file, so
 * an unchanged file takes one read.
 */
class RegularRead {
  buf: Buffer;
  length = 0;
  done = false;

  /** `scratch`: a buffer to read into when it has room for the expected size plus one byte (else a new one is made). */
  constructor(
    private readonly p: string,
    readonly stat: fs.Stats,
    private readonly maxBytes: number | undefined,
    scratch?: Buffer,
  ) {
    checkOpened(p, stat, maxBytes);
    const want = Math.min(stat.size + 1, maxBytes === undefined ? Infinity : maxBytes + 1, 0x7fffffff);
    this.buf = scratch && scratch.length >= want ? scratch : Buffer.allocUnsafe(want);
  }

  /** Room for the next read (the buffer grown first when it is full). */
  room(): number {
    if (this.length === this.buf.length) {
      this.checkLimit();
      const bigger = Buffer.allocUnsafe(Math.min(this.buf.length * 2, this.maxBytes === undefined ? Infinity : this.maxBytes + 1));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    return this.buf.length - this.length;
  }

  /** Takes the result of a read of `asked` bytes. */
  got(n: number, asked: number): void {
    this.length += n;
    if (n === 0 || (n < asked && this.length >= this.stat.size)) this.done = true;
  }

  bytes(): Buffer {
    this.checkLimit();
    return this.buf.subarray(0, this.length);
  }

  private checkLimit(): void {
    if (this.maxBytes !== undefined && this.length > this.maxBytes) throw failure('EFBIG', `larger than ${this.maxBytes} bytes: ${this.p}`);
  }
}

/** One open, fstat and (for an unchanged file) one read; into `scratch` when it has room (see {@link SyncNoteReader}). */
function readRegularSync(p: string, options: ReadFileOptions = {}, scratch?: Buffer): { bytes: Buffer; stat: FileStat } {
  const fd = fs.openSync(nativePath(p), OPEN_FLAGS);
  try {
    const r = new RegularRead(p, fs.fstatSync(fd), options.maxBytes, scratch);
    while (!r.done) {
      const asked = r.room();
      r.got(fs.readSync(fd, r.buf, r.length, asked, null), asked);
    }
    return { bytes: r.bytes(), stat: toStat(r.stat) };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads regular files one after another, synchronously (as the blocking flavour does), into one
 * buffer that is reused from file to file (grown to the largest file read, up to 1 MB; a larger
 * file gets a buffer of its own): a note read this way makes no new buffer. The bytes returned are
 * a view of that buffer, valid until the next read: copy them to keep them. Throws as
 * {@link FileAccess.readFileWithStat} rejects (`EISDIR`, `EINVAL`, `EFBIG`, the system's errors).
 */
export class SyncNoteReader {
  private scratch = Buffer.allocUnsafe(64 * 1024);

  read(p: string, options: ReadFileOptions = {}): { bytes: Buffer; stat: FileStat } {
    const got = readRegularSync(p, options, this.scratch);
    // A file larger than the buffer was read into a new one: keep that one for the next files (up to 1 MB).
    if (got.bytes.buffer !== this.scratch.buffer && got.bytes.length < 1 << 20 && got.bytes.length > this.scratch.length) this.scratch = Buffer.allocUnsafe(Math.min(1 << 20, got.bytes.length * 2));
    return got;
  }
}

async function readRegular(p: string, options: ReadFileOptions = {}): Promise<{ bytes: Uint8Array; stat: FileStat }> {
  const handle = await fs.promises.open(p, OPEN_FLAGS);
  try {
    const r = new RegularRead(p, await handle.stat(), options.maxBytes);
    while (!r.done) {
      const asked = r.room();
      r.got((await handle.read(r.buf, r.length, asked, null)).bytesRead, asked);
    }
    return { bytes: r.bytes(), stat: toStat(r.stat) };
  } finally {
    await handle.close();
  }
}

/**
 * File names that are not valid UTF-8 (possible on Linux): Node's string names turn each bad
 * byte into U+FFFD, so the name read no longer reaches the file (ENOENT). The blocking flavour
 * (the CLI's) reads names as bytes and keeps such a byte 0x80–0xFF as the lone surrogate
 * U+DC80–U+DCFF (as Python's "surrogateescape" does; valid UTF-8 never decodes to one), and turns
 * a path holding one back into its bytes for the system call. Output escapes them (`\xff` in
 * text, `%FF` in SARIF URIs). The server's flavour keeps Node's string names (editor URIs are UTF-8).
 * (`--fix` writes through Node's string paths and cannot write such a note: it says so.)
 */
const ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;

/** A path for a system call: the string itself, or its bytes when it holds an escaped byte. */
export function nativePath(p: string): string | Buffer {
  if (!ESCAPED_BYTE.test(p)) return p;
  const parts = p.split(new RegExp(`(${ESCAPED_BYTE.source})`));
  return Buffer.concat(parts.map((part, i) => (i % 2 ? Buffer.from([part.charCodeAt(0) - 0xdc00]) : Buffer.from(part, 'utf8'))));
}

/** A name or path read as bytes, as a string: UTF-8, with each byte that is not part of valid UTF-8 escaped (see {@link nativePath}). */
export function nameFromBytes(b: Buffer): string {
  const text = b.toString('utf8');
  if (!text.includes('\ufffd')) return text;
  let out = '';
  for (let i = 0; i < b.length;) {
    const n = validSequenceLength(b, i);
    if (n === 0) out += String.fromCharCode(0xdc00 + b[i++]);
    else {
      out += b.toString('utf8', i, i + n);
      i += n;
    }
  }
  return out;
}

/** The length of the valid UTF-8 sequence at `i` (1–4), or 0 when the byte there does not start one. */
function validSequenceLength(b: Buffer, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const [n, lo, hi] =
    c >= 0xc2 && c <= 0xdf
      ? [2, 0x80, 0xbf]
      : c === 0xe0
        ? [3, 0xa0, 0xbf]
        : c === 0xed
          ? [3, 0x80, 0x9f]
          : c >= 0xe1 && c <= 0xef
            ? [3, 0x80, 0xbf]
            : c === 0xf0
              ? [4, 0x90, 0xbf]
              : c === 0xf4
                ? [4, 0x80, 0x8f]
                : c >= 0xf1 && c <= 0xf3
                  ? [4, 0x80, 0xbf]
                  : [0, 0, 0];
  if (n === 0 || i + n > b.length || b[i + 1] < lo || b[i + 1] > hi) return 0;
  for (let k = 2; k < n; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return 0;
  return n;
}

/**
 * path.join, with a shortcut for the walker's common case (a folder entry's name under a normal
 * absolute POSIX folder), where path.join's normalising would change nothing.
 */
export function joinPath(dir: string, name: string): string {
  if (path.sep === '/' && name !== '' && name !== '.' && name !== '..' && !name.includes('/') && isPlainFolder(dir)) return `${dir}/${name}`;
  return path.join(dir, name);
}

/** The last folder {@link isPlainFolder} looked at, and its answer (a walk joins every entry of a folder to the same one). */
let lastFolder: { dir: string; plain: boolean } = { dir: '', plain: false };

/** {@link isNormalAbsolute} of a folder, remembered for the last one. */
function isPlainFolder(dir: string): boolean {
  if (dir !== lastFolder.dir) lastFolder = { dir, plain: isNormalAbsolute(dir) };
  return lastFolder.plain;
}

/**
 * An absolute POSIX path without `.`/`..` parts, doubled or trailing slashes: path.join and
 * path.relative's normalising would change nothing in it.
 */
export function isNormalAbsolute(p: string): boolean {
  return p.length > 1 && p[0] === '/' && !p.endsWith('/') && !p.includes('//') && !p.includes('/./') && !p.includes('/../') && !p.endsWith('/.') && !p.endsWith('/..');
}

/**
 * A folder's entries, names read as bytes where one is not valid UTF-8 (see {@link nativePath}):
 * read as text first, and again as bytes only when a name came back with U+FFFD in it (what Node
 * makes of a byte that is not UTF-8), so a folder of ordinary names makes no buffer per name.
 */
function readDirectorySync(p: string): DirectoryEntry[] {
  const native = nativePath(p);
  if (typeof native === 'string') {
    const entries = fs.readdirSync(native, { withFileTypes: true });
    if (!entries.some((d) => d.name.includes('\ufffd'))) return entries.map(toEntry);
  }
  return fs.readdirSync(native, { withFileTypes: true, encoding: 'buffer' }).map((d) => ({ name: nameFromBytes(d.name), kind: d.isSymbolicLink() ? 'symlink' : kindOf(d) }));
}

/** A {@link FileAccess} that may also read a note synchronously into a buffer it reuses (the blocking flavour does). */
export interface ReusingFileAccess extends FileAccess {
  /**
   * {@link FileAccess.readFileWithStat}, synchronously, throwing where it rejects; the bytes are a
   * view of a buffer reused by the next call (see {@link SyncNoteReader}): copy them to keep them.
   */
  readReused?(path: string, options?: ReadFileOptions): { bytes: Uint8Array; stat: FileStat };
}

export function nodeFileAccess(options: { blocking?: boolean } = {}): ReusingFileAccess {
  const paths = { join: joinPath, dirname: (p: string) => path.dirname(p), resolve: (dir: string, p: string) => path.resolve(dir, p) };
  if (options.blocking) {
    const reader = new SyncNoteReader();
    return {
      readReused: (p, options) => reader.read(p, options),
      stat: (p) => now(() => toStat(fs.statSync(nativePath(p)))),
      readFile: (p, options) => now(() => readRegularSync(p, options).bytes),
      readFileWithStat: (p, options) => now(() => readRegularSync(p, options)),
      readDirectory: (p) => now(() => readDirectorySync(p)),
      realPath: (p) => now(() => nameFromBytes(fs.realpathSync.native(nativePath(p), { encoding: 'buffer' }))),
      ...paths,
    };
  }
  return {
    stat: async (p) => toStat(await fs.promises.stat(p)),
    readFile: async (p, options) => (await readRegular(p, options)).bytes,
    readFileWithStat: (p, options) => readRegular(p, options),
    readDirectory: async (p) => (await fs.promises.readdir(p, { withFileTypes: true })).map(toEntry),
    realPath: (p) => fs.promises.realpath(p),
    ...paths,
  };
}
