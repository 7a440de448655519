import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync } from 'tinyglobby';

export const NOTE_EXTENSIONS = ['.tnote'];
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.cache']);

export interface Expansion {
  files: string[];
  errors: string[];
}

function isGlob(s: string): boolean {
  return /[*?[\]{}]/.test(s);
}

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(p, out);
    } else if (e.isFile() && NOTE_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) out.push(p);
  }
}

/** Expands paths (files, folders searched for *.tnote, globs) into absolute file paths, deduplicated and sorted. */
export function expandInputs(inputs: string[], cwd: string): Expansion {
  const files = new Set<string>();
  const errors: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    if (fs.existsSync(abs)) {
      const st = fs.statSync(abs);
      if (st.isDirectory()) {
        const found: string[] = [];
        walk(abs, found);
        found.forEach((f) => files.add(f));
      } else files.add(abs);
      continue;
    }
    if (isGlob(input)) {
      const matches = globSync(input, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'] });
      if (matches.length === 0) errors.push(`no files match ${input}`);
      matches.forEach((m) => files.add(path.resolve(m)));
      continue;
    }
    errors.push(`no such file or folder: ${input}`);
  }
  return { files: [...files].sort(), errors };
}

export type ReadResult = { ok: true; text: string; bom: boolean } | { ok: false; error: string };

const MAX_BYTES = 50 * 1024 * 1024;

/** Reads a note as UTF-8 text; binary or non-UTF-8 input is refused with a clear reason. */
export function readNote(file: string): ReadResult {
  let buf: Buffer;
  try {
    const st = fs.statSync(file);
    if (st.size > MAX_BYTES) return { ok: false, error: `file is larger than ${MAX_BYTES / 1024 / 1024} MB; not a note` };
    buf = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, error: code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : `cannot read (${code ?? String(e)})` };
  }
  if (buf.includes(0)) return { ok: false, error: 'looks like a binary file (contains NUL bytes), not a text note' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return { ok: false, error: 'is not valid UTF-8 text; save the note as UTF-8' };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, text: bom ? text.slice(1) : text, bom };
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
