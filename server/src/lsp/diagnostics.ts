/** Engine findings → LSP diagnostics: code = rule id linking to its docs, data = the fixes. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import { docsPath, type Finding, type FixKind, type PositionMap, type Severity } from '../engine';
import { toLspRange } from './positions';

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

/** The package root: the first folder at or above this file with a package.json (dist/ → its parent). */
function findPackageRoot(start: string): string {
  for (let d = start; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return path.dirname(start);
  }
}

export const PACKAGE_ROOT = findPackageRoot(__dirname);

export function docsUri(ruleId: string): string {
  return pathToFileURL(path.join(PACKAGE_ROOT, docsPath(ruleId))).toString();
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
