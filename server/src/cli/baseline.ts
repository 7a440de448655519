/**
 * Baselines for `tnote check`: adopt the checks on an existing archive of notes and fail CI only
 * on new problems.
 *
 *   tnote check notes --baseline .tnote-baseline.json --update-baseline   records today's findings
 *   tnote check notes --baseline .tnote-baseline.json                     reports only new ones
 *
 * A finding is recorded as its file (relative to the baseline file's folder), rule, a hash of its
 * message (line numbers in it masked) and a hash of the text of its line (white space collapsed),
 * with a count: two identical findings need two recorded ones. Matching is per file, first on all
 * of rule, message and line text (the finding is still there, its line moved), then on rule and
 * message alone (its line was edited but the problem stayed). No note text is written: messages
 * can quote a note, so they are hashed like the lines.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex } from '../engine';
import { writeFileAtomic } from './files';
import type { Row } from './report';

export interface BaselineOptions {
  /** The baseline file as given. */
  file: string;
  /** Record the findings of this run instead of filtering by them. */
  update: boolean;
}

export interface BaselineArgs {
  /** The arguments without the baseline options. */
  rest: string[];
  baseline?: BaselineOptions;
  error?: string;
}

/** Takes `--baseline FILE` and `--update-baseline` out of the command line. */
export function takeBaselineArgs(argv: readonly string[]): BaselineArgs {
  const rest: string[] = [];
  let file: string | undefined;
  let update = false;
  let named = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--update-baseline') update = true;
    else if (a === '--baseline' || a.startsWith('--baseline=')) {
      named = true;
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1]?.startsWith('-') ? undefined : argv[++i];
      if (!v) return { rest, error: '--baseline needs a file' };
      file = v;
    } else rest.push(a);
  }
  if (update && !named) return { rest, error: '--update-baseline needs --baseline FILE (the file to record the findings in)' };
  if (!file) return { rest };
  const command = rest.find((a) => !a.startsWith('-'));
  if (command !== 'check') return { rest, error: '--baseline works with tnote check only' };
  return { rest, baseline: { file, update } };
}

/** What identifies a finding across edits. */
export interface Fingerprint {
  rule: string;
  /** Hash of the message, line numbers in it masked. */
  message: string;
  /** Hash of the text of the finding's first line, white space collapsed. */
  line: string;
}

export interface BaselineEntry extends Fingerprint {
  count: number;
}

const hash = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 16);

export function fingerprint(rule: string, message: string, lineText: string): Fingerprint {
  return {
    rule,
    // "the heading on line 12", "from line 3": the same finding after lines moved.
    message: hash(message.replace(/\b(lines?) \d+/gi, '$1 #')),
    line: hash(lineText.replace(/\s+/g, ' ').trim()),
  };
}

const exactKey = (f: Fingerprint) => `${f.rule}\u0000${f.message}\u0000${f.line}`;
const looseKey = (f: Fingerprint) => `${f.rule}\u0000${f.message}`;

/**
 * Matches one file's findings against its recorded ones (see the module comment). Returns, per
 * finding, whether it is new, and how many recorded findings no longer occur.
 */
export function matchFindings(current: readonly Fingerprint[], recorded: readonly BaselineEntry[]): { isNew: boolean[]; stale: number } {
  const exact = new Map<string, number>();
  for (const e of recorded) exact.set(exactKey(e), (exact.get(exactKey(e)) ?? 0) + e.count);
  const isNew = current.map(() => true);
  current.forEach((f, i) => {
    const left = exact.get(exactKey(f)) ?? 0;
    if (left > 0) {
      exact.set(exactKey(f), left - 1);
      isNew[i] = false;
    }
  });
  const byLoose = new Map<string, Set<string>>();
  for (const e of recorded) byLoose.set(looseKey(e), (byLoose.get(looseKey(e)) ?? new Set()).add(exactKey(e)));
  current.forEach((f, i) => {
    if (!isNew[i]) return;
    for (const k of byLoose.get(looseKey(f)) ?? []) {
      const left = exact.get(k)!;
      if (left > 0) {
        exact.set(k, left - 1);
        isNew[i] = false;
        return;
      }
    }
  });
  let stale = 0;
  for (const n of exact.values()) stale += n;
  return { isNew, stale };
}

/** The baseline file: findings per file, sorted, so that a re-recorded baseline diffs cleanly. */
interface BaselineFile {
  tnoteBaseline: 1;
  about: string;
  files: Record<string, BaselineEntry[]>;
}

const ABOUT =
  'Findings recorded by `tnote check --baseline FILE --update-baseline`; `tnote check --baseline FILE` reports only findings not in it. Per file: rule, a hash of the message and of the line text (no note text), and a count.';

export function parseBaseline(text: string): Map<string, BaselineEntry[]> | string {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return `not JSON (${(e as Error).message})`;
  }
  const d = data as Partial<BaselineFile> | null;
  if (!d || typeof d !== 'object' || d.tnoteBaseline !== 1 || !d.files || typeof d.files !== 'object') return 'not a tnote baseline (version 1): record it again with --update-baseline';
  const out = new Map<string, BaselineEntry[]>();
  for (const [file, entries] of Object.entries(d.files)) {
    if (!Array.isArray(entries)) return `the entry for ${file} is not a list`;
    const list: BaselineEntry[] = [];
    for (const e of entries as Partial<BaselineEntry>[]) {
      if (!e || typeof e.rule !== 'string' || typeof e.message !== 'string' || typeof e.line !== 'string' || !Number.isSafeInteger(e.count) || e.count! < 1) {
        return `a finding recorded for ${file} is not {rule, message, line, count}`;
      }
      list.push({ rule: e.rule, message: e.message, line: e.line, count: e.count! });
    }
    out.set(file, list);
  }
  return out;
}

export function serializeBaseline(files: ReadonlyMap<string, readonly Fingerprint[]>): string {
  const out: BaselineFile = { tnoteBaseline: 1, about: ABOUT, files: {} };
  for (const file of [...files.keys()].sort()) {
    const counts = new Map<string, BaselineEntry>();
    for (const f of files.get(file)!) {
      const k = exactKey(f);
      const e = counts.get(k);
      if (e) e.count++;
      else counts.set(k, { rule: f.rule, message: f.message, line: f.line, count: 1 });
    }
    if (counts.size === 0) continue;
    out.files[file] = [...counts.values()].sort((a, b) => (exactKey(a) < exactKey(b) ? -1 : exactKey(a) > exactKey(b) ? 1 : 0));
  }
  return JSON.stringify(out, null, 2) + '\n';
}

/** Rows the baseline is about: findings in notes (a config problem is always reported). */
const inScope = (r: Row) => r.rule !== 'config-invalid';

/** The text of each row's line, read once per file. */
function fingerprints(rows: readonly Row[], cwd: string): Map<Row, Fingerprint> {
  const lines = new Map<string, LineIndex | undefined>();
  const out = new Map<Row, Fingerprint>();
  for (const r of rows) {
    const abs = path.resolve(cwd, r.file);
    if (!lines.has(abs)) {
      let index: LineIndex | undefined;
      try {
        index = new LineIndex(fs.readFileSync(abs, 'utf8').replace(/^\uFEFF/, ''));
      } catch {
        index = undefined;
      }
      lines.set(abs, index);
    }
    const index = lines.get(abs);
    const n = r.line - 1;
    const text = index && n >= 0 && n < index.lineCount ? index.text.slice(index.lineStarts[n], index.lineContentEnd(n)) : '';
    out.set(r, fingerprint(r.rule, r.message, text));
  }
  return out;
}

const toPosix = (p: string) => p.split(path.sep).join('/');
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/**
 * The hook of `tnote check`: with `update`, records the findings in `rows` (for the checked files;
 * other files' records are kept while those files exist) and clears them from `rows`; otherwise
 * removes from `rows` the findings the baseline knows. Says what it did on `err`. Returns 2 when
 * the baseline cannot be read or written (then `rows` is left as it is), else 0.
 */
export function applyBaseline(rows: Row[], checkedFiles: readonly string[], opts: BaselineOptions, cwd: string, err: (s: string) => void): 0 | 2 {
  const baseFile = path.resolve(cwd, opts.file);
  const baseDir = path.dirname(baseFile);
  const keyOf = (file: string) => toPosix(path.relative(baseDir, path.resolve(cwd, file)));
  const scoped = rows.filter(inScope);
  const prints = fingerprints(scoped, cwd);
  const byFile = new Map<string, Row[]>();
  for (const r of scoped) {
    const k = keyOf(r.file);
    byFile.set(k, [...(byFile.get(k) ?? []), r]);
  }

  let recorded = new Map<string, BaselineEntry[]>();
  if (fs.existsSync(baseFile)) {
    let text: string;
    try {
      text = fs.readFileSync(baseFile, 'utf8');
    } catch (e) {
      err(`tnote: cannot read the baseline ${opts.file} (${(e as { code?: string }).code ?? String(e)})`);
      return 2;
    }
    const parsed = parseBaseline(text);
    if (typeof parsed === 'string') {
      if (!opts.update) {
        err(`tnote: the baseline ${opts.file} is ${parsed}`);
        return 2;
      }
      err(`tnote: the baseline ${opts.file} was ${parsed}; writing a new one`);
    } else recorded = parsed;
  } else if (!opts.update) {
    err(`tnote: baseline file not found: ${opts.file} (record one with --baseline ${opts.file} --update-baseline)`);
    return 2;
  }

  if (opts.update) {
    const next = new Map<string, Fingerprint[]>();
    const checked = new Set(checkedFiles.map(keyOf));
    for (const [file, entries] of recorded) {
      // Kept: files this run did not check, while they exist.
      if (checked.has(file) || !fs.existsSync(path.resolve(baseDir, file))) continue;
      next.set(
        file,
        entries.flatMap((e) => Array.from({ length: e.count }, () => ({ rule: e.rule, message: e.message, line: e.line }))),
      );
    }
    for (const [file, list] of byFile)
      next.set(
        file,
        list.map((r) => prints.get(r)!),
      );
    try {
      writeFileAtomic(baseFile, serializeBaseline(next));
    } catch (e) {
      err(`tnote: cannot write the baseline ${opts.file} (${(e as { code?: string }).code ?? String(e)})`);
      return 2;
    }
    const kept = next.size - byFile.size;
    err(
      `tnote: recorded ${plural(scoped.length, 'finding')} in ${plural(byFile.size, 'file')} in the baseline ${opts.file}${kept > 0 ? ` (kept the records of ${plural(kept, 'file')} not checked now)` : ''}`,
    );
    rows.splice(0, rows.length, ...rows.filter((r) => !inScope(r)));
    return 0;
  }

  const known = new Set<Row>();
  let stale = 0;
  const checked = new Set(checkedFiles.map(keyOf));
  for (const file of new Set([...byFile.keys(), ...[...recorded.keys()].filter((f) => checked.has(f))])) {
    const list = byFile.get(file) ?? [];
    const m = matchFindings(
      list.map((r) => prints.get(r)!),
      recorded.get(file) ?? [],
    );
    list.forEach((r, i) => {
      if (!m.isNew[i]) known.add(r);
    });
    stale += m.stale;
  }
  rows.splice(0, rows.length, ...rows.filter((r) => !known.has(r)));
  const fresh = scoped.length - known.size;
  err(
    `tnote: baseline ${opts.file}: ${plural(fresh, 'new finding')}, ${known.size} known not shown` +
      (stale ? `; ${plural(stale, 'recorded finding')} no longer occur${stale === 1 ? 's' : ''} (drop ${stale === 1 ? 'it' : 'them'} with --update-baseline)` : ''),
  );
  return 0;
}
