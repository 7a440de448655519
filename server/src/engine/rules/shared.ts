/** Small queries over a parsed note that many rules share. */
import type { Charge } from '../parse/facts';
import type { Field, Section } from '../parse/body';
import type { Note } from '../parse/note';

export function chargesWithCode(note: Note, ...codes: string[]): Charge[] {
  return note.facts.charges.filter((c) => c.code !== undefined && codes.includes(c.code));
}

/** A note whose front matter bills 97760. */
export function bills97760(note: Note): boolean {
  return chargesWithCode(note, '97760').length > 0;
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

/** Range for a finding on a section heading. */
export function headingAnchor(s: Section) {
  return s.headingRange;
}

/** Section text with field labels removed, lower-cased, for keyword checks. */
export function sectionWords(s: Section | undefined): string {
  return (s?.text ?? '').toLowerCase();
}
