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
import type { DirectoryEntry, FileAccess, FileKind, FileStat } from '../engine';

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

/**
 * Reads a regular file without ever blocking: opened non-blocking (a FIFO swapped in after a
 * caller's `stat` then cannot hold a thread-pool thread forever), and anything that is not a
 * regular file is refused (`EINVAL`) before a byte is read.
 */
async function readRegularFile(p: string): Promise<Uint8Array> {
  const handle = await fs.promises.open(p, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const s = await handle.stat();
    if (s.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${p}'`), { code: 'EISDIR' });
    if (!s.isFile()) throw Object.assign(new Error(`EINVAL: not a regular file, read '${p}'`), { code: 'EINVAL' });
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

export function nodeFileAccess(options: { blocking?: boolean } = {}): FileAccess {
  const paths = { join: path.join, dirname: path.dirname, resolve: path.resolve };
  if (options.blocking) {
    return {
      stat: (p) => now(() => toStat(fs.statSync(p))),
      readFile: (p) => now(() => fs.readFileSync(p)),
      readDirectory: (p) => now(() => fs.readdirSync(p, { withFileTypes: true }).map(toEntry)),
      realPath: (p) => now(() => fs.realpathSync.native(p)),
      ...paths,
    };
  }
  return {
    stat: async (p) => toStat(await fs.promises.stat(p)),
    readFile: readRegularFile,
    readDirectory: async (p) => (await fs.promises.readdir(p, { withFileTypes: true })).map(toEntry),
    realPath: (p) => fs.promises.realpath(p),
    ...paths,
  };
}
