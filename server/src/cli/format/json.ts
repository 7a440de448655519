import type { Report } from '../report';
import { writeWhole, type ReportWriter } from './writer';

/**
 * One level deeper. Only a real line break starts a line: JSON.stringify writes none inside a
 * string, but leaves U+2028/U+2029 as they are, which a multiline `^` would have indented into.
 */
const indent = (s: string) => `  ${s.replaceAll('\n', '\n  ')}`;

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
        last = indent(JSON.stringify(r, null, 2));
      }
      return out;
    },
    tail: () => (last === undefined ? ['[]'] : [last, ']']),
  };
}

export function formatJson(report: Report): string {
  return writeWhole(report, jsonWriter());
}
