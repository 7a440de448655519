/** Offset ranges (engine) → LSP line/character ranges, UTF-16 throughout. */
import type { Range as LspRange } from 'vscode-languageserver';
import type { PositionMap, Range } from '../engine';

export function toLspRange(lines: PositionMap, range: Range): LspRange {
  return { start: lines.positionAt(range.start), end: lines.positionAt(range.end) };
}

export function contains(range: Range, offset: number): boolean {
  return range.start <= offset && offset <= range.end;
}

/** The single edit turning `before` into `after`: the changed middle between common prefix and suffix. */
export function minimalEdit(before: string, after: string): { start: number; end: number; newText: string } | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  // Never split a surrogate pair or a CRLF.
  while (prefix > 0 && (isLowSurrogate(before.charCodeAt(prefix)) || (before.charCodeAt(prefix) === 10 && before.charCodeAt(prefix - 1) === 13))) prefix--;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
