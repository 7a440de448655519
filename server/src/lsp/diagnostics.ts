/** Engine findings → LSP diagnostics: code = rule id linking to its docs, data = the fixes. */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import { docsPath, type Finding, type FixKind, type PositionMap, type Severity } from '../engine';
import { toLspRange } from './positions';
import { runtime } from './runtime';

export const SOURCE = 'tnote';

/** A fix as carried in `Diagnostic.data`: LSP ranges valid for `version` of the document. */
export interface DataFix {
  title: string;
  kind: FixKind;
  edits: LspTextEdit[];
}

export interface DiagnosticData {
  version: number;
  fixes: DataFix[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function docsUri(ruleId: string): string {
  return runtime().docsUri(docsPath(ruleId));
}

/** Looks up another note's line index (for related information in other files). */
export type LinesOf = (uri: string) => PositionMap | undefined;

export function toDiagnostic(f: Finding, uri: string, lines: PositionMap, version: number, linesOf: LinesOf): Diagnostic {
  const data: DiagnosticData = {
    version,
    fixes: f.fixes.map((fix) => ({ title: fix.title, kind: fix.kind, edits: fix.edits.map((e) => ({ range: toLspRange(lines, e), newText: e.newText })) })),
  };
  const diagnostic: Diagnostic = {
    range: toLspRange(lines, f.range),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: docsUri(f.ruleId) },
    source: SOURCE,
    message: f.message,
    data,
  };
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of f.related ?? []) {
    const target = r.file ?? uri;
    const targetLines = target === uri ? lines : linesOf(target);
    if (!targetLines) continue;
    related.push({ location: { uri: target, range: toLspRange(targetLines, r.range) }, message: r.message });
  }
  if (related.length) diagnostic.relatedInformation = related;
  return diagnostic;
}

export function isDiagnosticData(x: unknown): x is DiagnosticData {
  return !!x && typeof x === 'object' && Array.isArray((x as DiagnosticData).fixes) && typeof (x as DiagnosticData).version === 'number';
}
