import { LineIndex, ruleById, type Finding } from '../engine';

/** One reported problem, in the CLI's JSON shape (note-format.md §5), 1-based positions. */
export interface Row {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fixable: boolean;
}

export function rowsFor(file: string, lines: LineIndex, findings: readonly Finding[]): Row[] {
  return findings.map((f) => {
    const s = lines.positionAt(f.range.start);
    const e = lines.positionAt(f.range.end);
    return {
      file,
      line: s.line + 1,
      column: s.character + 1,
      endLine: e.line + 1,
      endColumn: e.character + 1,
      rule: f.ruleId,
      severity: f.severity,
      message: f.message,
      fixable: f.fixes.some((x) => x.kind === 'safe'),
    };
  });
}

export function sortRows(rows: Row[]): Row[] {
  return rows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

export function formatJson(rows: readonly Row[]): string {
  return JSON.stringify(rows, null, 2);
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' };

export function formatText(rows: readonly Row[], fileCount: number, color: boolean): string {
  const c = (k: keyof typeof COLORS, s: string) => (color ? COLORS[k] + s + COLORS.reset : s);
  const out: string[] = [];
  for (const r of rows) {
    out.push(`${r.file}:${r.line}:${r.column}  ${c(r.severity, r.severity.padEnd(7))}  ${r.message}  ${c('dim', r.rule)}`);
  }
  const count = (s: string) => rows.filter((r) => r.severity === s).length;
  const fixable = rows.filter((r) => r.fixable).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  out.push(
    `${rows.length ? '\n' : ''}${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')} in ${plural(fileCount, 'file')} checked` +
      (fixable ? ` (${fixable} fixable with --fix)` : ''),
  );
  return out.join('\n');
}

/** SARIF 2.1.0, as GitHub code scanning accepts it. */
export function formatSarif(rows: readonly Row[], version: string): string {
  const ids = [...new Set(rows.map((r) => r.rule))].sort();
  const level = (s: string) => (s === 'info' ? 'note' : s);
  const rules = ids.map((id) => {
    const meta = ruleById(id);
    return {
      id,
      name: id,
      shortDescription: { text: meta?.description ?? id },
      helpUri: undefined as string | undefined,
      help: { text: `See docs/rules/${id}.md`, markdown: `See [docs/rules/${id}.md](docs/rules/${id}.md)` },
      defaultConfiguration: { level: level(meta?.defaultSeverity ?? 'warning') },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'tnote', semanticVersion: version, rules } },
        columnKind: 'utf16CodeUnits',
        results: rows.map((r) => ({
          ruleId: r.rule,
          ruleIndex: ids.indexOf(r.rule),
          level: level(r.severity),
          message: { text: r.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: r.file.startsWith('/') ? `file://${r.file}` : r.file, ...(r.file.startsWith('/') ? {} : { uriBaseId: '%SRCROOT%' }) },
                region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
