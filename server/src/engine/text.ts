/** Offset ⇄ line/column conversion. Lines end at `\n`; a `\r` before it belongs to the break. */
export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units. */
  character: number;
}

/** The last line whose start is at or before `offset`, by binary search over ascending line starts. */
function lineAtOffset(starts: ArrayLike<number>, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The line containing `offset` (0-based). */
  lineAt(offset: number): number {
    return lineAtOffset(this.lineStarts, offset);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: clamped - this.lineStarts[line] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const start = this.lineStarts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineContentEnd(pos.line));
  }

  /** Offset of the end of the line's content (before `\r\n` / `\n`). */
  lineContentEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    return next > this.lineStarts[line] && this.text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }

  /** Offset just past the line break of `line` (start of the next line, or end of text). */
  lineEndWithBreak(line: number): number {
    return line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineContentEnd(line));
  }
}

/** The dominant line break of a text, used for inserted lines. */
export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** Anything that turns offsets into positions (a full {@link LineIndex} or a compact {@link LineStarts}). */
export interface PositionMap {
  positionAt(offset: number): Position;
}

/**
 * Offsets → positions from line starts alone, without keeping the text: a few bytes per line,
 * for notes that are indexed but not open.
 */
export class LineStarts implements PositionMap {
  /** Offset of the first character of each line. */
  readonly starts: Int32Array;
  /** Length of the text. */
  readonly length: number;

  /** From a text's line index, or from line starts kept elsewhere (the editor's saved workspace index). */
  constructor(lines: LineIndex | { starts: ArrayLike<number>; length: number }) {
    if (lines instanceof LineIndex) {
      this.starts = Int32Array.from(lines.lineStarts);
      this.length = lines.text.length;
    } else {
      this.starts = Int32Array.from(lines.starts);
      this.length = lines.length;
    }
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.length));
    const line = lineAtOffset(this.starts, clamped);
    return { line, character: clamped - this.starts[line] };
  }
}

let rows = [new Uint32Array(64), new Uint32Array(64)];

/** Levenshtein distance, case-insensitive (typo suggestions for headings and rule ids). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  // Two rows of the table, kept between calls (grown when a longer candidate comes).
  if (rows[0].length <= t.length) rows = [new Uint32Array(t.length + 1), new Uint32Array(t.length + 1)];
  let prev = rows[0];
  let cur = rows[1];
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    const si = s.charCodeAt(i - 1);
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (si === t.charCodeAt(j - 1) ? 0 : 1));
    }
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return prev[t.length];
}

/** The candidate with the smallest {@link editDistance} to `word` (ties go to the earlier one). */
export function closest(word: string, candidates: Iterable<string>): { candidate: string; distance: number } | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best;
}
