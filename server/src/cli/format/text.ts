/**
 * The text report: findings grouped by file, one short row each (`line:col severity message
 * rule`), then the findings per rule and a one-line total.
 *
 *     notes/a.tnote
 *       10:11  error    Charge line 97760 has no discipline modifier …  missing-discipline-modifier
 *
 *     Findings by rule
 *       missing-discipline-modifier  1 error
 *
 *     1 error, 0 warnings, 0 infos in 2 files checked (1 fixable with --fix)
 *
 * A long message is shortened (at a word, with "…") so a row fits the terminal, or 100
 * characters when the output is not a terminal; `--format json` has the full text. File names and
 * messages have their control characters escaped (format/escape.ts).
 */
import { plural, rankRules, SEVERITIES, type Counts, type Report } from '../report';
import { writeWhole, type ReportWriter } from './writer';
import { escapeControls } from './escape';

export interface TextOptions {
  color: boolean;
  /** Terminal width in columns; undefined when the output is not a terminal. */
  columns?: number;
}

/** Longest message shown when the output is not a terminal. */
export const MAX_MESSAGE = 100;
/** A row never gives its message less room than this, however narrow the terminal. */
const MIN_MESSAGE = 30;

const STYLE = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', file: '\x1b[4m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** `s` cut to at most `max` characters, at a word boundary when one is near, ending with "…". */
export function shorten(s: string, max: number): string {
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return (space >= max / 2 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

const width = (s: string) => Array.from(s).length;

/** The text report, file by file (see the module comment). */
export function textWriter(options: TextOptions): ReportWriter {
  const c = (k: keyof typeof STYLE, s: string) => (options.color ? STYLE[k] + s + STYLE.reset : s);
  return {
    head: () => [],
    file(file, rows) {
      if (rows.length === 0) return [];
      const out: string[] = [];
      const pos = rows.map((r) => `${r.line}:${r.column}`);
      const posWidth = Math.max(...pos.map(width));
      const ruleWidth = Math.max(...rows.map((r) => width(r.rule)));
      // Room for the message: the terminal's width less the other columns, else a fixed limit.
      const room = options.columns ? Math.max(MIN_MESSAGE, options.columns - (2 + posWidth + 2 + 7 + 2 + 2 + ruleWidth)) : MAX_MESSAGE;
      const messages = rows.map((r) => shorten(escapeControls(r.message), room));
      const messageWidth = Math.max(...messages.map(width));
      out.push(c('file', escapeControls(file)));
      rows.forEach((r, i) => {
        const message = messages[i] + ' '.repeat(messageWidth - width(messages[i]));
        out.push(`  ${c('dim', pos[i].padEnd(posWidth))}  ${c(r.severity, r.severity.padEnd(7))}  ${message}  ${c('dim', r.rule)}`);
      });
      out.push('');
      return out;
    },
    tail(summary) {
      const out: string[] = [];
      const { counts, quiet } = summary;
      if (counts.error + counts.warning + counts.info > 0) {
        out.push(c('bold', 'Findings by rule'));
        const rules = rankRules(summary.byRule);
        const ruleWidth = Math.max(...rules.map((r) => width(r.rule)));
        for (const { rule, counts: n } of rules) out.push(`  ${rule.padEnd(ruleWidth)}  ${countsText(n, quiet, false)}`);
        out.push('');
      }
      const total = `${countsText(counts, quiet, true)} in ${plural(summary.files, 'file')} checked`;
      const style = counts.error ? 'error' : counts.warning ? 'warning' : 'bold';
      out.push(c(style, total) + (summary.fixable ? ` (${summary.fixable} fixable with --fix)` : '') + (quiet ? ' (--quiet: warnings and infos not shown)' : ''));
      return out;
    },
  };
}

export function formatText(report: Report, options: TextOptions): string {
  return writeWhole(report, textWriter(options));
}

/** "2 errors, 1 warning" — every severity for the total line, only those found for a rule. */
function countsText(counts: Counts, quiet: boolean, all: boolean): string {
  return SEVERITIES.filter((s) => (quiet ? s === 'error' : all || counts[s] > 0))
    .map((s) => plural(counts[s], s))
    .join(', ');
}
