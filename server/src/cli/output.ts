/**
 * The report of one `tnote check`, built without holding its rows: each note's rows go to a spill
 * file (a private temporary file, deleted at the end) as soon as the note is checked, with only
 * the totals kept in memory. Cross-note and config rows (few) are kept; once every note is in,
 * the report is written file by file in report order, each file's rows read back from the spill
 * and merged with its cross-note rows. The output is the same as a report built in memory.
 * Without a writable temporary folder the rows wait in memory instead (same output). A cache
 * hit's rows are already in memory as UTF-8 (the cache file as read): they are kept as that view.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { countBySeverity, sortRows, type Counts, type Row } from './report';
import { compareFiles, emptyCounts, Tally, type ReportWriter } from './format/writer';

/** One row without its file, as the spill holds it (in the order of a Row's keys). */
type Packed = [line: number, column: number, endLine: number, endColumn: number, rule: string, severity: Row['severity'], message: string, fixable: 0 | 1];

/** How many bytes of rows wait before they are written to the spill. */
const PENDING_BYTES = 1 << 16;

/** Rows per file, out of memory: appended to a temporary file, read back by file. */
export class RowSpill {
  private dir: string | undefined;
  private fd: number | undefined;
  private size = 0;
  /** File → where its rows are in the spill (files with rows only). */
  private readonly where = new Map<string, { at: number; length: number }>();
  /** Rows put, in all (for tests). */
  rows = 0;
  /** When the temporary file cannot be made or written (no writable temp folder, disk full): the packed rows from then on, in memory. */
  private memory: Map<string, string> | undefined;
  /** Rows put but not yet written (at most {@link PENDING_BYTES}): one write per batch, not per note. */
  private pending: { file: string; text: string; bytes: Buffer }[] = [];
  private pendingBytes = 0;
  /** Bytes of the spill written to the file (the pending ones follow). */
  private written = 0;

  /**
   * Rows that are already held as UTF-8 bytes elsewhere (a cache hit's, in the cache file as read,
   * which stays in memory through the run): kept as those bytes' view, neither copied nor written.
   */
  private readonly views = new Map<string, Uint8Array>();

  /**
   * `packed`: the same rows already packed, as JSON text, or as its UTF-8 bytes (a cache hit's: the
   * view is kept, so its bytes must not change until the report is written); else they are packed here.
   */
  put(file: string, rows: readonly Row[], packed?: string | Uint8Array): void {
    if (rows.length === 0) return;
    if (this.where.has(file) || this.memory?.has(file) || this.views.has(file)) throw new Error(`rows of ${file} were already spilled`);
    if (packed instanceof Uint8Array) {
      this.rows += rows.length;
      this.views.set(file, packed);
      return;
    }
    const text = packed ?? JSON.stringify(rows.map((r): Packed => [r.line, r.column, r.endLine, r.endColumn, r.rule, r.severity, r.message, r.fixable ? 1 : 0]));
    this.rows += rows.length;
    if (this.fd === undefined && !this.memory) {
      try {
        this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-rows-'));
        this.fd = fs.openSync(path.join(this.dir, 'rows.json'), 'w+', 0o600);
      } catch {
        this.close();
        this.memory = new Map();
      }
    }
    if (this.memory || this.fd === undefined) {
      this.memory?.set(file, text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    this.pending.push({ file, text, bytes });
    this.where.set(file, { at: this.size, length: bytes.length });
    this.size += bytes.length;
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= PENDING_BYTES) this.flush();
  }

  /** Writes the pending rows; when that fails (the temporary folder is full), what is written stays readable and the rest waits in memory. */
  private flush(): void {
    if (this.pending.length === 0 || this.fd === undefined) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    const data = batch.length === 1 ? batch[0].bytes : Buffer.concat(batch.map((p) => p.bytes));
    try {
      let done = 0;
      while (done < data.length) done += fs.writeSync(this.fd, data, done, data.length - done, this.written + done);
      this.written += data.length;
    } catch {
      this.memory = new Map();
      for (const p of batch) {
        this.where.delete(p.file);
        this.memory.set(p.file, p.text);
      }
    }
  }

  /** The rows put for `file` (none when none were). */
  take(file: string): Row[] {
    const packed = JSON.parse(this.text(file) ?? '[]') as Packed[];
    return packed.map(([line, column, endLine, endColumn, rule, severity, message, fixable]) => ({ file, line, column, endLine, endColumn, rule, severity, message, fixable: fixable === 1 }));
  }

  private text(file: string): string | undefined {
    const view = this.views.get(file);
    if (view) return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('utf8');
    const kept = this.memory?.get(file);
    if (kept !== undefined) return kept;
    const w = this.where.get(file);
    if (!w || this.fd === undefined) return undefined;
    if (w.at >= this.written) this.flush();
    const still = this.memory?.get(file);
    if (still !== undefined) return still;
    const bytes = Buffer.alloc(w.length);
    let done = 0;
    while (done < w.length) {
      const n = fs.readSync(this.fd, bytes, done, w.length - done, w.at + done);
      if (n === 0) throw new Error('the temporary file of findings was cut short');
      done += n;
    }
    return bytes.toString('utf8');
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.fd = undefined;
    this.dir = undefined;
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** Rows gathered file by file; counts of every row (for the exit status) and of the shown ones. */
export class StreamedReport {
  /** Every row, shown or not. */
  readonly all: Counts = emptyCounts();
  /** An error other than `config-invalid` was found. */
  errorFound = false;
  /** Checked notes, in the order they came (a set of them is made only to write the report). */
  private readonly checked: string[] = [];
  /** Cross-note and config rows, by file. */
  private readonly extra = new Map<string, Row[]>();
  /** The shown own rows of every note, counted as they come (so the report's totals need no second read of the spill). */
  private readonly tally: Tally;
  /** Checked notes whose own shown rows include failures: how many. */
  private readonly ownFailures = new Map<string, number>();
  private written = false;

  constructor(
    private readonly spill: RowSpill,
    private readonly quiet: boolean,
  ) {
    this.tally = new Tally(quiet);
  }

  private shown(rows: readonly Row[]): readonly Row[] {
    return this.quiet ? rows.filter((r) => r.severity === 'error') : rows;
  }

  /** A checked note's own rows (each note once). */
  note(file: string, rows: readonly Row[], packed?: string | Uint8Array): void {
    this.count(rows);
    this.checked.push(file);
    const failures = this.tally.addRows(this.shown(rows));
    if (failures > 0) this.ownFailures.set(file, failures);
    this.spill.put(file, rows, packed);
  }

  /** Rows found once every note was in (cross-note findings, config problems). */
  more(file: string, rows: readonly Row[]): void {
    if (rows.length === 0) return;
    this.count(rows);
    const list = this.extra.get(file);
    if (list) list.push(...rows);
    else this.extra.set(file, [...rows]);
  }

  /** Notes checked, sorted. */
  files(): string[] {
    return [...this.checked].sort(compareFiles);
  }

  /** Writes the report; `out` gets the output's lines in pieces (each a list of lines). */
  write(writer: ReportWriter, out: (lines: string[]) => void): void {
    if (this.written) throw new Error('the report was already written');
    this.written = true;
    const names = new Set<string>(this.checked);
    /** Files with cross-note or config rows only (a config file): not checked notes. */
    const notChecked = new Set<string>();
    for (const f of this.extra.keys()) if (!names.has(f)) notChecked.add(f);
    for (const f of notChecked) names.add(f);
    const files = [...names].sort(compareFiles);
    names.clear();
    const isChecked = (f: string) => !notChecked.has(f);
    // The totals first (the head needs them): the own rows were counted as they came; add the
    // cross-note and config rows and end each file, then read each file's rows back once to write them.
    const tally = this.tally;
    for (const f of files) {
      const extra = this.extra.get(f);
      tally.addFile(isChecked(f), (this.ownFailures.get(f) ?? 0) + (extra ? tally.addRows(this.shown(extra)) : 0));
    }
    const rowsOf = (file: string): Row[] => {
      const own = this.spill.take(file);
      const extra = this.extra.get(file);
      const rows = extra ? sortRows([...own, ...extra]) : own;
      return this.quiet ? rows.filter((r) => r.severity === 'error') : rows;
    };
    const summary = tally.summary();
    out(writer.head(summary));
    for (const f of files) out(writer.file(f, rowsOf(f), isChecked(f)));
    out(writer.tail(summary));
  }

  private count(rows: readonly Row[]): void {
    const c = countBySeverity(rows);
    this.all.error += c.error;
    this.all.warning += c.warning;
    this.all.info += c.info;
    if (rows.some((r) => r.severity === 'error' && r.rule !== 'config-invalid')) this.errorFound = true;
  }
}
