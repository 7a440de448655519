import type { Report, Row } from '../report';
import { writeWhole, type ReportWriter } from './writer';

/**
 * One level deeper. Only a real line break starts a line: JSON.stringify writes none inside a
 * string, but leaves U+2028/U+2029 as they are, which a multiline `^` would have indented into.
 */
const indent = (s: string) => `  ${s.replaceAll('\n', '\n  ')}`;

/** A row's keys, in the order a Row has them (and JSON.stringify writes them). */
const ROW_KEYS = ['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message', 'fixable'] as const;

/**
 * `indent(JSON.stringify(r, null, 2))` for a row that has exactly a Row's keys in a Row's order,
 * with finite numbers, strings and a boolean (every row tnote makes), written directly; undefined
 * for anything else (then JSON.stringify writes it).
 */
function rowJson(r: Row): string | undefined {
  let n = 0;
  for (const key in r) if (key !== ROW_KEYS[n++]) return undefined;
  if (n !== ROW_KEYS.length) return undefined;
  const { file, line, column, endLine, endColumn, rule, severity, message, fixable } = r;
  if (typeof file !== 'string' || typeof rule !== 'string' || typeof severity !== 'string' || typeof message !== 'string' || typeof fixable !== 'boolean') return undefined;
  if (!Number.isFinite(line) || !Number.isFinite(column) || !Number.isFinite(endLine) || !Number.isFinite(endColumn)) return undefined;
  return `  {\n    "file": ${JSON.stringify(file)},\n    "line": ${line},\n    "column": ${column},\n    "endLine": ${endLine},\n    "endColumn": ${endColumn},\n    "rule": ${JSON.stringify(rule)},\n    "severity": ${JSON.stringify(severity)},\n    "message": ${JSON.stringify(message)},\n    "fixable": ${fixable}\n  }`;
}

/**
 * The JSON array of note-format.md §5: one object per finding, sorted by file, line and column,
 * written file by file, exactly as `JSON.stringify(rows, null, 2)` writes the whole array.
 */
export function jsonWriter(): ReportWriter {
  // The last row written out is held back until it is known whether a comma follows it.
  let last: string | undefined;
  return {
    head: () => [],
    file(_file, rows) {
      const out: string[] = [];
      for (const r of rows) {
        out.push(last === undefined ? '[' : last + ',');
        last = rowJson(r) ?? indent(JSON.stringify(r, null, 2));
      }
      return out;
    },
    tail: () => (last === undefined ? ['[]'] : [last, ']']),
  };
}

export function formatJson(report: Report): string {
  return writeWhole(report, jsonWriter());
}
