import type { Range } from '../types';
import type { LineIndex } from '../text';

/** HTML comments `<!-- ... -->`; an unterminated one runs to the end of the text. */
export function findHtmlComments(text: string, from: number): Range[] {
  const out: Range[] = [];
  let i = text.indexOf('<!--', from);
  while (i !== -1) {
    const close = text.indexOf('-->', i + 4);
    const end = close === -1 ? text.length : close + 3;
    out.push({ start: i, end });
    i = text.indexOf('<!--', end);
  }
  return out;
}

/** Copy of `text` with the given ranges blanked out (line breaks kept, so offsets stay valid). */
export function maskRanges(text: string, ranges: Range[]): string {
  if (ranges.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const r of ranges) {
    out += text.slice(pos, r.start) + text.slice(r.start, r.end).replace(/[^\r\n]/g, ' ');
    pos = r.end;
  }
  return out + text.slice(pos);
}

export interface Placeholder extends Range {
  label: string;
}

// Labels are bounded (300 characters): unbounded, a line of many `${1:` without `}` rescans to its end from each one (quadratic).
const PLACEHOLDER = /\$\{\d+(?::([^}\n]{0,300}))?\}|\$\{([A-Za-z_][^}\n]{0,300})\}|\{\{([^{}\n]{0,300})\}\}/g;

/** Template placeholders `${1:label}`, `${label}`, `{{label}}` in an already comment-masked text. */
export function findPlaceholders(masked: string, from = 0, to = masked.length): Placeholder[] {
  const out: Placeholder[] = [];
  // Every placeholder has `${` or `{{`: most notes have neither, and a search for them is cheaper
  // than the pattern (which would otherwise scan on past `to`).
  if (!mayHavePlaceholder(masked, from)) return out;
  PLACEHOLDER.lastIndex = from;
  for (let m = PLACEHOLDER.exec(masked); m && m.index < to; m = PLACEHOLDER.exec(masked)) {
    out.push({ start: m.index, end: m.index + m[0].length, label: (m[1] ?? m[2] ?? m[3] ?? '').trim() });
  }
  return out;
}

/** False when `text` (from `from` on) has neither `${` nor `{{`, so holds no placeholder. */
function mayHavePlaceholder(text: string, from = 0): boolean {
  return text.indexOf('${', from) !== -1 || text.indexOf('{{', from) !== -1;
}

export function containsPlaceholder(value: string): boolean {
  if (!mayHavePlaceholder(value)) return false;
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(value);
}

/** Inline rule controls: `tnote-disable`, `tnote-enable`, `tnote-disable-next-line`, each with optional rule ids. */
export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
  directives: SuppressionDirective[];
}

export interface SuppressionDirective {
  kind: 'disable' | 'enable' | 'disable-next-line';
  /** Empty = every rule. */
  ruleIds: string[];
  range: Range;
  /** The line the directive takes effect from (next line for disable-next-line). */
  line: number;
}

const DIRECTIVE = /tnote-(disable-next-line|disable|enable)\b([^\n>]*)/g;

function parseIds(s: string): string[] {
  return s
    .replace(/--\s*$/, '')
    .split(/[\s,]+/)
    .map((x) => x.trim().toLowerCase())
    .filter((x) => /^[a-z0-9-]+$/.test(x));
}

/**
 * Collects directives from HTML comments (body) and YAML comments (`# tnote-…`, front matter).
 * A `disable` region runs from its comment's line to the matching `enable`'s line (or the end).
 */
export function buildSuppressions(text: string, lines: LineIndex, comments: Range[], yamlCommentRanges: Range[]): Suppressions {
  const directives: SuppressionDirective[] = [];
  for (const c of [...yamlCommentRanges, ...comments]) {
    const body = text.slice(c.start, c.end);
    DIRECTIVE.lastIndex = 0;
    for (let m = DIRECTIVE.exec(body); m; m = DIRECTIVE.exec(body)) {
      const kind = m[1] as SuppressionDirective['kind'];
      const at = c.start + m.index;
      const line = kind === 'disable-next-line' ? lines.lineAt(c.end) + 1 : lines.lineAt(at);
      directives.push({ kind, ruleIds: parseIds(m[2]), range: { start: at, end: at + m[0].length }, line });
    }
  }
  directives.sort((a, b) => a.range.start - b.range.start);
  if (directives.length === 0) return { directives, isSuppressed: () => false };
  return {
    directives,
    isSuppressed(ruleId: string, line: number): boolean {
      let disabled = false;
      for (const d of directives) {
        const applies = d.ruleIds.length === 0 || d.ruleIds.includes(ruleId);
        if (!applies) continue;
        if (d.kind === 'disable-next-line') {
          if (d.line === line) return true;
          continue;
        }
        if (d.line > line) break;
        disabled = d.kind === 'disable';
      }
      return disabled;
    },
  };
}
