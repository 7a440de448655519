/**
 * A fast path for the front matter's YAML: a line scanner for the simple subset notes are written
 * in, which builds the `yaml` package's own nodes (Document, YAMLMap, Pair, Scalar, YAMLSeq, with
 * the ranges `yaml` gives them) and resolves plain scalars with the document's own schema, exactly
 * as `yaml`'s composer does. Anything outside the subset returns `undefined` and the caller parses
 * with `yaml.parseDocument`, which stays the reference.
 *
 * The subset: a block mapping at column 0 of plain keys, whose values are single-line plain or
 * quoted scalars (no escapes), one-line flow sequences of plain scalars, block sequences (at the
 * key's column or deeper) of such scalars or of block mappings; `#` comment lines and blank lines
 * where they cannot change a range. Everything else falls back: anchors, aliases, tags, flow
 * mappings, nested flow, block and multi-line scalars, escapes, tabs, carriage returns, documents
 * markers and directives, odd indentation, duplicate keys, and any value the schema reports on.
 *
 * Tested against yaml 2.9.1 (pinned exactly in package.json): test/fastYaml.test.js compares this
 * with `parseDocument` on every .tnote in the repository and on many seeded mutations of them. A
 * new `yaml` version must pass that test before it is taken.
 */
import * as yaml from 'yaml';
import type { Document, DocumentOptions, Pair, ParseOptions, Scalar, SchemaOptions, YAMLMap, YAMLSeq } from 'yaml';
import { isScalar } from '../yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * yaml's classes, read once on first use (a bundled CommonJS package is otherwise read through a
 * getter per use; the CLI bundle loads yaml only when first needed, so not at module load).
 *
 * yaml's node constructors give each node its type with `Object.defineProperty(this, NODE_TYPE,
 * …)`, a slow call that was ~4 % of checking a note. Scalars and pairs (most of a front matter's
 * nodes) are made here on a prototype per class that carries the same non-enumerable type
 * property: `isScalar`/`isPair`, `instanceof`, `constructor.name`, `clone` and `toJS` behave as
 * for yaml's own (the differential test also compares their own keys). The fields set are the
 * constructors' own (yaml 2.9.1, pinned).
 */
interface Classes {
  Document: typeof yaml.Document;
  YAMLMap: typeof yaml.YAMLMap;
  YAMLSeq: typeof yaml.YAMLSeq;
  PLAIN: Scalar.Type;
  QUOTE_DOUBLE: Scalar.Type;
  QUOTE_SINGLE: Scalar.Type;
  scalarProto: object;
  pairProto: object;
}
const NODE_TYPE = Symbol.for('yaml.node.type');
let loaded: Classes | undefined;

function classes(): Classes {
  return (loaded ??= {
    Document: yaml.Document,
    YAMLMap: yaml.YAMLMap,
    YAMLSeq: yaml.YAMLSeq,
    PLAIN: yaml.Scalar.PLAIN,
    QUOTE_DOUBLE: yaml.Scalar.QUOTE_DOUBLE,
    QUOTE_SINGLE: yaml.Scalar.QUOTE_SINGLE,
    scalarProto: typedPrototype(yaml.Scalar, Symbol.for('yaml.scalar')),
    pairProto: typedPrototype(yaml.Pair, Symbol.for('yaml.pair')),
  });
}

function typedPrototype(cls: { prototype: object }, type: symbol): object {
  const proto = Object.create(cls.prototype) as object;
  Object.defineProperty(proto, NODE_TYPE, { value: type });
  return proto;
}

function newScalar(k: Classes, value: unknown): Scalar {
  const scalar = Object.create(k.scalarProto) as Scalar;
  scalar.value = value;
  return scalar;
}

function newPair(k: Classes, key: Scalar, value: Scalar | YAMLSeq | YAMLMap): Pair<Scalar, Scalar | YAMLSeq | YAMLMap> {
  const pair = Object.create(k.pairProto) as Pair<Scalar, Scalar | YAMLSeq | YAMLMap>;
  pair.key = key;
  pair.value = value;
  return pair;
}

/** Thrown (never escapes this module) when the text is outside the subset. */
const FALLBACK = new Error('fast path: outside the subset');

/** yaml's fallback scalar tag (`schema[SCALAR]`); `Symbol.for` reaches the same symbol the package registers. */
const SCALAR = Symbol.for('yaml.scalar');

interface ScalarTagLike {
  default?: boolean | 'key';
  collection?: unknown;
  test?: RegExp;
  format?: string;
  resolve: (value: string, onError: (msg: string) => void, options: unknown) => unknown;
}

// Only these can start a plain scalar or a key here (no YAML indicator: - ? : , [ ] { } # & * ! | > ' " % @ `).
const PLAIN_START = /[\w(/$+~.=^<;]/;
// Sticky: matched in place at `lastIndex` (lines end at `\n`; a text with `\r` never gets here).
const KEY = /\w[\w./-]*(?: [\w./-]+)*:(?= |\n|$)/y;
// What ends a plain item in a flow list, or is not taken in one.
const FLOW_STOP = /[,[\]{}#:"']/g;
// Characters the subset takes in a scalar: printable ASCII and BMP text except the byte-order mark
// and the special Unicode line breaks; surrogates, controls and tabs fall back.
const ODD_CHAR = /[^\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\n]/;
const MAX_KEY_CHARS = 1000;
/** Up to this many keys, a mapping's keys are compared one by one for a repeat (no set). */
const SHORT_MAP = 16;

interface Line {
  start: number;
  /** Column of the first non-space character. */
  indent: number;
  /** End of the line's text (before `\n`). */
  end: number;
  /** Start of the next line. */
  next: number;
}

/** Parses `src` as yaml's `parseDocument(src, options)` would, or returns undefined. */
export function fastParseDocument(src: string, options: Options): Document.Parsed | undefined {
  if (src.length === 0 || ODD_CHAR.test(src)) return undefined;
  try {
    return new Scanner(src, options).document();
  } catch (e) {
    if (e === FALLBACK) return undefined;
    throw e;
  }
}

class Scanner {
  /** Content lines (not blank, not comment-only). */
  private readonly lines: Line[] = [];
  /**
   * For each content line: whether a comment line comes after it, before the next content line (or
   * the end), and the deepest indentation of those comment lines (-1: none).
   */
  private readonly commentAfter: boolean[] = [];
  private readonly commentIndent: number[] = [];
  private pos = 0;
  private readonly doc: Document.Parsed;
  private readonly tags: ScalarTagLike[];
  private readonly stringTag: ScalarTagLike;
  private readonly memo: TagMemo;
  private readonly k = classes();

  constructor(
    private readonly src: string,
    private readonly options: Options,
  ) {
    for (let start = 0; start < src.length;) {
      const nl = src.indexOf('\n', start);
      const end = nl === -1 ? src.length : nl;
      const next = nl === -1 ? src.length : nl + 1;
      let i = start;
      while (i < end && src.charCodeAt(i) === 32) i++;
      if (i === end) {
        // blank line
      } else if (src.charCodeAt(i) === 35) {
        if (this.lines.length > 0) {
          this.commentAfter[this.lines.length - 1] = true;
          this.commentIndent[this.lines.length - 1] = Math.max(this.commentIndent[this.lines.length - 1], i - start);
        }
      } else {
        const c = src.charCodeAt(i);
        // Document markers (`---`, `...`) and directives (`%`) at column 0.
        if (i === start && (c === 37 || src.startsWith('---', i) || src.startsWith('...', i))) throw FALLBACK;
        this.lines.push({ start, indent: i - start, end, next });
        this.commentAfter.push(false);
        this.commentIndent.push(-1);
      }
      start = next;
    }
    if (this.lines.length === 0) throw FALLBACK;
    this.doc = new this.k.Document(undefined, options) as Document.Parsed;
    const schema = this.doc.schema as unknown as { tags: ScalarTagLike[]; compat?: unknown; [SCALAR]: ScalarTagLike };
    if (schema.compat) throw FALLBACK;
    this.tags = schema.tags;
    this.stringTag = schema[SCALAR];
    this.memo = memoFor(this.tags, this.stringTag);
  }

  document(): Document.Parsed {
    const first = this.lines[0];
    if (first.indent !== 0) throw FALLBACK;
    const map = this.map(0, first.start);
    if (this.pos !== this.lines.length) throw FALLBACK;
    this.doc.contents = map as unknown as YAMLMap.Parsed;
    this.doc.range = [first.start, map.range![2], this.src.length];
    return this.doc;
  }

  /**
   * A block mapping whose keys are at column `indent`; its first key starts at offset `at` on the
   * current line (after `- ` for a list item).
   */
  private map(indent: number, at: number): YAMLMap {
    const map = new this.k.YAMLMap(this.doc.schema);
    const items = map.items as Pair<Scalar>[];
    // Keys seen, for a mapping past a few keys (a short one is searched in place).
    let seen: Set<unknown> | undefined;
    let keyAt = at;
    let end: number;
    for (;;) {
      const line = this.lines[this.pos];
      const keyEnd = this.keyEnd(keyAt) - 1;
      if (keyEnd < 0 || keyEnd - keyAt + 1 > MAX_KEY_CHARS) throw FALLBACK;
      const key = this.plain(keyAt, keyEnd, keyEnd, true);
      // uniqueKeys: a repeated key is an error in yaml; leave it to yaml.
      if (items.length < SHORT_MAP) {
        for (const p of items) if (sameValueZero(p.key.value, key.value)) throw FALLBACK;
      } else {
        if (!seen) seen = new Set(items.map((p) => p.key.value));
        if (seen.has(key.value)) throw FALLBACK;
        seen.add(key.value);
      }
      const colonEnd = keyEnd + 1;
      let value: Scalar | YAMLSeq | YAMLMap;
      if (colonEnd === line.end) {
        // `key:` alone: a nested block follows, or the value is empty.
        this.pos++;
        const next = this.lines[this.pos];
        const dash = next ? this.isDash(next) : false;
        if (next && next.indent > indent) {
          if (this.commentAfter[this.pos - 1]) throw FALLBACK;
          value = dash ? this.seq(next.indent) : this.map(next.indent, next.start + next.indent);
        } else if (next && next.indent === indent && dash) {
          if (this.commentAfter[this.pos - 1]) throw FALLBACK;
          value = this.seq(indent);
        } else {
          // An empty last value ends the document differently (yaml leaves its line break out).
          if (!next || this.commentAfter[this.pos - 1]) throw FALLBACK;
          value = this.emptyScalar(colonEnd);
        }
      } else {
        let v = colonEnd;
        while (v < line.end && this.src.charCodeAt(v) === 32) v++;
        if (v === line.end || this.src.charCodeAt(v) === 35) throw FALLBACK;
        value = this.inline(v, line);
        this.pos++;
      }
      map.items.push(newPair(this.k, key, value));
      end = value.range![2];
      const next = this.lines[this.pos];
      if (!next || next.indent < indent) {
        // Comment lines after a mapping's last value may be taken into its range: left to yaml.
        if (this.commentAfter[this.pos - 1]) throw FALLBACK;
        break;
      }
      if (next.indent > indent || this.isDash(next)) throw FALLBACK;
      // A comment line indented deeper than the keys may be read as part of the value before it.
      if (this.commentIndent[this.pos - 1] > indent) throw FALLBACK;
      keyAt = next.start + next.indent;
    }
    map.range = [at, end, end];
    return map;
  }

  /** A block sequence whose dashes are at column `indent`, starting at the current line. */
  private seq(indent: number): YAMLSeq {
    const seq = new this.k.YAMLSeq(this.doc.schema);
    const first = this.lines[this.pos];
    const start = first.start + indent;
    let end: number;
    for (;;) {
      const line = this.lines[this.pos];
      const dash = line.start + indent;
      let v = dash + 1;
      while (v < line.end && this.src.charCodeAt(v) === 32) v++;
      if (v === line.end || v === dash + 1) throw FALLBACK; // `-` alone, or `-x`
      const c = this.src.charCodeAt(v);
      if (c === 35 || c === 45) throw FALLBACK; // a comment, or a nested list
      let item: Scalar | YAMLSeq | YAMLMap;
      if (this.keyEnd(v) !== -1) {
        item = this.map(v - line.start, v);
      } else {
        item = this.inline(v, line);
        this.pos++;
      }
      seq.items.push(item);
      end = item.range![2];
      const next = this.lines[this.pos];
      // A comment line between two items at this level belongs to the next item (no range changes);
      // after the last item it may be taken into the list's range: left to yaml.
      if (this.commentAfter[this.pos - 1] && !(next && next.indent === indent && this.isDash(next) && this.commentIndent[this.pos - 1] <= indent)) throw FALLBACK;
      if (!next || next.indent < indent) break;
      if (next.indent > indent) throw FALLBACK;
      // The list may sit at its key's column: then the key's mapping goes on.
      if (!this.isDash(next)) break;
    }
    seq.range = [start, end, end];
    return seq;
  }

  /**
   * The end (after its `:`) of a plain key and its `:` at `at`, or -1 (never past the line: a key
   * holds no line break). A test, not an exec: no match array per key.
   */
  private keyEnd(at: number): number {
    KEY.lastIndex = at;
    return KEY.test(this.src) ? KEY.lastIndex : -1;
  }

  private isDash(line: Line): boolean {
    const i = line.start + line.indent;
    if (this.src.charCodeAt(i) !== 45) return false;
    return i + 1 === line.end || this.src.charCodeAt(i + 1) === 32;
  }

  /** A value that starts at `v` and ends on this line: a plain or quoted scalar, or a flow sequence. */
  private inline(v: number, line: Line): Scalar | YAMLSeq {
    const src = this.src;
    const c = src.charCodeAt(v);
    let valueEnd: number;
    let node: Scalar | YAMLSeq;
    if (c === 91) {
      // [a, b]
      const seq = new this.k.YAMLSeq(this.doc.schema);
      seq.flow = true;
      let i = v + 1;
      for (;;) {
        while (i < line.end && src.charCodeAt(i) === 32) i++;
        if (i >= line.end) throw FALLBACK;
        if (src.charCodeAt(i) === 93) {
          if (seq.items.length > 0) throw FALLBACK; // `[a, ]`
          break;
        }
        const s = i;
        FLOW_STOP.lastIndex = i;
        const stop = FLOW_STOP.exec(src);
        i = stop && stop.index < line.end ? stop.index : line.end;
        let e = i;
        while (e > s && src.charCodeAt(e - 1) === 32) e--;
        if (e === s || i >= line.end || !PLAIN_START.test(src[s])) throw FALLBACK;
        const ch = src.charCodeAt(i);
        if (ch !== 44 && ch !== 93) throw FALLBACK;
        seq.items.push(this.plain(s, e, i, false));
        i++;
        if (ch === 93) break;
        while (i < line.end && src.charCodeAt(i) === 32) i++;
        if (src.charCodeAt(i) === 93) throw FALLBACK; // trailing comma
      }
      valueEnd = i + (seq.items.length === 0 ? 1 : 0);
      node = seq;
    } else if (c === 34 || c === 39) {
      const close = indexInLine(src, c === 34 ? '"' : "'", v + 1, line.end);
      if (close === -1) throw FALLBACK;
      const inner = src.slice(v + 1, close);
      if (c === 34 && inner.includes('\\')) throw FALLBACK;
      if (c === 39 && src.charCodeAt(close + 1) === 39) throw FALLBACK; // '' escape
      valueEnd = close + 1;
      node = this.resolved(this.stringTag, inner, false);
      node.type = c === 34 ? this.k.QUOTE_DOUBLE : this.k.QUOTE_SINGLE;
      node.range = [v, valueEnd, line.next];
    } else {
      if (!PLAIN_START.test(src[v])) throw FALLBACK;
      const hash = indexInLine(src, ' #', v, line.end);
      let e = hash !== -1 ? hash : line.end;
      while (e > v && src.charCodeAt(e - 1) === 32) e--;
      const text = src.slice(v, e);
      if (text.includes(': ') || text.endsWith(':') || text.includes(' #')) throw FALLBACK;
      return this.plain(v, e, line.next, false, text);
    }
    // After the value: spaces, then a comment (after a space) or the end of the line.
    let j = valueEnd;
    while (j < line.end && src.charCodeAt(j) === 32) j++;
    if (j < line.end && !(src.charCodeAt(j) === 35 && j > valueEnd)) throw FALLBACK;
    if (node instanceof this.k.YAMLSeq) node.range = [v, valueEnd, line.next];
    return node;
  }

  /** A plain scalar `src[start, end)` resolved by the schema, as yaml's composeScalar does. */
  private plain(start: number, end: number, nodeEnd: number, atKey: boolean, value = this.src.slice(start, end)): Scalar {
    let tag: ScalarTagLike;
    if (this.options.stringKeys && atKey) tag = this.stringTag;
    else tag = this.tagOf(value, atKey);
    const scalar = this.resolved(tag, value, atKey);
    scalar.type = this.k.PLAIN;
    scalar.range = [start, end, nodeEnd];
    return scalar;
  }

  /**
   * The schema tag whose test matches a plain scalar, as yaml's composer picks it (the first default
   * tag that matches, else the string tag). Short values repeat from note to note (keys, codes,
   * `PT`, `final`), so the answer for them is remembered per schema: a string under 13 characters
   * is a copy in V8, never a slice that would keep a whole note alive.
   */
  private tagOf(value: string, atKey: boolean): ScalarTagLike {
    const memo = value.length < 13 ? (atKey ? this.memo.keys : this.memo.values) : undefined;
    const known = memo?.get(value);
    if (known) return known;
    let tag = this.stringTag;
    for (const t of this.tags) {
      if ((t.default === true || (atKey && t.default === 'key')) && t.test?.test(value)) {
        tag = t;
        break;
      }
    }
    if (memo) {
      if (memo.size >= MAX_MEMO) memo.clear();
      memo.set(value, tag);
    }
    return tag;
  }

  private resolved(tag: ScalarTagLike, value: string, atKey: boolean): Scalar {
    // `<<` merge keys and anything the schema complains about: yaml's own path.
    if (atKey && tag.default === 'key') throw FALLBACK;
    const res = tag.resolve(
      value,
      () => {
        throw FALLBACK;
      },
      this.doc.options,
    );
    const scalar = isScalar(res) ? res : newScalar(this.k, res);
    scalar.source = value;
    if (tag.format) scalar.format = tag.format;
    return scalar;
  }

  private emptyScalar(at: number): Scalar {
    // As yaml's composeEmptyNode: an empty plain scalar (null in the core schema).
    return this.plain(at, at, at, false);
  }
}

const MAX_MEMO = 1024;
interface TagMemo {
  tags: readonly ScalarTagLike[];
  stringTag: ScalarTagLike;
  values: Map<string, ScalarTagLike>;
  keys: Map<string, ScalarTagLike>;
}
/** Plain scalar text → its tag, for the last schema seen (each Document copies the same tags into a new list). */
let lastMemo: TagMemo | undefined;

function memoFor(tags: readonly ScalarTagLike[], stringTag: ScalarTagLike): TagMemo {
  const m = lastMemo;
  if (m && m.stringTag === stringTag && m.tags.length === tags.length && m.tags.every((t, i) => t === tags[i])) return m;
  return (lastMemo = { tags: tags.slice(), stringTag, values: new Map(), keys: new Map() });
}

/** The key equality of a Set (SameValueZero). */
function sameValueZero(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b);
}

/** `src.indexOf(what, from)` within `[from, end)`, without scanning past `end`. */
function indexInLine(src: string, what: string, from: number, end: number): number {
  const first = what.charCodeAt(0);
  for (let i = from; i + what.length <= end; i++) {
    if (src.charCodeAt(i) === first && (what.length === 1 || src.startsWith(what, i))) return i;
  }
  return -1;
}
