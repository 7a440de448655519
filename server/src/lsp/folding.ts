/** Folding ranges: the front matter, the charges list, each section and multi-line comments. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { Note } from '../engine';

export function provideFoldingRanges(note: Note): FoldingRange[] {
  const out: FoldingRange[] = [];
  const lines = note.lines;
  const add = (start: number, end: number, kind?: FoldingRangeKind) => {
    if (end > start) out.push({ startLine: start, endLine: end, ...(kind ? { kind } : {}) });
  };
  const fm = note.frontMatter;
  if (fm) {
    const endLine = fm.closeRange ? lines.lineAt(fm.closeRange.start) : lines.lineAt(Math.max(fm.contentRange.start, fm.contentRange.end - 1));
    add(0, endLine, FoldingRangeKind.Region);
    const cv = note.yamlFacts.chargesValue;
    if (cv) add(lines.lineAt(cv.keyRange.start), lines.lineAt(Math.max(cv.range.start, cv.range.end - 1)));
  }
  for (const s of note.sections) add(s.headingLine, lines.lineAt(Math.max(s.headingRange.start, s.lastContentEnd)));
  for (const c of note.comments) add(lines.lineAt(c.start), lines.lineAt(Math.max(c.start, c.end - 1)), FoldingRangeKind.Comment);
  return out;
}
