/** The billing summary of a note, e.g. "97760-GP × 2 units · L1971 × 1 unit · 31 timed min". */
import type { Note } from '../engine';
import { isTimedCode } from '../engine/knowledge/cpt';
import { intValue, type Charge } from '../engine/parse/facts';

export function billingLabel(charge: Charge): string {
  const code = charge.code ?? charge.codeValue?.text ?? '?';
  const mods = charge.modifiers.map((m) => m.code);
  const units = intValue(charge.units);
  const base = mods.length ? `${code}-${mods.join('-')}` : code;
  return units === undefined ? base : `${base} × ${units} unit${units === 1 ? '' : 's'}`;
}

export function timedMinutes(note: Note): number {
  let total = 0;
  for (const c of note.yamlFacts.charges) {
    const m = intValue(c.minutes);
    if (m !== undefined && c.code && isTimedCode(c.code)) total += m;
  }
  return total;
}

/** Undefined when the note has no charges. */
export function billingSummary(note: Note): string | undefined {
  const charges = note.yamlFacts.charges;
  if (charges.length === 0) return undefined;
  const parts = charges.map(billingLabel);
  const minutes = timedMinutes(note);
  if (minutes > 0) parts.push(`${minutes} timed min`);
  return parts.join(' · ');
}
