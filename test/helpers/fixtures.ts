import type { Finding, TextEdit } from '../../server/src/engine';
import { LineIndex } from '../../server/src/engine';

export interface Expected {
  line: number;
  column: number;
  severity: string;
  rule: string;
}

const EXPECT_BLOCK = /<!--\s*expect\b([\s\S]*?)-->/;

/** Reads the `<!-- expect … -->` block of a fixture: one `LINE:COL SEVERITY RULE-ID` per line. */
export function readExpectations(text: string): Expected[] | undefined {
  const m = EXPECT_BLOCK.exec(text);
  if (!m) return undefined;
  return m[1]
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const p = /^(\d+):(\d+)\s+(error|warning|info)\s+([a-z0-9-]+)$/.exec(l);
      if (!p) throw new Error(`bad expectation line: ${l}`);
      return { line: Number(p[1]), column: Number(p[2]), severity: p[3], rule: p[4] };
    });
}

export function describeFinding(f: Finding, lines: LineIndex): string {
  const p = lines.positionAt(f.range.start);
  return `${p.line + 1}:${p.character + 1} ${f.severity} ${f.ruleId}`;
}

export function describeExpected(e: Expected): string {
  return `${e.line}:${e.column} ${e.severity} ${e.rule}`;
}

/** Ranges of inserted/replaced text in the new text, given edits applied to the old text. */
export function insertedRanges(edits: readonly TextEdit[]): { start: number; end: number }[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let delta = 0;
  const out: { start: number; end: number }[] = [];
  for (const e of sorted) {
    const start = e.start + delta;
    out.push({ start, end: start + e.newText.length });
    delta += e.newText.length - (e.end - e.start);
  }
  return out;
}
