import type { Range } from '../types';
import { detectEol, LineIndex } from '../text';
import { buildSuppressions, findHtmlComments, findPlaceholders, maskRanges, type Placeholder, type Suppressions } from './comments';
import { extractFacts, type Facts } from './facts';
import { parseFrontMatter, type FrontMatterBlock } from './frontMatter';
import { parseBody, type Section } from './body';
import { firstLineRange } from '../limits';
import { DEFAULT_VOCABULARY, type SectionId, type Vocabulary } from './vocabulary';

/** A parsed note: everything rules need, with offsets into `text`. */
export interface Note {
  text: string;
  eol: '\n' | '\r\n';
  lines: LineIndex;
  frontMatter?: FrontMatterBlock;
  /** Billing facts for rules; empty while the front matter has a YAML error (see below). */
  facts: Facts;
  /** What the YAML parser could read, even from a broken front matter: for editor features (completion, outline). */
  yamlFacts: Facts;
  /** Where the Markdown body starts. */
  bodyStart: number;
  /** Level-2 sections in document order. */
  sections: Section[];
  /** Level-1 headings (titles; ignored by rules). */
  titles: Section[];
  /** HTML comments in the body. */
  comments: Range[];
  /** Placeholders outside comments, in document order. */
  placeholders: Placeholder[];
  suppressions: Suppressions;
  /** First section with the given canonical id. */
  section(id: SectionId): Section | undefined;
  /** Where a finding about a missing note-level part goes: the front matter's first line. */
  anchor: Range;
  /** What rules and views work out once per note (see {@link perNote}), kept with the note. */
  readonly memo: Map<object, unknown>;
}

/**
 * A value worked out once per note and shared read-only by whoever asks (`key` names it: the
 * function that computes it, or another object). Kept on the note itself, not in a WeakMap keyed by
 * the note: V8 keeps a WeakMap's values alive until a full collection, so each note's lookups (and
 * everything they reference, most of the note) were copied into the old generation before dying.
 */
export function perNote<T>(note: Note, key: object, compute: (note: Note) => T): T {
  const memo = note.memo;
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute(note);
  memo.set(key, value);
  return value;
}

/** `lines`: the text's line index when the caller already built one (it is shared, not rebuilt). */
export function parseNote(text: string, vocab: Vocabulary = DEFAULT_VOCABULARY, lines: LineIndex = new LineIndex(text)): Note {
  const comments = findHtmlComments(text, 0);
  // Comments inside the front matter are not HTML comments; they are re-found below once the
  // front matter's extent is known.
  const maskedAll = maskRanges(text, comments);
  const fm = parseFrontMatter(text, lines, (from, to) => findPlaceholders(text, from, to));
  const bodyStart = fm ? fm.bodyStart : 0;
  const bodyComments = comments.filter((c) => c.start >= bodyStart);
  const masked = bodyComments.length === comments.length ? maskedAll : maskRanges(text, bodyComments);
  const placeholders = [...(fm ? findPlaceholders(text, fm.contentRange.start, fm.contentRange.end) : []), ...findPlaceholders(masked, bodyStart)];
  const { sections, titles } = parseBody(masked, lines, bodyStart, vocab);
  // A front matter with a YAML error is read only partly (the parser drops what follows the
  // error), so billing facts from it would be wrong: rules see none until front-matter-invalid's
  // problem is fixed. A duplicate key alone leaves the rest readable.
  const readable = !fm || !fm.problems.some((p) => p.code !== 'DUPLICATE_KEY');
  const yamlFacts = extractFacts(fm, text, placeholders);
  const facts = readable ? yamlFacts : extractFacts(undefined, text, placeholders);
  const suppressions = buildSuppressions(text, lines, bodyComments, fm?.yamlComments ?? []);
  const firstLineEnd = lines.lineContentEnd(0);
  const anchor = fm ? fm.openRange : { start: 0, end: firstLineEnd };
  return {
    text,
    eol: detectEol(text),
    lines,
    frontMatter: fm,
    facts,
    yamlFacts,
    bodyStart,
    sections,
    titles,
    comments: bodyComments,
    placeholders,
    suppressions,
    anchor,
    section(id) {
      return sections.find((s) => s.spec?.id === id);
    },
    memo: new Map(),
  };
}

/**
 * The stand-in for a note that is not parsed (too large or binary, engine/limits.ts): the text and
 * its lines, nothing found in it.
 */
export function unparsedNote(text: string, lines: LineIndex = new LineIndex(text)): Note {
  const facts: Facts = { entries: new Map(), charges: [], diagnoses: [] };
  return {
    text,
    eol: detectEol(text),
    lines,
    frontMatter: undefined,
    facts,
    yamlFacts: facts,
    bodyStart: 0,
    sections: [],
    titles: [],
    comments: [],
    placeholders: [],
    suppressions: { directives: [], isSuppressed: () => false },
    anchor: firstLineRange(text),
    section: () => undefined,
    memo: new Map(),
  };
}
