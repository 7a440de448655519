/**
 * The one way the engine reaches files: a small interface that each host implements. The engine
 * itself imports no file system; the CLI and the language server pass the Node implementation
 * (server/src/node/nodeFs.ts), a browser build can pass one backed by `vscode.workspace.fs`, and
 * tests pass one held in memory.
 *
 * Paths are the host's own strings (file paths for Node); the engine only builds them with
 * {@link FileAccess.join}, {@link FileAccess.dirname} and {@link FileAccess.resolve}, and compares
 * them. Failures reject with an `Error` whose `code` is a
 * Node-style errno code where one fits (`ENOENT`, `EACCES`, `EISDIR`, `ELOOP`), so messages read
 * the same on every host.
 */

export type FileKind = 'file' | 'directory' | 'other';

export interface FileStat {
  /** What is there, after following symbolic links; `other` is a device, pipe, socket … */
  kind: FileKind;
  /** Size in bytes. */
  size: number;
  /** Modification time in milliseconds. */
  mtimeMs: number;
}

export interface DirectoryEntry {
  name: string;
  /** The entry's own kind; `symlink` is a symbolic link, not followed yet. */
  kind: FileKind | 'symlink';
}

export interface ReadFileOptions {
  /** A larger file rejects with `EFBIG` (checked before reading, and while reading for a file that grows). */
  maxBytes?: number;
}

export interface FileAccess {
  /** Follows symbolic links. Rejects (`ENOENT`) when nothing is there, a dangling link included. */
  stat(path: string): Promise<FileStat>;
  /**
   * Reads a regular file. Anything else (a device such as /dev/zero, a pipe, a socket) rejects with
   * `EINVAL` without ever waiting on it, a folder with `EISDIR`, even when it replaced a regular
   * file after a {@link stat}.
   */
  readFile(path: string, options?: ReadFileOptions): Promise<Uint8Array>;
  /**
   * Optional: {@link readFile} that also gives the {@link FileStat} of the file it read, taken on
   * the open file (one open, stat and read, where {@link stat} then {@link readFile} take two
   * round trips). Rejects as `stat` and `readFile` do.
   */
  readFileWithStat?(path: string, options?: ReadFileOptions): Promise<{ bytes: Uint8Array; stat: FileStat }>;
  /** The entries of a folder, in no particular order. */
  readDirectory(path: string): Promise<DirectoryEntry[]>;
  /** The path with every symbolic link resolved (the identity of a file reached by several paths). */
  realPath(path: string): Promise<string>;
  /** `name` inside folder `dir`. */
  join(dir: string, name: string): string;
  /** The folder a path is in; a root is its own folder. */
  dirname(path: string): string;
  /** A path as written in a file in folder `dir` (relative to `dir`, or absolute), made absolute. */
  resolve(dir: string, path: string): string;
}

/** The errno-style code of a file-access failure, if it has one. */
export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** How {@link readNoteFile} turns bytes into note text. */
export interface ReadPolicy {
  /** Larger files are not read. */
  maxBytes: number;
  /**
   * `strict`: NUL bytes or invalid UTF-8 refuse the file (the CLI: such a file is not a note).
   * `lenient`: decode as an editor would, invalid sequences as U+FFFD (the checks then say where).
   */
  decoding: 'strict' | 'lenient';
}

export type NoteFileText = { ok: true; text: string; bom: boolean; stat: FileStat } | { ok: false; error: string; code?: string };

const notRegular = (): { ok: false; error: string } => ({ ok: false, error: 'is not a regular file (a device, pipe or socket); not a note' });
// Decoders are reused (a non-streaming decode starts afresh each call); the fatal one throws on invalid UTF-8.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LENIENT_UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Reads a note file as text: only regular files within the size limit; a UTF-8 byte-order mark
 * is taken off (`bom` says it was there, so a fix can write it back). Never rejects.
 */
export async function readNoteFile(fs: FileAccess, file: string, policy: ReadPolicy): Promise<NoteFileText> {
  const raw = await readNoteBytes(fs, file, policy);
  return raw.ok ? decodeNoteBytes(raw.bytes, raw.stat, policy) : raw;
}

export type NoteFileBytes = { ok: true; bytes: Uint8Array; stat: FileStat } | { ok: false; error: string; code?: string };

/** The first half of {@link readNoteFile}: a note file's bytes (regular files within the size limit), not decoded yet. Never rejects. */
export async function readNoteBytes(fs: FileAccess, file: string, policy: ReadPolicy): Promise<NoteFileBytes> {
  let stat: FileStat;
  let bytes: Uint8Array;
  try {
    if (fs.readFileWithStat) {
      ({ bytes, stat } = await fs.readFileWithStat(file, { maxBytes: policy.maxBytes }));
    } else {
      stat = await fs.stat(file);
      if (stat.kind === 'directory') return { ok: false, error: 'is a folder', code: 'EISDIR' };
      if (stat.kind !== 'file') return notRegular();
      if (stat.size > policy.maxBytes) return { ok: false, error: `file is larger than ${formatBytes(policy.maxBytes)}; not a note`, code: 'EFBIG' };
      bytes = await fs.readFile(file, { maxBytes: policy.maxBytes });
    }
  } catch (e) {
    const code = errorCode(e);
    // Refused on the open file: said as when a stat finds it first.
    if (code === 'EINVAL' && fs.readFileWithStat) return notRegular();
    const error =
      code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a folder'
          : code === 'EINVAL'
            ? 'is not a regular file (a device, pipe or socket); not a note'
            : code === 'EFBIG'
              ? `file is larger than ${formatBytes(policy.maxBytes)}; not a note`
              : `cannot read (${code ?? String(e)})`;
    return { ok: false, error, code };
  }
  return { ok: true, bytes, stat };
}

/** The second half of {@link readNoteFile}: a note file's bytes as text, as `policy` decodes them. */
export function decodeNoteBytes(bytes: Uint8Array, stat: FileStat, policy: ReadPolicy): NoteFileText {
  let text: string;
  if (policy.decoding === 'strict') {
    if (bytes.includes(0)) return { ok: false, error: 'looks like a binary file (contains NUL bytes), not a text note' };
    try {
      text = STRICT_UTF8.decode(bytes);
    } catch {
      return { ok: false, error: 'is not valid UTF-8 text; save the note as UTF-8' };
    }
  } else text = LENIENT_UTF8.decode(bytes);
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, text: bom ? text.slice(1) : text, bom, stat };
}

export function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MB` : `${n} bytes`;
}
