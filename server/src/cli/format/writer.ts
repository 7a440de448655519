/**
 * How a report is written: a head, then each file's rows in file order, then a tail, each a list
 * of output lines. `tnote check` streams the file parts out one by one (rows are never all in
 * memory); the head and tail only need the totals ({@link Summary}), gathered while the notes were
 * checked. {@link writeWhole} writes a report held in memory the same way.
 */
import type { Counts, Report, Row } from '../report';

/** The totals of the rows shown (with `--quiet`, errors only). */
export interface Summary {
  quiet: boolean;
  /** Notes checked. */
  files: number;
  counts: Counts;
  /** Shown rows per rule id. */
  byRule: ReadonlyMap<string, Counts>;
  /** Shown rows with a safe fix. */
  fixable: number;
  /** JUnit test cases: one per error or warning, one for each other file listed (checked, or with an error or warning). */
  junitCases: number;
}

export interface ReportWriter {
  head(summary: Summary): string[];
  /** One file's shown rows, sorted (may be empty for a note checked without findings). */
  file(file: string, rows: readonly Row[], checked: boolean): string[];
  tail(summary: Summary): string[];
}

export function emptyCounts(): Counts {
  return { error: 0, warning: 0, info: 0 };
}

/** Gathers a {@link Summary} from rows as they come, file by file. */
export class Tally {
  readonly counts = emptyCounts();
  readonly byRule = new Map<string, Counts>();
  fixable = 0;
  files = 0;
  private failing = 0;
  private passingListed = 0;
  constructor(readonly quiet: boolean) {}

  /** One file's shown rows, all of them (a file is added once). */
  add(rows: readonly Row[], checked: boolean): void {
    this.addFile(checked, this.addRows(rows));
  }

  /**
   * Counts some of a file's shown rows (a file's rows may come in parts, in any order: the
   * summary does not depend on it); returns how many are failures (not info).
   */
  addRows(rows: readonly Row[]): number {
    let failures = 0;
    for (const r of rows) {
      this.counts[r.severity]++;
      let c = this.byRule.get(r.rule);
      if (!c) this.byRule.set(r.rule, (c = emptyCounts()));
      c[r.severity]++;
      if (r.fixable) this.fixable++;
      if (r.severity !== 'info') failures++;
    }
    return failures;
  }

  /** Ends a file (once per file) whose shown rows, counted by {@link addRows}, had `failures` failures. */
  addFile(checked: boolean, failures: number): void {
    if (checked) this.files++;
    this.failing += failures;
    if (failures === 0 && checked) this.passingListed++;
  }

  summary(): Summary {
    return { quiet: this.quiet, files: this.files, counts: this.counts, byRule: this.byRule, fixable: this.fixable, junitCases: this.failing + this.passingListed };
  }
}

/** Files in report order (as rows are sorted: by plain string comparison). */
export function compareFiles(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A report held in memory, written by `writer` (the same text the streamed report gives). */
export function writeWhole(report: Report, writer: ReportWriter): string {
  const rowsByFile = new Map<string, Row[]>();
  for (const r of report.rows) {
    let list = rowsByFile.get(r.file);
    if (!list) rowsByFile.set(r.file, (list = []));
    list.push(r);
  }
  const checked = new Set(report.files);
  const files = [...new Set([...report.files, ...rowsByFile.keys()])].sort(compareFiles);
  const tally = new Tally(report.quiet);
  for (const f of files) tally.add(rowsByFile.get(f) ?? [], checked.has(f));
  const summary = tally.summary();
  const out = writer.head(summary);
  for (const f of files) out.push(...writer.file(f, rowsByFile.get(f) ?? [], checked.has(f)));
  out.push(...writer.tail(summary));
  return out.join('\n');
}
