/**
 * SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it. Each rule carries its page
 * (`helpUri`, on the project's repository) and its full documentation (`help.markdown`, the
 * docs/rules/<id>.md shipped with the package, relative links made absolute), so the help shown
 * does not depend on the checked repository holding tnote's docs. Artifact locations are URI
 * references: relative to `%SRCROOT%` (the folder the CLI ran in) when the note lies below it,
 * else `file:` URIs; either way percent-encoded, so `#`, `?`, `%`, spaces and non-ASCII
 * characters in names stay part of the path.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleById } from '../../engine';
import { configDocUrl, repositoryWebUrl, ruleDocMarkdown, ruleDocUrl } from '../package';
import type { Report, Row } from '../report';
import { writeWhole, type ReportWriter } from './writer';

export interface SarifOptions {
  version: string;
  /** The folder relative paths are relative to (`%SRCROOT%`). */
  cwd: string;
}

const CONFIG_RULE = { id: 'config-invalid', description: 'A setting in .tnoterc.yaml is unknown or has a bad value; the file and line say which.' };

const level = (s: Row['severity']) => (s === 'info' ? 'note' : s);

/** A string that is valid UTF-16 (a lone surrogate becomes U+FFFD), as URI encoding needs. */
function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** A byte of a file name that is not UTF-8, as the CLI's file access keeps it (node/nodeFs.ts `nativePath`). */
const NAME_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;

/** The artifact location of a display path: percent-encoded, relative to %SRCROOT% or a file: URI. */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (NAME_BYTE.test(file)) {
    // A name that is not UTF-8: each of its bytes percent-encoded as it is (%FF), not as U+FFFD.
    const encoded = file.split('/').map(encodeSegment).join('/');
    return path.isAbsolute(file) ? { uri: `file://${encoded}` } : { uri: encoded, uriBaseId: '%SRCROOT%' };
  }
  const name = wellFormed(file);
  if (path.isAbsolute(name)) return { uri: pathToFileURL(name).href };
  return { uri: name.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function encodeSegment(s: string): string {
  return s
    .split(new RegExp(`(${NAME_BYTE.source})`))
    .map((part, i) => (i % 2 ? `%${(part.charCodeAt(0) - 0xdc00).toString(16).toUpperCase()}` : encodeURIComponent(wellFormed(part))))
    .join('');
}

/** Relative links of a rule page (`../sources.md`, `other-rule.md#x`) made absolute against where the page is published. */
function absoluteLinks(markdown: string, pageUrl: string | undefined): string {
  if (!pageUrl) return markdown;
  return markdown.replace(/\]\(([^)\s]+)\)/g, (whole, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return whole;
    try {
      return `](${new URL(target, pageUrl).href})`;
    } catch {
      return whole;
    }
  });
}

function ruleDescriptor(id: string) {
  const meta = ruleById(id);
  const description = meta?.description ?? (id === CONFIG_RULE.id ? CONFIG_RULE.description : id);
  const helpUri = id === CONFIG_RULE.id ? configDocUrl() : ruleDocUrl(id);
  const doc = meta ? ruleDocMarkdown(id) : undefined;
  const see = helpUri ? ` See ${helpUri}` : meta ? ` See docs/rules/${id}.md in the tnote package.` : '';
  return {
    id,
    name: id,
    shortDescription: { text: description },
    ...(helpUri ? { helpUri } : {}),
    help: { text: description + see, markdown: doc ? absoluteLinks(doc, helpUri) : description + (helpUri ? ` See [${id}](${helpUri}).` : '') },
    defaultConfiguration: { level: level(meta?.defaultSeverity ?? 'error') },
    properties: { tags: meta ? [...meta.tags, meta.kind] : ['configuration'] },
  };
}

const RESULTS = '\u2063results\u2063';

/** SARIF results written file by file; the rules list comes first, from the summary. */
export function sarifWriter(options: SarifOptions): ReportWriter {
  let index = new Map<string, number>();
  let open = '';
  let close: string[] = [];
  // The last result written out is held back until it is known whether a comma follows it.
  let last: string | undefined;
  return {
    head(summary) {
      const ids = [...summary.byRule.keys()].sort();
      index = new Map(ids.map((id, i) => [id, i]));
      const home = repositoryWebUrl();
      const log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'tnote', semanticVersion: options.version, ...(home ? { informationUri: home } : {}), rules: ids.map(ruleDescriptor) } },
            originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(options.cwd).href.replace(/\/?$/, '/') } },
            columnKind: 'utf16CodeUnits',
            results: [RESULTS],
          },
        ],
      };
      // Everything but the results, split where they go: `"results": [` is written with the first one.
      const lines = JSON.stringify(log, null, 2).split('\n');
      const at = lines.findIndex((l) => l.includes(JSON.stringify(RESULTS)));
      open = lines[at - 1];
      close = lines.slice(at + 1);
      return lines.slice(0, at - 1);
    },
    file(_file, rows) {
      const out: string[] = [];
      for (const r of rows) {
        out.push(last === undefined ? open : last + ',');
        last = JSON.stringify(
          {
            ruleId: r.rule,
            ruleIndex: index.get(r.rule),
            level: level(r.severity),
            message: { text: r.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifactLocation(r.file),
                  region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
                },
              },
            ],
          },
          null,
          2,
        ).replace(/^/gm, '        ');
      }
      return out;
    },
    // No results: `"results": []`, as JSON.stringify writes an empty array.
    tail: () => (last === undefined ? [open + ']', ...close.slice(1)] : [last, ...close]),
  };
}

export function formatSarif(report: Report, options: SarifOptions): string {
  return writeWhole(report, sarifWriter(options));
}
