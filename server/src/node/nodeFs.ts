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

/** Room for the expected size plus one byte, capped at the limit plus one. */
function bufferFor(size: number, maxBytes: number | undefined): Buffer {
  return Buffer.allocUnsafe(Math.min(size + 1, maxBytes === undefined ? Infinity : maxBytes + 1, 0x7fffffff));
}

function readRegularSync(p: string, options: ReadFileOptions = {}): Uint8Array {
  const fd = fs.openSync(p, OPEN_FLAGS);
  try {
    const s = fs.fstatSync(fd);
    checkOpened(p, s, options.maxBytes);
    let buf = bufferFor(s.size, options.maxBytes);
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (options.maxBytes !== undefined && length > options.maxBytes) throw failure('EFBIG', `larger than ${options.maxBytes} bytes: ${p}`);
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, options.maxBytes === undefined ? Infinity : options.maxBytes + 1));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const n = fs.readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (options.maxBytes !== undefined && length > options.maxBytes) throw failure('EFBIG', `larger than ${options.maxBytes} bytes: ${p}`);
    return buf.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

async function readRegular(p: string, options: ReadFileOptions = {}): Promise<Uint8Array> {
  const handle = await fs.promises.open(p, OPEN_FLAGS);
  try {
    const s = await handle.stat();
    checkOpened(p, s, options.maxBytes);
    let buf = bufferFor(s.size, options.maxBytes);
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (options.maxBytes !== undefined && length > options.maxBytes) throw failure('EFBIG', `larger than ${options.maxBytes} bytes: ${p}`);
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, options.maxBytes === undefined ? Infinity : options.maxBytes + 1));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, length, buf.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (options.maxBytes !== undefined && length > options.maxBytes) throw failure('EFBIG', `larger than ${options.maxBytes} bytes: ${p}`);
    return buf.subarray(0, length);
  } finally {
    await handle.close();
  }
}

export function nodeFileAccess(options: { blocking?: boolean } = {}): FileAccess {
  const paths = { join: (dir: string, name: string) => path.join(dir, name), dirname: (p: string) => path.dirname(p), resolve: (dir: string, p: string) => path.resolve(dir, p) };
  if (options.blocking) {
    return {
      stat: (p) => now(() => toStat(fs.statSync(p))),
      readFile: (p, options) => now(() => readRegularSync(p, options)),
      readDirectory: (p) => now(() => fs.readdirSync(p, { withFileTypes: true }).map(toEntry)),
      realPath: (p) => now(() => fs.realpathSync.native(p)),
      ...paths,
    };
  }
  return {
    stat: async (p) => toStat(await fs.promises.stat(p)),
    readFile: (p, options) => readRegular(p, options),
    readDirectory: async (p) => (await fs.promises.readdir(p, { withFileTypes: true })).map(toEntry),
    realPath: (p) => fs.promises.realpath(p),
    ...paths,
  };
}
