import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync } from 'tinyglobby';
import { findNotes, type FileAccess } from '../engine';

export interface Expansion {
  /** Note files to check: sorted, one path per real file. */
  files: string[];
  errors: string[];
}

function isGlob(s: string): boolean {
  return /[*?[\]{}]/.test(s);
}

/**
 * Expands paths into the note files to check: a file as it is, a folder through the engine's
 * walker (the same notes the editor indexes), a glob through tinyglobby (node_modules and .git
 * left out). A file reached by several paths (symbolic links, overlapping arguments) is checked
 * once: under its own path when that is among them, else the first of them in sorted order.
 */
export async function expandInputs(fsa: FileAccess, inputs: string[], cwd: string): Promise<Expansion> {
  const byReal = new Map<string, string>();
  // One path per real file: its own path when among them, else the first in sorted order.
  const keep = (file: string, real: string) => {
    const known = byReal.get(real);
    if (known === undefined || (known !== real && (file === real || file < known))) byReal.set(real, file);
  };
  const candidates: string[] = [];
  const errors: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    if (fs.existsSync(abs)) {
      if (fs.statSync(abs).isDirectory()) {
        const walked = await findNotes(fsa, [abs]);
        for (const n of walked.notes) keep(n.path, n.real);
        for (const e of walked.errors) errors.push(`cannot read folder ${input} (${e.error})`);
      } else candidates.push(abs);
      continue;
    }
    if (isGlob(input)) {
      const matches = globSync(input, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'] });
      if (matches.length === 0) errors.push(`no files match ${input}`);
      matches.forEach((m) => candidates.push(path.resolve(m)));
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
  return { files: [...byReal.values()].sort(), errors };
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
