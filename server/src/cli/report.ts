/**
 * The CLI's findings as report rows, and what every output format is made from. The formatters
 * (format/*.ts: text, json, sarif, junit) each turn a {@link Report} into one string.
 */
import { LineIndex, type Finding } from '../engine';

/** One reported problem, in the CLI's JSON shape (note-format.md §5), 1-based positions. */
export interface Row {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fixable: boolean;
}

/** What one `tnote check` found, as the formatters see it. */
export interface Report {
  /** Rows sorted by file, line, column (with `--quiet`, errors only). */
  rows: readonly Row[];
  /** Every note checked (display paths, sorted), with findings or without. */
  files: readonly string[];
  /** `--quiet`: only errors are shown. */
  quiet: boolean;
}

export const SEVERITIES = ['error', 'warning', 'info'] as const;

export function rowsFor(file: string, lines: LineIndex, findings: readonly Finding[]): Row[] {
  return findings.map((f) => {
    const s = lines.positionAt(f.range.start);
    const e = lines.positionAt(f.range.end);
    return {
      file,
      line: s.line + 1,
      column: s.character + 1,
      endLine: e.line + 1,
      endColumn: e.character + 1,
      rule: f.ruleId,
      severity: f.severity,
      message: f.message,
      fixable: f.fixes.some((x) => x.kind === 'safe'),
    };
  });
}

export function sortRows(rows: Row[]): Row[] {
  return rows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

export type Counts = Record<(typeof SEVERITIES)[number], number>;

export function countBySeverity(rows: readonly Row[]): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0 };
  for (const r of rows) c[r.severity]++;
  return c;
}

/** Counts per rule, most errors first (then warnings, infos, then by id). */
export function rankRules(by: ReadonlyMap<string, Counts>): { rule: string; counts: Counts }[] {
  return [...by]
    .map(([rule, counts]) => ({ rule, counts }))
    .sort((a, b) => b.counts.error - a.counts.error || b.counts.warning - a.counts.warning || b.counts.info - a.counts.info || (a.rule < b.rule ? -1 : 1));
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
