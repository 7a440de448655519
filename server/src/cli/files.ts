import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync } from 'tinyglobby';
import { findNotes, type FileAccess } from '../engine';

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

/** Writes a file atomically: a temp file in the same folder, then rename over the original. */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  let mode: number | undefined;
  try {
    mode = fs.statSync(file).mode;
  } catch {
    mode = undefined;
  }
  try {
    fs.writeFileSync(tmp, text, { encoding: 'utf8', mode });
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* nothing to clean */
    }
    throw e;
  }
}

export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join('/');
}
