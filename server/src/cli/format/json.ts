import type { Report } from '../report';

/** The JSON array of note-format.md §5: one object per finding, sorted by file, line and column. */
export function formatJson(report: Report): string {
  return JSON.stringify(report.rows, null, 2);
}
