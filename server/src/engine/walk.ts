/**
 * Note discovery: the one walker behind `tnote check FOLDER` and the editor's workspace index, so
 * both find the same notes.
 *
 * - Notes are files named `*.tnote` (any case).
 * - Folders named in {@link SKIPPED_FOLDERS} are not entered (a root given explicitly always is).
 * - Symbolic links are followed, to files and to folders, after the folders they stand in; a
 *   folder already entered (by its real path) is not entered again, so a link back up the tree
 *   ends there.
 * - A file reached by several paths is one note, listed under the first path found: its own path
 *   when it lies in a walked folder, else a path through a link.
 * - Unreadable folders are passed over; the result is sorted.
 * - With {@link WalkOptions.ignored}, a folder or note it names is left out (a folder is not
 *   entered); the CLI and the editor both pass the config's `ignore:` patterns (engine/ignore.ts).
 *   A root given explicitly is always walked.
 */
import { errorCode, type FileAccess } from './fs';

export const NOTE_EXTENSION = '.tnote';

/**
 * Folders the walker never enters: version control, dependencies, and build and cache output
 * (copies of notes there would be checked twice).
 */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.cache'];
const SKIPPED = new Set(SKIPPED_FOLDERS);

/** True for a file name the walker treats as a note. */
export function isNoteFileName(name: string): boolean {
  return name.length > NOTE_EXTENSION.length && name.toLowerCase().endsWith(NOTE_EXTENSION);
}

/**
 * True when a path below a root (`relative`, with `/` or `\` separators) passes through a skipped
 * folder, so the walker would not find a note there (for file watchers, which see everything).
 */
export function inSkippedFolder(relative: string): boolean {
  const parts = relative.split(/[\\/]/);
  parts.pop();
  return parts.some((p) => SKIPPED.has(p));
}

export interface WalkResult {
  /** Note files, sorted by path, one path per real file. */
  notes: { path: string; real: string }[];
  /** Roots that could not be walked, with the reason. */
  errors: { root: string; error: string }[];
  /** How many folders and notes {@link WalkOptions.ignored} left out. */
  ignored: number;
}

export interface WalkOptions {
  /** True to leave out a folder (not entered) or a note file, by the path found (before links are resolved). */
  ignored?(path: string, kind: 'file' | 'directory'): boolean | Promise<boolean>;
}

/** Every note under the given folders (see the module comment for the rules). */
export async function findNotes(fs: FileAccess, roots: readonly string[], options: WalkOptions = {}): Promise<WalkResult> {
  let ignoredCount = 0;
  const ignored = async (path: string, kind: 'file' | 'directory') => {
    const out = !!options.ignored && (await options.ignored(path, kind));
    if (out) ignoredCount++;
    return out;
  };
  const entered = new Set<string>();
  const notes = new Map<string, string>(); // real path -> path found
  const errors: WalkResult['errors'] = [];
  const found = (path: string, real: string) => {
    if (!notes.has(real)) notes.set(real, path);
  };
  // Symbolic links are followed after the folders they stand in, so every folder reachable
  // without a link is entered under its own path first.
  const links: { path: string; isNote: boolean }[] = [];
  const walk = async (dir: string, realDir: string): Promise<void> => {
    if (entered.has(realDir)) return;
    entered.add(realDir);
    let entries;
    try {
      entries = await fs.readDirectory(dir);
    } catch {
      return; // unreadable folder (permissions, removed meanwhile)
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = fs.join(dir, e.name);
      if (e.kind === 'directory') {
        if (!SKIPPED.has(e.name) && !(await ignored(path, 'directory'))) await walk(path, fs.join(realDir, e.name));
      } else if (e.kind === 'file') {
        if (isNoteFileName(e.name) && !(await ignored(path, 'file'))) found(path, fs.join(realDir, e.name));
      } else if (e.kind === 'symlink' && !SKIPPED.has(e.name)) links.push({ path, isNote: isNoteFileName(e.name) });
    }
  };
  for (const root of roots) {
    try {
      const real = await fs.realPath(root);
      const stat = await fs.stat(real);
      if (stat.kind !== 'directory') {
        errors.push({ root, error: 'is not a folder' });
        continue;
      }
      await walk(root, real);
    } catch (e) {
      errors.push({ root, error: errorCode(e) ?? String(e) });
    }
  }
  for (let i = 0; i < links.length; i++) {
    const { path, isNote } = links[i];
    const target = await resolveLink(fs, path);
    if (target?.kind === 'directory') {
      if (!(await ignored(path, 'directory'))) await walk(path, target.real);
    } else if (target?.kind === 'file' && isNote && !(await ignored(path, 'file'))) found(path, target.real);
  }
  const sorted = [...notes].map(([real, path]) => ({ path, real })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { notes: sorted, errors, ignored: ignoredCount };
}

/** Where a symbolic link leads; undefined for a dangling link or a loop of links. */
async function resolveLink(fs: FileAccess, path: string): Promise<{ kind: 'file' | 'directory' | 'other'; real: string } | undefined> {
  try {
    const real = await fs.realPath(path);
    return { kind: (await fs.stat(real)).kind, real };
  } catch {
    return undefined;
  }
}
