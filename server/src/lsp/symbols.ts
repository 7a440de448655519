/** Document outline: front matter (with its charge lines), titles, sections and their fields. Headings use the String kind, as Markdown outlines do. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Note, Range } from '../engine';
import { billingLabel } from './billingSummary';
import { toLspRange } from './positions';

function symbol(note: Note, name: string, kind: SymbolKind, range: Range, selection: Range, children?: DocumentSymbol[], detail?: string): DocumentSymbol {
  const r = toLspRange(note.lines, range);
  const s = toLspRange(note.lines, { start: Math.max(range.start, Math.min(selection.start, range.end)), end: Math.max(range.start, Math.min(selection.end, range.end)) });
  return { name: name.trim() || '(untitled)', kind, range: r, selectionRange: s, ...(detail ? { detail } : {}), ...(children ? { children } : {}) };
}

export function provideDocumentSymbols(note: Note): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const fm = note.frontMatter;
  if (fm) {
    const end = fm.closeRange ? fm.closeRange.end : fm.contentRange.end;
    const children: DocumentSymbol[] = [];
    const cv = note.yamlFacts.chargesValue;
    if (cv) {
      const charges = note.yamlFacts.charges.map((c) => symbol(note, billingLabel(c), SymbolKind.Object, c.range, c.codeValue?.range ?? c.range));
      children.push(symbol(note, 'charges', SymbolKind.Array, cv.pairRange, cv.keyRange, charges));
    }
    out.push(symbol(note, 'Front matter', SymbolKind.Namespace, { start: fm.openRange.start, end }, fm.openRange, children));
  }
  const blocks = [...note.titles.map((t) => ({ s: t, title: true })), ...note.sections.map((s) => ({ s, title: false }))].sort((a, b) => a.s.range.start - b.s.range.start);
  for (const { s, title } of blocks) {
    if (title) {
      out.push(symbol(note, s.title, SymbolKind.String, s.headingRange, s.titleRange));
      continue;
    }
    const end = Math.max(s.headingRange.end, s.lastContentEnd);
    const fields = s.fields.map((f) => symbol(note, f.label, SymbolKind.Field, f.range, f.labelRange, undefined, f.missing ? 'missing' : undefined));
    out.push(symbol(note, s.title, SymbolKind.String, { start: s.range.start, end }, s.titleRange, fields, s.spec && s.spec.title.toLowerCase() !== s.title.toLowerCase() ? s.spec.title : undefined));
  }
  return out;
}
