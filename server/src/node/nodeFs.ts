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

  constructor(
    private readonly p: string,
    readonly stat: fs.Stats,
    private readonly maxBytes: number | undefined,
  ) {
    checkOpened(p, stat, maxBytes);
    this.buf = Buffer.allocUnsafe(Math.min(stat.size + 1, maxBytes === undefined ? Infinity : maxBytes + 1, 0x7fffffff));
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

  bytes(): Uint8Array {
    this.checkLimit();
    return this.buf.subarray(0, this.length);
  }

  private checkLimit(): void {
    if (this.maxBytes !== undefined && this.length > this.maxBytes) throw failure('EFBIG', `larger than ${this.maxBytes} bytes: ${this.p}`);
  }
}

/** One open, fstat and (for an unchanged file) one read. */
function readRegularSync(p: string, options: ReadFileOptions = {}): { bytes: Uint8Array; stat: FileStat } {
  const fd = fs.openSync(p, OPEN_FLAGS);
  try {
    const r = new RegularRead(p, fs.fstatSync(fd), options.maxBytes);
    while (!r.done) {
      const asked = r.room();
      r.got(fs.readSync(fd, r.buf, r.length, asked, null), asked);
    }
    return { bytes: r.bytes(), stat: toStat(r.stat) };
  } finally {
    fs.closeSync(fd);
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

export function nodeFileAccess(options: { blocking?: boolean } = {}): FileAccess {
  const paths = { join: (dir: string, name: string) => path.join(dir, name), dirname: (p: string) => path.dirname(p), resolve: (dir: string, p: string) => path.resolve(dir, p) };
  if (options.blocking) {
    return {
      stat: (p) => now(() => toStat(fs.statSync(p))),
      readFile: (p, options) => now(() => readRegularSync(p, options).bytes),
      readFileWithStat: (p, options) => now(() => readRegularSync(p, options)),
      readDirectory: (p) => now(() => fs.readdirSync(p, { withFileTypes: true }).map(toEntry)),
      realPath: (p) => now(() => fs.realpathSync.native(p)),
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
