import type { Node } from 'yaml';
import { isMap, isScalar, isSeq } from '../../yaml';
import { nodeRange, pairsOf } from '../../parse/frontMatter';
import type { Note } from '../../parse/note';
import type { Range } from '../../types';
import type { NoteRule, RuleReport } from '../types';
import { slipExplainsLine } from './frontMatterSlips';

/** Plain-words explanations of the yaml package's error codes; others keep the parser's words. */
const EXPLAIN: Record<string, string> = {
  BAD_INDENT: 'the indentation is off: align keys of the same level and indent list items under their key',
  TAB_AS_INDENT: 'a tab is used for indentation: indent with spaces',
  MULTILINE_IMPLICIT_KEY: 'a line is neither `key: value` nor a list item (is a colon missing?)',
  BLOCK_AS_IMPLICIT_KEY: 'a nested value is indented under a key that already has a value',
  MISSING_CHAR: 'a quote or bracket is not closed',
  BAD_DQ_ESCAPE: 'a backslash escape inside double quotes is not valid',
  BAD_SCALAR_START: 'a value starts with a character YAML reserves (quote the value)',
  UNEXPECTED_TOKEN: 'there is text YAML cannot read here',
  BLOCK_IN_FLOW: 'a block list or mapping is written inside `[ ]` or `{ }`',
  BAD_ALIAS: 'an alias (`*name`) refers to no anchor',
  MULTIPLE_DOCS: 'the block contains a `---` or `...` document marker',
  KEY_OVER_1024_CHARS: 'a key is too long',
  NON_STRING_KEY: 'a key is not plain text',
};

function explain(code: string, message: string): string {
  const bracket = /end with an? ([\]}])/.exec(message);
  if (bracket) return `a \`${bracket[1] === ']' ? '[' : '{'}\` list is not closed with \`${bracket[1]}\``;
  return EXPLAIN[code] ?? message.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase());
}

function keyText(note: Note, at: number): string {
  const m = /^["']?([^"':\n]+)/.exec(note.text.slice(at, note.lines.lineContentEnd(note.lines.lineAt(at))));
  return m ? m[1].trim() : '';
}

/** note-format.md §1: the front matter is a YAML mapping between two `---` lines. */
export const frontMatterInvalid: NoteRule = {
  id: 'front-matter-invalid',
  description: 'The front matter is not valid YAML, is never closed, repeats a key, or is not a `key: value` mapping.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['structure'],
  references: ['SRC-CMS-BPM-CH15', 'SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    const fm = note.frontMatter;
    if (!fm) return;
    if (!fm.closed) {
      report({
        range: fm.openRange,
        message: 'The front matter is never closed: add a line with only `---` after its last key, before the note body.',
      });
    }
    // A block that is never closed and runs to the end of the note swallows the body: its YAML
    // errors are a consequence of the missing `---`, not problems of their own.
    const swallowedBody = !fm.closed && fm.contentRange.end >= note.text.length;
    const seen = new Set<string>();
    let syntaxReported = false;
    for (const p of swallowedBody ? [] : fm.problems) {
      const where = `${p.range.start}:${p.code}`;
      if (seen.has(where)) continue;
      seen.add(where);
      if (p.code === 'DUPLICATE_KEY') {
        const key = keyText(note, p.range.start);
        report({ range: keyRange(note, p.range), message: `The front-matter key \`${key}\` appears more than once: keep one and delete the other.` });
        continue;
      }
      // One syntax error at a time: later ones are usually knock-on effects of the first.
      if (syntaxReported) continue;
      syntaxReported = true;
      // A common slip (tabs, a value needing quotes) is reported by front-matter-shape with its fix.
      if (slipExplainsLine(note, note.lines.lineAt(p.range.start))) continue;
      // On the line where the parser stopped (its range may run on into the next key).
      report({
        range: firstLine(note, p.range),
        message: `The front matter is not valid YAML: ${explain(p.code, p.message)}. Fix this first: the billing facts cannot be checked until the block reads cleanly.`,
      });
    }
    // Keys repeated with different capitals (`Date` and `date`): YAML accepts them, the checker reads only the first.
    const contents = fm.doc.contents as Node | null;
    const maps: Node[] = [];
    if (contents && isMap(contents)) {
      maps.push(contents);
      for (const pair of pairsOf(contents)) {
        const k = pair.key as Node | null;
        if (k && isScalar(k) && String(k.value).trim().toLowerCase() === 'charges' && pair.value && isSeq(pair.value)) {
          for (const item of (pair.value as { items: unknown[] }).items) if (item && isMap(item as Node)) maps.push(item as Node);
        }
      }
    }
    for (const map of maps) reportCaseDuplicates(note, map, report);
    if (fm.isMapping) return;
    if (fm.problems.length || swallowedBody) return;
    report({
      range: firstLine(note, nodeRange(contents, fm.contentRange.start, fm.contentRange.start)),
      message: 'The front matter is not a list of `key: value` lines: write one fact per line, e.g. `date: 2026-11-20`.',
    });
  },
};

function reportCaseDuplicates(note: Note, map: Node, report: (r: RuleReport) => void): void {
  const first = new Map<string, string>();
  const base = note.frontMatter!.contentRange.start;
  for (const pair of pairsOf(map)) {
    const k = pair.key as Node | null;
    if (!k || !isScalar(k)) continue;
    const raw = String(k.value ?? '').trim();
    const lower = raw.toLowerCase();
    const prior = first.get(lower);
    if (prior === undefined) {
      first.set(lower, raw);
      continue;
    }
    if (prior === raw) continue; // exact repeats are reported by the YAML parser
    report({ range: nodeRange(k, base, base), message: `The front-matter key \`${lower}\` appears more than once (keys ignore capitals): keep one and delete the other.` });
  }
}

function keyRange(note: Note, r: Range): Range {
  const end = note.lines.lineContentEnd(note.lines.lineAt(r.start));
  const colon = note.text.indexOf(':', r.start);
  return { start: r.start, end: colon !== -1 && colon < end ? colon : Math.max(r.end, r.start) };
}

function firstLine(note: Note, r: Range): Range {
  const end = note.lines.lineContentEnd(note.lines.lineAt(r.start));
  return { start: r.start, end: Math.min(Math.max(r.end, r.start), end) };
}
