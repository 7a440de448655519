import { unitsArithmetic, unknownCodesText, type BillingLine, type BillingSummary } from '../../billing';
import { unitsMethodIsPayers } from '../../config/types';
import { maxUnitsPerDay } from '../../knowledge/therapyCodes';
import type { Note } from '../../parse/note';
import type { Fix, TextEdit } from '../../types';
import { chargeAnchor } from '../shared';
import type { NoteRule } from '../types';
import { methodPhrase, setChargeValue, summaryFor, unitsAnchor, unitsText } from './util';

/**
 * R-TIME-04: the units billed over all timed lines equal the units the timed minutes give by the
 * payer's units method (rules.md v2 item 3): CMS's 8-minute rule on the total timed minutes, or
 * each code on its own. A timed line whose units are missing or still a placeholder is reported on
 * its own, with the units it should carry (a placeholder as an info: unresolved-placeholder
 * already reports it). Messages name the codes and minutes they counted.
 *
 * A charge code the knowledge tables do not know might be a timed code: the note's arithmetic is
 * then not checked, and one info says so (rules.md v2 item 1).
 *
 * The fix writes the units by the payer's method. It is safe (applied by `tnote check --fix`)
 * when the minutes decide every line's units: the method is the payer's own (Medicare, or a
 * profile whose `units` is configured) and no tie between equal leftover minutes chose the line
 * that gets a unit; otherwise it is a choice.
 */
export const unitsNotMatchingMinutes: NoteRule = {
  id: 'units-not-matching-minutes',
  description: 'The units billed on timed lines differ from the units the timed minutes give by the payer’s units method (CMS 8-minute rule by default); units missing or left to fill.',
  defaultSeverity: 'error',
  kind: 'correctness',
  severityByProfile: { commercial: 'warning' },
  tags: ['time'],
  references: ['SRC-CMS-MCPM-CH5', 'SRC-FCSO-THERAPY-UNITS', 'SRC-CMS-BPM-CH15'],
  fixable: true,
  scope: 'note',
  check(ctx) {
    const { note, profile, config, report } = ctx;
    const summary = summaryFor(ctx);
    if (summary.unknownCodes.length > 0) {
      const first = summary.unknownCodes[0];
      const codes = unknownCodesText(summary);
      const several = new Set(summary.unknownCodes.map((c) => c.code)).size > 1;
      report({
        range: first.codeValue?.range ?? first.range,
        severity: 'info',
        message: `Unknown code ${codes}: units not checked. The tables do not say whether ${several ? 'these codes are' : 'it is a'} 15-minute timed code${several ? 's' : ''}, so this note’s 8-minute arithmetic is skipped; check the units by hand.`,
      });
      return;
    }
    const timed = summary.timedLines;
    const arithmetic = unitsArithmetic(summary);
    const expected = summary.expectedTimedUnits;
    if (timed.length === 0 || !summary.timedMinutes || expected === undefined || !arithmetic) return;
    // Units written as text ("two"): invalid-field-value's finding.
    if (timed.some((l) => l.units.state === 'unreadable')) return;

    const payers = unitsMethodIsPayers(profile, config);
    const payerNote = payers ? '' : ` (the CMS method, used by default for this payer: if it counts each code on its own, set \`units: per-code\` under \`profiles: ${profile}:\` in .tnoterc.yaml)`;
    const how = methodPhrase(summary.method);
    const target = timed.map((l) => l.expectedUnits);
    const sure = payers && summary.unitsSplitSure && target.every((u) => u !== undefined);
    const many = timed.length > 1;

    // In a template, placeholders are expected (rules.md §I): only absent units are reported there.
    const template = note.facts.status === 'template';
    const open = timed.filter((l) => l.units.state === 'absent' || (l.units.state === 'to-fill' && !template));
    if (template && timed.some((l) => l.units.state === 'to-fill')) return;
    if (open.length > 0) {
      for (const l of open) {
        const c = l.charge;
        const u = l.expectedUnits;
        const share = u !== undefined && many ? `; this line’s share is ${unitsText(u)}` : '';
        const edit = u !== undefined ? setChargeValue(note, c, 'units', String(u)) : undefined;
        const fixes: Fix[] = edit ? [{ title: `Set units to ${u}${payers ? '' : ' (CMS method)'}`, kind: sure ? 'safe' : 'choice', edits: [edit] }] : [];
        report({
          // A placeholder is unresolved-placeholder's error already: this finding only carries
          // the units (and the fix that writes them), as an info.
          ...(l.units.state === 'to-fill' ? { severity: 'info' as const } : {}),
          range: l.units.state === 'to-fill' ? unitsAnchor(c) : chargeAnchor(c),
          message:
            l.units.state === 'to-fill'
              ? `${c.code}’s units are still to fill: ${arithmetic} ${how}${share}${payerNote}.`
              : `${c.code} is a timed code with no units: ${arithmetic} ${how}${share}${payerNote}. Record the billed units.`,
          fixes,
        });
      }
      return;
    }

    const billed = summary.billedTimedUnits;
    if (billed === undefined || billed === expected) return;
    const fix = unitsFix(note, summary, sure, payers);
    // Units no line can take (97129 alone carries one unit; the rest are 97130's).
    const placed = target.every((u) => u !== undefined) ? target.reduce((a, b) => a + b, 0) : expected;
    const capped = timed.find((l) => l.charge.code && maxUnitsPerDay(l.charge.code) !== undefined);
    const overflow =
      placed < expected && capped
        ? ` ${capped.charge.code} takes at most ${unitsText(maxUnitsPerDay(capped.charge.code!)!)} (the first 15 minutes): bill the other ${unitsText(expected - placed)} as 97130.`
        : ' Correct the units (or the minutes, if they are wrong).';
    report({
      range: unitsAnchor(timed[0].charge),
      message: many
        ? `Timed lines bill ${unitsText(billed)}, but ${arithmetic} ${how}${payerNote}.${overflow}`
        : `${timed[0].charge.code} bills ${unitsText(billed)}, but ${arithmetic} ${how}${payerNote}.${overflow}`,
      fixes: fix ? [fix] : [],
    });
  },
};

/** Sets every timed line to the units the method gives it (when each line's share is known). */
function unitsFix(note: Note, summary: BillingSummary, sure: boolean, payers: boolean): Fix | undefined {
  const lines: readonly BillingLine[] = summary.timedLines;
  if (lines.some((l) => l.expectedUnits === undefined)) return undefined;
  const edits: TextEdit[] = [];
  for (const l of lines) {
    if (l.units.state === 'value' && l.units.value === l.expectedUnits) continue;
    const e = setChargeValue(note, l.charge, 'units', String(l.expectedUnits));
    if (e) edits.push(e);
  }
  if (edits.length === 0) return undefined;
  const method = summary.method === 'per-code' ? 'each code on its own' : 'the CMS method';
  if (lines.length === 1) return { title: `Set units to ${lines[0].expectedUnits}${payers ? '' : ' (CMS method)'}`, kind: sure ? 'safe' : 'choice', edits };
  const split = lines.map((l) => `${l.charge.code}: ${l.expectedUnits}`).join(', ');
  return { title: `Set units by ${method} (${split})`, kind: sure ? 'safe' : 'choice', edits };
}
