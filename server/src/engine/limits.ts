/**
 * Input limits and input sanity checks: the engine's own checks of a text as input, applied by
 * {@link lintText} before and after parsing. They always run (they protect the parser), whatever
 * rules a caller chose; what they find are {@link InputProblem}s carrying the id of an
 * input-scoped rule (`rules/limits/`), which holds the metadata, severity and docs of that id.
 *
 * A real note is a few kilobytes (well under 50 KB and a few hundred lines). The engine is linear
 * in the size of the text, but an unbounded input (a pasted log, a binary file opened as text)
 * would still make the editor sluggish and flood it with findings. So:
 * - a note over {@link DEFAULT_LIMITS.maxChars} characters or {@link DEFAULT_LIMITS.maxLines} lines
 *   is not checked at all: one `note-too-large` finding says so (checking only a part would report
 *   sections and signatures beyond the cut as missing, which is worse than saying nothing);
 * - a line longer than {@link DEFAULT_LIMITS.maxLineChars} is scanned only up to that length, and
 *   an info finding says so;
 * - a text that looks binary (over 10% NULs, control or U+FFFD characters near its start) is not checked:
 *   one `invalid-characters` error says so;
 * - stray control characters, U+FFFD replacement characters (the trace of invalid UTF-8) and
 *   unpaired surrogates in an otherwise normal note are reported where they are.
 *
 * Measured with the bundled engine (Node 20): a 2 MB note of realistic text checks in ~20 ms, and
 * the worst shapes found by the robustness tests (100,000 front-matter keys, 20,000 charge lines,
 * thousands of unknown sections) stay well under 1 s at these limits.
 */
import type { LineIndex } from './text';
import type { Range } from './types';

export interface Limits {
  /** Longest note (UTF-16 code units, ≈ bytes for ASCII text) that is checked. */
  maxChars: number;
  /** Most lines a checked note may have. */
  maxLines: number;
  /** Lines longer than this are scanned only up to this many characters. */
  maxLineChars: number;
  /** How many characters from the start decide whether a text is binary. */
  binarySniffChars: number;
  /** Most `invalid-characters` findings reported for one note (one per line). */
  maxCharFindings: number;
  /** Deepest front-matter nesting handed to the YAML parser (it recurses once per level). */
  maxYamlDepth: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxChars: 2_000_000,
  maxLines: 20_000,
  maxLineChars: 10_000,
  binarySniffChars: 8_000,
  maxCharFindings: 20,
  maxYamlDepth: 100,
});

/**
 * An upper estimate of how deeply a YAML text nests: flow brackets (`[`, `{`, quotes ignored) plus
 * block levels (increasing indentation, and each `- `/`? ` on a line's lead). Real front matter
 * nests 3–4 levels; the YAML parser recurses per level and, thousands deep, can exhaust the stack
 * (in a worker thread V8 may even abort the process), so deeper text is not parsed.
 */
export function yamlNestingDepth(yaml: string): number {
  let flow = 0;
  let max = 0;
  const indents: number[] = [];
  let lineStart = true;
  let lead = 0;
  let dashes = 0;
  for (let i = 0; i < yaml.length; i++) {
    const c = yaml.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      lead = 0;
      dashes = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32) {
        lead++;
        continue;
      }
      if ((c === 45 || c === 63) && (i + 1 >= yaml.length || yaml.charCodeAt(i + 1) === 32 || yaml.charCodeAt(i + 1) === 10)) {
        dashes++;
        lead++;
        continue;
      }
      lineStart = false;
      if (c !== 13 && c !== 35) {
        while (indents.length && indents[indents.length - 1] >= lead) indents.pop();
        indents.push(lead);
        max = Math.max(max, indents.length + dashes + flow);
      }
    }
    if (c === 91 || c === 123) max = Math.max(max, ++flow + indents.length);
    else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  return max;
}

/** Lines longer than this are scanned only up to here (parse/body.ts uses it per line). */
export const MAX_SCAN_LINE_CHARS = DEFAULT_LIMITS.maxLineChars;

/** A problem with the text as input; `ruleId` names the input-scoped rule it is reported as. */
export interface InputProblem {
  ruleId: 'note-too-large' | 'invalid-characters';
  range: Range;
  message: string;
  severity: 'error' | 'warning' | 'info';
}

export interface Precheck {
  /** True when the note must not be parsed or checked further. */
  skip: boolean;
  problems: InputProblem[];
}

function formatSize(chars: number): string {
  if (chars >= 1_000_000) return `${(chars / 1_000_000).toFixed(1)} MB`;
  if (chars >= 1_000) return `${Math.round(chars / 1_000)} KB`;
  return `${chars} characters`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Range of the first line's content (never past the text, capped so editors draw it cheaply). */
export function firstLineRange(text: string): Range {
  const nl = text.indexOf('\n');
  let end = nl === -1 ? text.length : nl;
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  return { start: 0, end: Math.min(end, 200) };
}

// C0 controls other than tab, line feed and carriage return; a carriage return without a line
// feed; U+FFFD; unpaired surrogates.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const STRAY = /[\0-\x08\v\f\x0e-\x1f\ufffd]|\r(?!\n)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Any character STRAY could match (a cheap test that skips the full scan for almost every note).
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const MAYBE_STRAY = /[\0-\x08\v\f\x0e-\x1f\r\ufffd\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\0-\x08\v\f\x0e-\x1f]/g;
// Any character looksBinary counts: one scan decides for almost every note.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const MAYBE_BINARY = /[\0-\x08\v\f\x0e-\x1f\ufffd]/;

/** True when the start of the text looks like a binary file rather than text. */
export function looksBinary(text: string, limits: Limits = DEFAULT_LIMITS): boolean {
  const head = text.slice(0, limits.binarySniffChars);
  if (head.length === 0 || !MAYBE_BINARY.test(head)) return false;
  // Text saved as UTF-16 is about half NULs; a binary file opened as text is full of controls and
  // U+FFFD. A stray NUL or two in a real note is reported where it is instead.
  const controls = (head.match(CONTROL) ?? []).length;
  let replacements = 0;
  for (let i = head.indexOf('\ufffd'); i !== -1; i = head.indexOf('\ufffd', i + 1)) replacements++;
  return (controls + replacements) / head.length > 0.1;
}

/**
 * Checks that run before parsing: binary content and overall size. When `skip` is set the caller
 * must not parse the note; the problems say why.
 */
export function precheck(text: string, lines: LineIndex, limits: Limits = DEFAULT_LIMITS): Precheck {
  if (looksBinary(text, limits)) {
    return {
      skip: true,
      problems: [
        {
          ruleId: 'invalid-characters',
          range: firstLineRange(text),
          severity: 'error',
          message:
            'This file looks binary, not a text note: it contains NUL bytes or many control characters near its start (was it saved as UTF-16, or is it not a note?). It was not checked. Save the note as UTF-8 text.',
        },
      ],
    };
  }
  if (text.length > limits.maxChars || lines.lineCount > limits.maxLines) {
    const what = text.length > limits.maxChars ? `${formatSize(text.length)} (${count(text.length)} characters)` : `${count(lines.lineCount)} lines long`;
    return {
      skip: true,
      problems: [
        {
          ruleId: 'note-too-large',
          range: firstLineRange(text),
          severity: 'warning',
          message: `This note is too large to check: it is ${what}, and notes over ${formatSize(limits.maxChars)} or ${count(limits.maxLines)} lines are not checked at all (checking only a part would report everything after the cut as missing). Nothing else in it was checked. A real note is a few kilobytes: remove pasted content or split it into one note per date of service.`,
        },
      ],
    };
  }
  return { skip: false, problems: [] };
}

/** Checks on a note within the limits: over-long lines and stray characters, one finding per line. */
export function scanCharacters(text: string, lines: LineIndex, limits: Limits = DEFAULT_LIMITS): InputProblem[] {
  const out: InputProblem[] = [];
  for (let l = 0; l < lines.lineCount; l++) {
    const start = lines.lineStarts[l];
    const end = lines.lineContentEnd(l);
    if (end - start > limits.maxLineChars) {
      out.push({
        ruleId: 'note-too-large',
        range: { start: start + limits.maxLineChars, end },
        severity: 'info',
        message: `Line ${count(l + 1)} is ${count(end - start)} characters long; only its first ${count(limits.maxLineChars)} characters are checked. Break it into shorter lines.`,
      });
    }
  }
  if (!MAYBE_STRAY.test(text)) return out;
  let lastLine = -1;
  let found = 0;
  STRAY.lastIndex = 0;
  for (let m = STRAY.exec(text); m; m = STRAY.exec(text)) {
    const line = lines.lineAt(m.index);
    if (line === lastLine) continue;
    lastLine = line;
    if (++found > limits.maxCharFindings) break;
    out.push({ ruleId: 'invalid-characters', range: { start: m.index, end: m.index + m[0].length }, severity: 'warning', message: describeStray(m[0]) });
  }
  return out;
}

function describeStray(ch: string): string {
  const code = ch.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const tail = 'Delete it or retype the text around it: EMR text boxes may drop it or cut the note here.';
  if (code === 13)
    return 'This line contains a carriage return without a line feed (an old Mac line break): editors show a line break here, the checker does not. Save the note with LF or CRLF line breaks.';
  if (code === 0) return `This line contains a NUL character (U+0000), which does not belong in a text note. ${tail}`;
  if (code === 0xfffd) return `This line contains a replacement character (U+FFFD): text here was not valid UTF-8 and was lost when the file was read. Retype the text around it.`;
  if (code >= 0xd800 && code <= 0xdfff) return `This line contains a broken character (an unpaired UTF-16 surrogate, ${hex}) that cannot be saved as UTF-8. ${tail}`;
  return `This line contains an invisible control character (${hex}). ${tail}`;
}
