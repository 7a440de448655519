import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync } from 'tinyglobby';
import { findNotes, type FileAccess, type NoteAsRead } from '../engine';
import { isNormalAbsolute } from '../node/nodeFs';

export interface Expansion {
  /** Note files to check: sorted, one path per real file. */
  files: string[];
  errors: string[];
  /** Files named explicitly that ignore patterns leave out, and folders all of whose notes they leave out. */
  ignored: string[];
}

/** The ignore patterns that apply (config `ignore:`, `--ignore`): true to leave a path out. */
export type IgnoreCheck = (path: string, kind: 'file' | 'directory') => boolean | Promise<boolean>;

function isGlob(s: string): boolean {
  return /[*?[\]{}]/.test(s);
}

/**
 * Expands paths into the note files to check: a file as it is, a folder through the engine's
 * walker (the same notes the editor indexes), a glob through tinyglobby (node_modules and .git
 * left out). A file reached by several paths (symbolic links, overlapping arguments) is checked
 * once: under its own path when that is among them, else the first of them in sorted order.
 * What `ignored` names is left out everywhere: folders are not entered, glob matches and files
 * named explicitly are dropped (the latter listed in `ignored`, so the CLI can say so).
 */
export async function expandInputs(fsa: FileAccess, inputs: string[], cwd: string, ignored: IgnoreCheck = () => false): Promise<Expansion> {
  const byReal = new Map<string, string>();
  // One path per real file: its own path when among them, else the first in sorted order.
  const keep = (file: string, real: string) => {
    const known = byReal.get(real);
    if (known === undefined || (known !== real && (file === real || file < known))) byReal.set(real, file);
  };
  const candidates: string[] = [];
  const errors: string[] = [];
  const skipped: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    if (fs.existsSync(abs)) {
      if (fs.statSync(abs).isDirectory()) {
        const walked = await findNotes(fsa, [abs], { ignored });
        for (const n of walked.notes) keep(n.path, n.real);
        for (const e of walked.errors) errors.push(`cannot read folder ${input} (${e.error})`);
        if (walked.notes.length === 0 && walked.ignored > 0) skipped.push(abs);
      } else if (await ignored(abs, 'file')) skipped.push(abs);
      else candidates.push(abs);
      continue;
    }
    if (isGlob(input)) {
      const matches = globSync(input, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'] });
      if (matches.length === 0) errors.push(`no files match ${input}`);
      for (const m of matches) if (!(await ignored(path.resolve(m), 'file'))) candidates.push(path.resolve(m));
      continue;
    }
    errors.push(`no such file or folder: ${input}`);
  }
  for (const file of candidates) {
    let real = file;
    try {
      real = await fsa.realPath(file);
    } catch {
      /* reading it will say what is wrong */
    }
    keep(file, real);
  }
  return { files: [...byReal.values()].sort(), errors, ignored: skipped };
}

/** `--fix` did not write a note, and why (for the user; the note is left as it was). */
export class FixNotWritten extends Error {}

const OPEN_NONBLOCK = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Writes a file the CLI produces (a report, a baseline, the cache) atomically: a temporary file
 * beside it, renamed over it, keeping an existing file's mode (or with `mode`, when given). Notes
 * are written by {@link writeFix}.
 */
export function writeFileAtomic(file: string, text: string, fixedMode?: number): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  let mode: number | undefined = fixedMode;
  if (mode === undefined) {
    try {
      mode = fs.statSync(file).mode;
    } catch {
      mode = undefined;
    }
  }
  try {
    fs.writeFileSync(tmp, text, { encoding: 'utf8', mode, flag: fixedMode === undefined ? 'w' : 'wx' });
    if (fixedMode !== undefined) fs.chmodSync(tmp, fixedMode);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes a fixed note back so that the file keeps its identity (issue 12 items 2 and 3):
 * - through symbolic links: the real file is written, a link stays a link;
 * - a read-only file (no write bit, or not writable by this user) is refused, never made writable;
 * - before writing, the file must still be what was read: same size, modification time and
 *   content (compared byte for byte); if it changed meanwhile, nothing is written;
 * - a file with several hard links is written in place, so every name sees the fix; so is a file
 *   whose owner a new file could not be given, or in a folder where no new file can be made;
 * - otherwise atomically: a new file beside the real one with the same mode and owner, renamed
 *   over it (a reader sees the old or the new note, never half of one).
 * Throws {@link FixNotWritten} (the note unchanged) or a file-system error.
 */
export function writeFix(file: string, text: string, read: NoteAsRead): void {
  const real = fs.realpathSync(file);
  const st = fs.statSync(real);
  if (!st.isFile()) throw new FixNotWritten('it is no longer a regular file');
  unchangedSince(real, read);
  if ((st.mode & 0o222) === 0 || !writable(real)) throw new FixNotWritten('it is read-only: make it writable to let --fix change it');
  const data = Buffer.from(text, 'utf8');
  if (st.nlink > 1) return writeInPlace(real, data, read);
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.${process.pid}.${Date.now()}.tnote-fix`);
  let fd: number;
  try {
    fd = fs.openSync(tmp, 'wx', 0o600);
  } catch {
    return writeInPlace(real, data, read); // no new file here (folder not writable): the file itself is
  }
  let open = true;
  const close = () => {
    if (open) fs.closeSync(fd);
    open = false;
  };
  try {
    try {
      if (process.getuid && (st.uid !== process.getuid() || st.gid !== process.getgid?.())) fs.fchownSync(fd, st.uid, st.gid);
    } catch {
      // The new file cannot have the note's owner: write the note itself instead.
      close();
      fs.rmSync(tmp, { force: true });
      return writeInPlace(real, data, read);
    }
    fs.fchmodSync(fd, st.mode & 0o7777);
    let done = 0;
    while (done < data.length) done += fs.writeSync(fd, data, done, data.length - done);
    fs.fsyncSync(fd);
    close();
    unchangedSince(real, read);
    fs.renameSync(tmp, real);
  } catch (e) {
    close();
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

function writable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Throws {@link FixNotWritten} unless the file is still as it was read (size, modification time, bytes). */
function unchangedSince(file: string, read: NoteAsRead): void {
  const changed = () => new FixNotWritten('it changed on disk while it was being checked: run tnote check --fix again');
  const fd = fs.openSync(file, OPEN_NONBLOCK);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size !== read.stat.size || st.mtimeMs !== read.stat.mtimeMs) throw changed();
    const expected = Buffer.from((read.bom ? '\uFEFF' : '') + read.text, 'utf8');
    if (expected.length !== st.size) throw changed();
    const now = Buffer.alloc(st.size + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < now.length; length += n) n = fs.readSync(fd, now, length, now.length - length, null);
    if (length !== expected.length || !expected.equals(now.subarray(0, length))) throw changed();
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes over the file's own bytes (same inode: hard links, owner, mode and other attributes kept). */
function writeInPlace(file: string, data: Buffer, read: NoteAsRead): void {
  unchangedSince(file, read);
  const fd = fs.openSync(file, fs.constants.O_WRONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    if (!fs.fstatSync(fd).isFile()) throw new FixNotWritten('it is no longer a regular file');
    let done = 0;
    while (done < data.length) done += fs.writeSync(fd, data, done, data.length - done, done);
    fs.ftruncateSync(fd, data.length);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** {@link isNormalAbsolute} of the last current folder asked about (every note of a run asks about the same one). */
let lastCwd = { cwd: '', normal: false };
function isNormalCwd(cwd: string): boolean {
  if (lastCwd.cwd !== cwd) lastCwd = { cwd, normal: isNormalAbsolute(cwd) };
  return lastCwd.normal;
}

export function displayPath(abs: string, cwd: string): string {
  // The common case without path.relative's normalising (both paths are already absolute and normal).
  if (
    abs.length > cwd.length + 1 &&
    abs.startsWith(cwd) &&
    abs[cwd.length] === path.sep &&
    !cwd.endsWith(path.sep) &&
    !abs.endsWith(path.sep) &&
    !abs.includes(`${path.sep}.`) &&
    !abs.includes(path.sep + path.sep)
  ) {
    const rel = abs.slice(cwd.length + 1);
    return path.sep === '/' ? rel : rel.split(path.sep).join('/');
  }
  // A normal absolute path outside the current folder is shown as it is (what path.relative's
  // `..` answer below comes to), without path.relative's work; POSIX only (Windows compares case-blind).
  if (path.sep === '/' && abs !== cwd && !(abs.startsWith(cwd) && abs[cwd.length] === '/') && isNormalAbsolute(abs) && isNormalCwd(cwd)) return abs;
  const rel = path.relative(cwd, abs);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join('/');
}
