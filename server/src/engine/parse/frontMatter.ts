import type { Document, Node, Pair } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from '../yaml';
import { fastParseDocument } from './fastYaml';
import type { Range } from '../types';
import type { LineIndex } from '../text';
import type { Placeholder } from './comments';
import { DEFAULT_LIMITS, yamlNestingDepth } from '../limits';

export interface YamlProblem {
  message: string;
  range: Range;
  code: string;
}

export interface FrontMatterBlock {
  /** The opening `---` line (content only). */
  openRange: Range;
  /** The closing `---` line (content only); absent when the block is never closed. */
  closeRange?: Range;
  /** The YAML text between the delimiter lines. */
  contentRange: Range;
  closed: boolean;
  /** Where the body starts (after the closing line's break). */
  bodyStart: number;
  doc: Document.Parsed;
  problems: YamlProblem[];
  /** Offsets of `#` comments inside the YAML (used for suppression directives). */
  yamlComments: Range[];
  isMapping: boolean;
}

const DELIMITER = /^---[ \t]*$/;
const HEADING = /^ {0,3}#{1,2}[ \t]+\S/;

/**
 * Finds and parses the front matter: it opens at line 1 with `---` (after an optional BOM) and
 * closes with the next line that is exactly `---`. An unclosed block is taken to run to the first
 * Markdown heading, so the body is still checked.
 */
export function parseFrontMatter(text: string, lines: LineIndex, placeholders: (from: number, to: number) => Placeholder[]): FrontMatterBlock | undefined {
  if (lines.lineCount === 0) return undefined;
  const firstLine = lines.lineText(0).replace(/^\uFEFF/, '');
  if (!DELIMITER.test(firstLine)) return undefined;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const openRange = { start: bom, end: bom + 3 };
  let closeLine = -1;
  let headingLine = -1;
  for (let l = 1; l < lines.lineCount; l++) {
    const t = lines.lineText(l);
    if (DELIMITER.test(t)) {
      closeLine = l;
      break;
    }
    if (headingLine === -1 && HEADING.test(t)) headingLine = l;
  }
  const contentStart = lines.lineEndWithBreak(0);
  let contentEnd: number;
  let bodyStart: number;
  let closeRange: Range | undefined;
  if (closeLine !== -1) {
    contentEnd = lines.lineStarts[closeLine];
    closeRange = { start: lines.lineStarts[closeLine], end: lines.lineStarts[closeLine] + 3 };
    bodyStart = lines.lineEndWithBreak(closeLine);
  } else if (headingLine !== -1) {
    contentEnd = lines.lineStarts[headingLine];
    bodyStart = contentEnd;
  } else {
    contentEnd = text.length;
    bodyStart = text.length;
  }
  const contentRange = { start: contentStart, end: Math.max(contentStart, contentEnd) };
  const yamlText = yamlSource(text, contentRange, placeholders(contentRange.start, contentRange.end));
  // Nesting thousands of levels deep would exhaust the YAML parser's stack: such a block is not read.
  const tooDeep = yamlNestingDepth(yamlText) > DEFAULT_LIMITS.maxYamlDepth;
  const doc = parseYaml(tooDeep ? '' : yamlText);
  const shift = (r: readonly number[] | undefined): Range => {
    const s = contentRange.start + (r?.[0] ?? 0);
    const e = contentRange.start + (r?.[1] ?? r?.[0] ?? 0);
    return { start: Math.min(s, contentRange.end), end: Math.min(Math.max(e, s), contentRange.end) };
  };
  const problems: YamlProblem[] = doc.errors.map((e) => ({ message: cleanYamlMessage(e.message), range: shift(e.pos), code: e.code }));
  if (tooDeep) problems.push({ code: 'NESTING_TOO_DEEP', message: `It nests lists or mappings more than ${DEFAULT_LIMITS.maxYamlDepth} levels deep, so it was not read`, range: shift([0, 0]) });
  // Aliases are read one level at a time and never expanded, but a document whose aliases would
  // expand into a huge tree (an "alias bomb") is refused with a clear problem.
  // The same bound caps how many values any front matter may have. A text without a `*` has no
  // alias, and one under half the bound in characters cannot hold that many values (a value and its
  // separator take two characters at the least), so the walk is skipped for both.
  const mayBeTooLarge = yamlText.length >= MAX_EXPANDED_NODES / 2 || yamlText.includes('*');
  if (!tooDeep && mayBeTooLarge && expandedSize(doc) > MAX_EXPANDED_NODES) {
    const first = [...aliasTargets(doc).keys()][0];
    problems.push({
      code: 'ALIAS_EXPANSION',
      message: `Its aliases (\`*name\`) would expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} values, so it was not read`,
      range: shift(first?.range ?? undefined),
    });
  }
  const contents = doc.contents as Node | null;
  const isMapping = contents === null || isMap(contents);
  const yamlComments: Range[] = [];
  const re = /(^|\s)#[^\n]*/g;
  for (let m = re.exec(yamlText); m; m = re.exec(yamlText)) {
    const start = contentRange.start + m.index + m[1].length;
    yamlComments.push({ start, end: contentRange.start + m.index + m[0].length });
  }
  return { openRange, closeRange, contentRange, closed: closeLine !== -1, bodyStart, doc, problems, yamlComments, isMapping };
}

/**
 * The YAML text of a front matter with its placeholders such as `{{patient}}` masked: they are not
 * YAML, so each becomes a same-length plain scalar and the rest of the block parses with exact
 * positions (rules see them as placeholders).
 */
export function yamlSource(text: string, contentRange: Range, placeholders: readonly Placeholder[]): string {
  let yamlText = text.slice(contentRange.start, contentRange.end);
  for (const p of placeholders) {
    const s = p.start - contentRange.start;
    const masked = text.slice(p.start, p.end).replace(/[^A-Za-z0-9 ]/g, '_');
    yamlText = yamlText.slice(0, s) + masked + yamlText.slice(s + masked.length);
  }
  // A carriage return without a line feed is a line break to YAML but not to the engine (lines end
  // at `\n`), so fixes would land where YAML does not read them: blank it (same length) so both
  // agree. invalid-characters reports it.
  if (yamlText.includes('\r')) yamlText = yamlText.replace(/\r(?!\n)/g, ' ');
  return yamlText;
}

/** How the front matter is parsed (the fast path reproduces `parseDocument` with these). */
export const FRONT_MATTER_YAML_OPTIONS = Object.freeze({ uniqueKeys: true, prettyErrors: false, keepSourceTokens: false, strict: true });

/**
 * Parses front-matter YAML: the fast path (parse/fastYaml.ts) for the simple subset notes are
 * written in, `yaml.parseDocument` (the reference) for everything else.
 */
export function parseYaml(yamlText: string): Document.Parsed {
  return fastParseDocument(yamlText, { ...FRONT_MATTER_YAML_OPTIONS }) ?? parseDocument(yamlText, { ...FRONT_MATTER_YAML_OPTIONS });
}

function cleanYamlMessage(message: string): string {
  // The yaml package appends "at line N, column M" and a source excerpt; positions are ours.
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

/** A front-matter value with its source position. */
export interface FmValue {
  /** The JavaScript value (scalars), or undefined for collections. */
  value: unknown;
  /** Source text of the value node. */
  text: string;
  range: Range;
  keyRange: Range;
  /** Range of the whole `key: value` pair. */
  pairRange: Range;
  node: Node | null;
  /** The value is (or contains) a template placeholder. */
  placeholder: boolean;
}

export interface FmItem {
  value: unknown;
  text: string;
  range: Range;
  node: Node | null;
  placeholder: boolean;
}

export function nodeRange(node: Node | null | undefined, base: number, fallback: number): Range {
  const r = node?.range;
  if (!r) return { start: fallback, end: fallback };
  return { start: base + r[0], end: base + r[1] };
}

const ALIAS_TARGETS = new WeakMap<object, Map<Node, Node | undefined>>();

/**
 * Every alias of the document with the node it refers to (the latest anchor of that name before
 * it), found in one pass. yaml's `Alias.resolve` walks the whole document on each call, which is
 * quadratic for a list of thousands of aliases.
 */
function aliasTargets(doc: Document.Parsed): Map<Node, Node | undefined> {
  let out = ALIAS_TARGETS.get(doc);
  if (out) return out;
  out = new Map();
  const anchors = new Map<string, Node>();
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (isAlias(n)) {
      out.set(n, anchors.get(n.source));
      continue;
    }
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor && (isScalar(n) || isMap(n) || isSeq(n))) anchors.set(anchor, n);
    if (isMap(n) || isSeq(n)) {
      const items = n.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) {
        const it = items[i];
        if (isPair(it)) stack.push(it.value, it.key);
        else stack.push(it);
      }
    }
  }
  ALIAS_TARGETS.set(doc, out);
  return out;
}

/** More values than any note needs: a front matter whose aliases expand past this is refused. */
const MAX_EXPANDED_NODES = 10_000;

/** How many values the document would have with every alias expanded (memoized, linear time). */
function expandedSize(doc: Document.Parsed): number {
  const targets = aliasTargets(doc);
  const memo = new Map<unknown, number>();
  const size = (n: unknown, depth: number): number => {
    if (!n || typeof n !== 'object') return 1;
    const known = memo.get(n);
    if (known !== undefined) return known;
    if (depth > 200) return Infinity; // an alias inside its own anchor
    memo.set(n, Infinity);
    let total = 1;
    if (isAlias(n)) total = size(targets.get(n as Node), depth + 1);
    else if (isMap(n) || isSeq(n)) {
      for (const it of n.items as unknown[]) {
        total += isPair(it) ? size(it.key, depth + 1) + size(it.value, depth + 1) : size(it, depth + 1);
        if (total > MAX_EXPANDED_NODES) break;
      }
    }
    memo.set(n, total);
    return total;
  };
  return size(doc.contents, 0);
}

/** The node an alias stands for (one level), or the node itself. */
export function resolveNode(node: Node | null | undefined, doc: Document.Parsed): Node | null | undefined {
  return node && isAlias(node) ? aliasTargets(doc).get(node) : node;
}

/** Reads a node's scalar value, following one alias level (never expands alias chains). */
export function scalarValue(node: Node | null | undefined, doc: Document.Parsed): unknown {
  if (!node) return null;
  if (isAlias(node)) {
    const target = aliasTargets(doc).get(node);
    return target && isScalar(target) ? target.value : undefined;
  }
  if (isScalar(node)) return node.value;
  return undefined;
}

export function pairsOf(node: Node | null | undefined): Pair[] {
  return node && isMap(node) ? node.items : [];
}

export function itemsOf(node: Node | null | undefined): (Node | null)[] {
  return node && isSeq(node) ? (node.items as (Node | null)[]) : [];
}
