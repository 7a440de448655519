/**
 * Common YAML slips in the front matter (rules.md v2 §G, `front-matter-shape`), found from the
 * text: several diagnoses written without list brackets, a value with `: ` inside that needs
 * quotes, and tabs used for indentation. `front-matter-shape` reports them with a message that
 * names the slip and a fix that keeps every character the user typed; `front-matter-invalid`
 * leaves the YAML error a slip causes to it, so the user sees one message, not two.
 */
import { Scalar, type Node } from 'yaml';
import { isScalar, parseDocument } from '../../yaml';
import { perNote, type Note } from '../../parse/note';
import type { Range, TextEdit } from '../../types';
import { insertAt, replace } from '../../edit';

export type SlipKind = 'diagnoses-without-brackets' | 'colon-in-value' | 'tab-indentation';

export interface Slip {
  kind: SlipKind;
  /** Where the finding goes. */
  range: Range;
  /** First and last line (0-based) the slip covers; a YAML error on these lines is the slip's. */
  lines: [number, number];
  message: string;
  /** The fix; `safe` only when it follows from what was typed (and, for tabs, the result reads as YAML). */
  fix?: { title: string; kind: 'safe' | 'choice'; edits: TextEdit[] };
}

/** A token that is an attempt at an ICD-10-CM code: a letter, a digit, then letters, digits and dots. */
const CODE_TOKEN = /^[A-Za-z]\d[0-9A-Za-z]*(?:\.[0-9A-Za-z]*)?$/;

/**
 * The codes of a `diagnoses` value written as one plain text instead of a list, with their
 * offsets in `text`: two or more code-shaped tokens separated by commas, semicolons or blanks
 * (`M21.371, I69.351`). Undefined when the text is not such a list.
 */
export function listedDiagnosisCodes(text: string): { code: string; start: number; end: number }[] | undefined {
  if (!/[,;\s]/.test(text.trim())) return undefined;
  const out: { code: string; start: number; end: number }[] = [];
  const re = /[^,;\s]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!CODE_TOKEN.test(m[0])) return undefined;
    out.push({ code: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out.length >= 2 ? out : undefined;
}

/** The slips of a note's front matter, in line order (computed once per parsed note). */
export function frontMatterSlips(note: Note): Slip[] {
  return perNote(note, frontMatterSlips, findSlips);
}

function findSlips(note: Note): Slip[] {
  const fm = note.frontMatter;
  if (!fm) return [];
  const slips: Slip[] = [];
  const diagnoses = diagnosesSlip(note);
  if (diagnoses) slips.push(diagnoses);
  slips.push(...colonSlips(note));
  const tabs = tabSlip(note);
  if (tabs) slips.push(tabs);
  return slips.sort((a, b) => a.lines[0] - b.lines[0]);
}

/** Lines of the front matter's YAML: [line number, text]. */
function yamlLines(note: Note): number[] {
  const fm = note.frontMatter!;
  if (fm.contentRange.end <= fm.contentRange.start) return [];
  const first = note.lines.lineAt(fm.contentRange.start);
  const last = note.lines.lineAt(fm.contentRange.end - 1);
  const out: number[] = [];
  for (let l = first; l <= last; l++) out.push(l);
  return out;
}

function problemLines(note: Note): Set<number> {
  return new Set(note.frontMatter!.problems.map((p) => note.lines.lineAt(p.range.start)));
}

/** `diagnoses: M21.371, I69.351`: a text where a list was meant. */
function diagnosesSlip(note: Note): Slip | undefined {
  const v = note.yamlFacts.entries.get('diagnoses');
  if (!v || v.placeholder || !v.node || !isScalar(v.node) || typeof v.value !== 'string') return undefined;
  const codes = listedDiagnosisCodes(v.value);
  if (!codes) return undefined;
  const type = v.node.type;
  const line = note.lines.lineAt(v.range.start);
  const shown = codes.map((c) => c.code).join(', ');
  const message = `\`diagnoses\` is written as one piece of text, not as a list: write \`diagnoses: [${shown}]\` (square brackets, a comma between codes) so each code goes on the claim on its own.`;
  let fix: Slip['fix'];
  if (type === Scalar.PLAIN) {
    // Brackets around what was typed; a comma after each code that lacks one.
    const src = note.text.slice(v.range.start, v.range.end);
    const found = listedDiagnosisCodes(src);
    if (found && found.length === codes.length) {
      const edits: TextEdit[] = [insertAt(v.range.start, '[')];
      for (let i = 0; i < found.length - 1; i++) {
        const between = src.slice(found[i].end, found[i + 1].start);
        if (between.includes(',')) continue;
        if (between.includes(';')) {
          edits.push(replace({ start: v.range.start + found[i].end + between.indexOf(';'), end: v.range.start + found[i].end + between.indexOf(';') + 1 }, ','));
        } else edits.push(insertAt(v.range.start + found[i].end, ','));
      }
      edits.push(insertAt(v.range.end, ']'));
      const keepsEverything = !src.includes(';');
      fix = { title: `Write diagnoses as a list: [${shown}]`, kind: keepsEverything ? 'safe' : 'choice', edits };
    }
  } else {
    // A quoted text: the quotes go, so the user chooses.
    fix = { title: `Write diagnoses as a list: [${shown}]`, kind: 'choice', edits: [replace(v.range, `[${shown}]`)] };
  }
  return { kind: 'diagnoses-without-brackets', range: v.range, lines: [line, note.lines.lineAt(Math.max(v.range.start, v.range.end - 1))], message, fix };
}

/**
 * A block-mapping line: indent, optional `- `, a plain key (words with single spaces), `:`, blanks,
 * then the value. No two adjacent parts can match the same blanks, so long blank runs stay linear.
 */
const KEY_LINE = /^([ \t]*(?:-[ \t]+)?)([A-Za-z_][\w.-]*(?: [\w.-]+)*)[ \t]*:([ \t]+)(\S.*)?$/;

/** `provider: A. Rivera: PT`: a plain value with `: ` inside, which YAML reads as a second key. */
function colonSlips(note: Note): Slip[] {
  const out: Slip[] = [];
  const errors = problemLines(note);
  // A slip is reported only on a line YAML stumbled on: none, nothing to look for.
  if (errors.size === 0) return out;
  let blockIndent = -1;
  for (const l of yamlLines(note)) {
    const text = note.lines.lineText(l);
    const indent = /^[ \t]*/.exec(text)![0].length;
    // Lines of a block scalar (`key: |`) are text, not keys.
    if (blockIndent >= 0) {
      if (text.trim() === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (!text.includes(':')) continue;
    const m = KEY_LINE.exec(text);
    if (!m) continue;
    const raw = m[4] ?? '';
    if (/^[|>][-+0-9]*[ \t]*(?:#.*)?$/.test(raw)) {
      blockIndent = indent;
      continue;
    }
    if (!errors.has(l)) continue;
    // The value without a trailing comment; only plain values (not quoted, not a list or mapping).
    const hash = raw.search(/[ \t]#/);
    const value = (hash >= 0 ? raw.slice(0, hash) : raw).trimEnd();
    if (!value || /^["'[{&*!|>%@`]/.test(value)) continue;
    if (!/:[ \t]/.test(value)) continue;
    const start = note.lines.lineStarts[l] + m[1].length + m[2].length + text.slice(m[1].length + m[2].length).indexOf(':') + 1 + m[3].length;
    const range = { start, end: start + value.length };
    const key = m[2].trim();
    const quote = !value.includes('"') && !value.includes('\\') ? '"' : !value.includes("'") ? "'" : undefined;
    out.push({
      kind: 'colon-in-value',
      range,
      lines: [l, l],
      message: `The value of \`${key}\` contains ": ", which YAML reads as the start of another key: put the value in quotes (\`${key}: "${value}"\`).`,
      fix: quote ? { title: `Put the value of ${key} in quotes`, kind: 'safe', edits: [insertAt(range.start, quote), insertAt(range.end, quote)] } : undefined,
    });
  }
  return out;
}

/** Leading tabs: YAML allows only spaces for indentation. One slip for the whole block. */
function tabSlip(note: Note): Slip | undefined {
  const fm = note.frontMatter!;
  // Tabs are a slip only where YAML stumbled: without a problem, nothing to look for.
  if (fm.problems.length === 0) return undefined;
  const lines = yamlLines(note).filter((l) => /^[ \t]*\t/.test(note.lines.lineText(l)) && note.lines.lineText(l).trim() !== '');
  if (lines.length === 0 || fm.problems.length === 0) return undefined;
  const errors = problemLines(note);
  const firstError = Math.min(...errors);
  // The tabs are the slip only when YAML stumbles on or after the first tab-indented line.
  if (firstError < lines[0]) return undefined;
  const widths = [2, 4, 8];
  const expand = (width: number): TextEdit[] =>
    lines.map((l) => {
      const start = note.lines.lineStarts[l];
      const lead = /^[ \t]*/.exec(note.lines.lineText(l))![0];
      let col = 0;
      for (const ch of lead) col = ch === '\t' ? (Math.floor(col / width) + 1) * width : col + 1;
      return replace({ start, end: start + lead.length }, ' '.repeat(col));
    });
  let chosen: { width: number; edits: TextEdit[]; clean: boolean } | undefined;
  for (const w of widths) {
    const edits = expand(w);
    if (parsesCleanly(note, edits)) {
      chosen = { width: w, edits, clean: true };
      break;
    }
  }
  chosen ??= { width: 2, edits: expand(2), clean: false };
  const first = lines[0];
  const count = lines.length;
  const tabStart = note.lines.lineStarts[first];
  const lead = /^[ \t]*/.exec(note.lines.lineText(first))![0];
  return {
    kind: 'tab-indentation',
    range: { start: tabStart, end: tabStart + lead.length },
    lines: [first, lines[count - 1]],
    message:
      `${count === 1 ? `Line ${first + 1} is` : `${count} lines (from line ${first + 1}) are`} indented with tabs: YAML allows only spaces for indentation, ` +
      'so the front matter cannot be read. Indent with spaces.',
    fix: { title: `Replace the indenting tabs with spaces (${chosen.width} per tab)`, kind: chosen.clean ? 'safe' : 'choice', edits: chosen.edits },
  };
}

/** Whether the front matter reads without a YAML error once `edits` are applied. */
function parsesCleanly(note: Note, edits: readonly TextEdit[]): boolean {
  const fm = note.frontMatter!;
  const base = fm.contentRange.start;
  let yaml = note.text.slice(base, fm.contentRange.end);
  for (const e of [...edits].sort((a, b) => b.start - a.start)) yaml = yaml.slice(0, e.start - base) + e.newText + yaml.slice(e.end - base);
  // Placeholders are masked as plain text, as the front-matter parser does.
  yaml = yaml.replace(/\{\{[^{}\n]*\}\}|\$\{[^}\n]*\}/g, (p) => p.replace(/[^A-Za-z0-9 ]/g, '_'));
  const doc = parseDocument(yaml, { uniqueKeys: true, prettyErrors: false, strict: true });
  return doc.errors.length === 0 && ((doc.contents as Node | null) === null || (doc.contents as { items?: unknown }).items !== undefined);
}

/** Whether a YAML problem on `line` is explained by a slip (front-matter-invalid then stays silent about it). */
export function slipExplainsLine(note: Note, line: number): boolean {
  return frontMatterSlips(note).some((s) => s.kind !== 'diagnoses-without-brackets' && s.lines[0] <= line);
}
