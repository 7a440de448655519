/**
 * Shared helpers of the time and units rules (rules.md §E). What counts as timed, the totals and
 * the units arithmetic live in the engine's billing module (`engine/billing.ts`), which the
 * editor's billing views read too; the rules take their numbers from `billingSummary`.
 */
import { billingSummaryFor, type BillingSummary, type UnitsMethod } from '../../billing';
import { insertChargeKey, setValue } from '../../edit';
import type { Charge } from '../../parse/facts';
import type { FmValue } from '../../parse/frontMatter';
import type { Note } from '../../parse/note';
import type { Range, TextEdit } from '../../types';
import type { RuleContext } from '../types';

/** A front-matter value that is present: a placeholder counts, an empty (`key:`) or null value does not. */
export function hasValue(v: FmValue | undefined): boolean {
  if (!v) return false;
  if (v.placeholder) return true;
  return v.value !== null && !(typeof v.value === 'string' && v.value.trim() === '');
}

/**
 * Sets a charge's `key` to `valueText`: replaces the existing value, fills an empty `key:`, or
 * inserts the key when the charge has none.
 */
export function setChargeValue(note: Note, charge: Charge, key: 'units' | 'minutes' | 'assistant_minutes', valueText: string): TextEdit | undefined {
  const current = charge.entries.get(key);
  if (current) return setValue(note, current, valueText);
  return insertChargeKey(note, charge, key, valueText);
}

/** Where a finding about a charge's units goes: the units value when written, else the code. */
export function unitsAnchor(c: Charge): Range {
  return c.units && c.units.range.end > c.units.range.start ? c.units.range : c.codeValue ? c.codeValue.range : c.range;
}

/** "1 unit" / "2 units". */
export function unitsText(n: number): string {
  return `${n} ${n === 1 ? 'unit' : 'units'}`;
}

/** "1 minute" / "31 minutes". */
export function minutesText(n: number): string {
  return `${n} ${n === 1 ? 'minute' : 'minutes'}`;
}

/** The billing summary by the units method of the note's payer profile (`profiles.<p>.units`). */
export function summaryFor(ctx: Pick<RuleContext, 'note' | 'profile' | 'config'>): BillingSummary {
  return billingSummaryFor(ctx.note, ctx.profile, ctx.config);
}

/** How the method is named in messages: "under the 8-minute rule" / "counting each code on its own". */
export function methodPhrase(method: UnitsMethod): string {
  return method === 'per-code' ? 'counting each code on its own (this payer’s units method)' : 'under the 8-minute rule';
}
