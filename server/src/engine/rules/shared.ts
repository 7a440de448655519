/** Small queries over a parsed note that many rules share. */
import type { Charge } from '../parse/facts';
import type { Field, Section } from '../parse/body';
import type { Note } from '../parse/note';
import type { ResolvedConfig } from '../config/types';
import { replace } from '../edit';
import { normalizeName, sectionSpec, type SectionId } from '../parse/vocabulary';
import type { Fix } from '../types';
import { nearest } from './structure/util';
import { knownSectionNames } from './structure/unknown-section';

/** The charge lines billing one of `codes`, in order (a shared empty list when none: do not change it). */
export function chargesWithCode(note: Note, ...codes: string[]): readonly Charge[] {
  let out: Charge[] | undefined;
  for (const c of note.facts.charges) if (c.code !== undefined && codes.includes(c.code)) (out ??= []).push(c);
  return out ?? NO_CHARGES;
}
const NO_CHARGES: readonly Charge[] = Object.freeze([]);

/** A note whose front matter bills 97760. */
export function bills97760(note: Note): boolean {
  return note.facts.charges.some((c) => c.code === '97760');
}

/**
 * Every section with the given canonical id, in document order. The parser keeps repeated
 * sections (`note.sections`); `note.section(id)` returns only the first — a note may have several
 * `Device` sections (one per device, v2 item 12).
 */
export function sectionsOf(note: Note, id: SectionId): Section[] {
  return note.sections.filter((s) => s.spec?.id === id);
}

/** First field of the section with the given canonical field id. */
export function field(section: Section | undefined, id: string): Field | undefined {
  return section?.fields.find((f) => f.spec?.id === id);
}

/** A field with the id that is present and not empty/TBD/placeholder. */
export function filledField(section: Section | undefined, id: string): Field | undefined {
  return section?.fields.find((f) => f.spec?.id === id && !f.missing);
}

/** The range of a charge line's code (or the item itself). */
export function chargeAnchor(c: Charge) {
  return c.codeValue ? c.codeValue.range : c.range;
}

/**
 * A level-2 heading that is not a known section but is a near miss of section `id` (a typo such
 * as `## Instrction`). Rules that would report the section as absent offer to rename that
 * heading instead of inserting a second section.
 */
export function misspeltHeading(note: Note, config: ResolvedConfig, id: SectionId): { section: Section; suggestion: string } | undefined {
  const names = knownSectionNames(config);
  for (const s of note.sections) {
    if (s.spec || !s.title.trim()) continue;
    const suggestion = nearest(normalizeName(s.title), names);
    if (suggestion && config.vocabulary.sectionByName.get(normalizeName(suggestion))?.id === id) return { section: s, suggestion };
  }
  return undefined;
}

/**
 * The fix for an absent section: rename a misspelt heading when there is one (its contents are
 * then checked), else the given insert. Also a sentence for the message.
 */
export function absentSectionFix(note: Note, config: ResolvedConfig, id: SectionId, insert: Fix): { fixes: Fix[]; hint: string } {
  const miss = misspeltHeading(note, config, id);
  if (!miss) return { fixes: [insert], hint: '' };
  const title = sectionSpec(id).title;
  return {
    fixes: [{ title: `Rename the heading on line ${note.lines.lineAt(miss.section.headingRange.start) + 1} to \`${title}\``, kind: 'choice', edits: [replace(miss.section.titleRange, title)] }],
    hint: ` The heading on line ${note.lines.lineAt(miss.section.headingRange.start) + 1} looks like a misspelt ${title}: rename it so its contents are checked.`,
  };
}
