/**
 * Billing text for the editor (code lens, status bar, outline), formatted from the engine's
 * billing summary (`engine/billing.ts`). No billing arithmetic here: what the views show is what
 * the time and units rules count.
 */
import { billingLine, billingSummary as summaryOf, type Charge, type Note, type UnitsMethod } from '../engine';

/** One charge line, e.g. "97760-GP × 2 units"; a placeholder shows as "L-code: to fill". */
export function billingLabel(charge: Charge): string {
  return billingLine(charge).label;
}

/** For the status bar: "97760-GP × 2 units · L1971 × 1 unit · 31 timed min"; undefined without charges. */
export function billingSummary(note: Note, method: UnitsMethod = 'cms'): string | undefined {
  return summaryOf(note, method).text;
}

/** For the code lens: each line and the unit arithmetic, "… · 31 timed min → 2 units". */
export function billingLensTitle(note: Note, method: UnitsMethod = 'cms'): string | undefined {
  const s = summaryOf(note, method);
  if (!s.readable || s.lines.length === 0) return s.text === undefined ? undefined : `Billing: ${s.text}`;
  const parts = s.lines.map((l) => l.label);
  if (s.arithmetic) parts.push(s.arithmetic);
  else if (s.timedMinutesToFill) parts.push('timed minutes: to fill');
  return `Billing: ${parts.join(' · ')}`;
}
