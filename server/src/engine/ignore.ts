/**
 * Ignore patterns: `ignore:` in `.tnoterc.yaml` (relative to that file's folder) and the CLI's
 * `--ignore GLOB` and `!GLOB` arguments (relative to the current folder). The walker
 * ({@link findNotes}) asks through a callback, so the CLI and the editor's workspace index leave
 * out the same notes.
 *
 * The syntax is gitignore's, with picomatch globs:
 * - `*` matches within one name, `**` any number of folders, `?` one character, `[abc]` one of,
 *   `{a,b}` either; names starting with a dot are matched like any other;
 * - a pattern without a `/` (a trailing one aside) matches a name at any depth: `templates`,
 *   `*.draft.tnote`; a pattern with one is anchored at the base folder: `notes/archive`,
 *   `/drafts` (a leading `/` only anchors);
 * - a pattern matches what lies below what it names: `templates` leaves out every note in a
 *   `templates` folder;
 * - `!pattern` takes back what an earlier pattern left out; the last pattern that matches wins.
 *   (So that a taken-back note is found, a folder is not skipped as a whole while the list has a
 *   `!` pattern; its notes are matched one by one.)
 * Paths outside the base folder never match.
 */
import picomatch from 'picomatch/posix';

export interface IgnoreList {
  /** The folder the patterns are relative to (a host path, like the walker's). */
  base: string;
  patterns: readonly string[];
}

/** What is wrong with a pattern, or undefined when it is usable. */
export function ignorePatternProblem(pattern: string): string | undefined {
  const p = pattern.startsWith('!') ? pattern.slice(1) : pattern;
  if (p.trim() === '' || p === '/') return 'an ignore pattern must name something (e.g. `templates` or `drafts/**`)';
  if (/^[A-Za-z]:[\\/]/.test(p) || p.startsWith('//') || p.startsWith('\\')) return `ignore patterns are relative to their base folder, not absolute paths ("${pattern}")`;
  if (p.split('/').includes('..')) return `ignore patterns cannot reach outside their base folder with ".." ("${pattern}")`;
  return undefined;
}

interface Compiled {
  negate: boolean;
  matches: (relative: string) => boolean;
}

export interface IgnoreMatcher {
  /** True when the path is left out (`kind` of what is there: a note file or a folder to enter). */
  (path: string, kind: 'file' | 'directory'): boolean;
}

const cache = new WeakMap<IgnoreList, IgnoreMatcher>();

/** The matcher of a list (compiled once per list object). Unusable patterns are passed over. */
export function ignoreMatcher(list: IgnoreList): IgnoreMatcher {
  let m = cache.get(list);
  if (!m) {
    m = compile(list);
    cache.set(list, m);
  }
  return m;
}

/** True when any of the lists leaves the path out. */
export function isIgnored(lists: readonly (IgnoreList | undefined)[], path: string, kind: 'file' | 'directory'): boolean {
  return lists.some((l) => !!l && l.patterns.length > 0 && ignoreMatcher(l)(path, kind));
}

function compile(list: IgnoreList): IgnoreMatcher {
  const rules: Compiled[] = [];
  for (const pattern of list.patterns) {
    if (ignorePatternProblem(pattern)) continue;
    const negate = pattern.startsWith('!');
    let glob = negate ? pattern.slice(1) : pattern;
    while (glob.endsWith('/')) glob = glob.slice(0, -1);
    const anchored = glob.includes('/');
    while (glob.startsWith('/')) glob = glob.slice(1);
    if (!anchored) glob = `**/${glob}`;
    rules.push({ negate, matches: picomatch([glob, `${glob}/**`], { dot: true }) });
  }
  const negations = rules.some((r) => r.negate);
  return (path, kind) => {
    if (kind === 'directory' && negations) return false;
    const rel = relativeTo(list.base, path);
    if (rel === undefined || rel === '') return false;
    let ignored = false;
    for (const r of rules) if (r.negate === ignored && r.matches(rel)) ignored = !r.negate;
    return ignored;
  };
}

/**
 * `path` relative to folder `base`, with `/` separators; undefined when it is not below `base`.
 * Host paths: `/` separated, or `\` separated when the base is a Windows path.
 */
export function relativeTo(base: string, path: string): string | undefined {
  const windows = /^[A-Za-z]:\\/.test(base) || base.startsWith('\\\\');
  const norm = (s: string) => (windows ? s.replace(/\\/g, '/') : s);
  let b = norm(base);
  const p = norm(path);
  while (b.length > 1 && b.endsWith('/')) b = b.slice(0, -1);
  if (windows ? p.toLowerCase() === b.toLowerCase() : p === b) return '';
  const prefix = b.endsWith('/') ? b : `${b}/`;
  if (!(windows ? p.toLowerCase().startsWith(prefix.toLowerCase()) : p.startsWith(prefix))) return undefined;
  return p.slice(prefix.length);
}
