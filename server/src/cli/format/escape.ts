/**
 * Escaping for text that goes to a terminal or a CI log. A file name (or a message quoting a note)
 * may hold control characters: ESC would start a colour or cursor sequence, BEL rings, CR and LF
 * start a new row that could pass for a finding, and the bidirectional controls reorder what is
 * shown. Each becomes a visible escape (`\x1b`, `\n`, `\u202e`), so what is printed is what the
 * name holds, on one line.
 */

/** C0 controls, DEL, C1 controls, line and paragraph separators, bidi marks, overrides and isolates. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A byte of a file name that is not UTF-8, as the CLI's file access keeps it (node/nodeFs.ts `nativePath`). */
const NAME_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/g;

/** `s` with every control character, and every byte of a name that is not UTF-8, written as an escape (see the module comment). */
export function escapeControls(s: string): string {
  return s.replace(UNSAFE, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`)).replace(NAME_BYTE, (c) => `\\x${(c.charCodeAt(0) - 0xdc00).toString(16)}`);
}

function hex(c: string, width: number): string {
  return c.charCodeAt(0).toString(16).padStart(width, '0');
}
