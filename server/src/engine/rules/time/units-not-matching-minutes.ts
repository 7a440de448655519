import { billingSummary } from '../../billing';
import { intValue, type Charge } from '../../parse/facts';
import type { Fix, TextEdit } from '../../types';
import { chargeAnchor } from '../shared';
import type { NoteRule } from '../types';
import { hasValue, minutesText, setChargeValue, unitsAnchor, unitsText } from './util';

/**
 * R-TIME-04: the units billed over all timed lines equal the units the total timed minutes give
 * under the 8-minute rule (floor((minutes + 7) / 15)). A timed line without units is reported on
 * its own, with the units it should carry.
 */
export const unitsNotMatchingMinutes: NoteRule = {
  id: 'units-not-matching-minutes',
  description: 'The units billed on timed lines differ from the units the total timed minutes give under the 8-minute rule.',
  defaultSeverity: 'error',
  kind: 'correctness',
  severityByProfile: { commercial: 'warning' },
  tags: ['time'],
  references: ['SRC-CMS-MCPM-CH5', 'SRC-FCSO-THERAPY-UNITS', 'SRC-CMS-BPM-CH15'],
  fixable: true,
  scope: 'note',
  check({ note, profile, report }) {
    const summary = billingSummary(note);
    const lines = summary.timedLines.map((l) => l.charge);
    const total = summary.timedMinutes;
    const expected = summary.expectedTimedUnits;
    if (lines.length === 0 || !total || expected === undefined) return;
    // Units written but unreadable (placeholder, text): other rules report those.
    if (summary.timedLines.some((l) => l.units.state === 'to-fill' || l.units.state === 'unreadable')) return;
    // A lone service under 8 minutes billed with units is also timed-service-under-8-minutes'
    // finding; both say the same thing and their fixes are the same edit (units: 0).

    const payerNote = profile === 'commercial' ? ' (CMS method; some commercial payers count units another way, check this payer’s policy)' : '';
    // The units each timed line should carry (the CMS split), when known.
    const split = summary.timedLines.map((l) => l.expectedUnits);
    const target = split.every((u) => u !== undefined) ? (split) : undefined;
    const fix = target ? unitsFix(note, lines, target, profile === 'medicare') : undefined;

    const withoutUnits = summary.timedLines.filter((l) => l.units.state === 'absent').map((l) => l.charge);
    if (withoutUnits.length > 0) {
      for (const c of withoutUnits) {
        const i = lines.indexOf(c);
        const share = target && lines.length > 1 ? `; by the CMS split this line gets ${unitsText(target[i])}` : '';
        report({
          range: chargeAnchor(c),
          message: `${c.code} is a timed code with no units: ${minutesText(total.minutes)} of timed services give ${unitsText(expected)} under the 8-minute rule${share}${payerNote}. Record the billed units.`,
          fixes: fix ? [fix] : [],
        });
      }
      return;
    }

    const billed = summary.billedTimedUnits;
    if (billed === undefined || billed === expected) return;
    report({
      range: unitsAnchor(lines[0]),
      message: `Timed lines bill ${unitsText(billed)} but ${minutesText(total.minutes)} of timed services give ${unitsText(expected)} under the 8-minute rule${payerNote}. Correct the units (or the minutes, if they are wrong).`,
      fixes: fix ? [fix] : [],
    });
  },
};

/** The CMS units; applied without asking (safe) only for one line under Medicare, where the 8-minute rule is the payer's rule. */
function unitsFix(note: Parameters<typeof setChargeValue>[0], lines: Charge[], target: number[], cmsPayer: boolean): Fix | undefined {
  const edits: TextEdit[] = [];
  lines.forEach((c, i) => {
    if (hasValue(c.units) && intValue(c.units) === target[i]) return;
    const e = setChargeValue(note, c, 'units', String(target[i]));
    if (e) edits.push(e);
  });
  if (edits.length === 0) return undefined;
  if (lines.length === 1) return { title: `Set units to ${target[0]}${cmsPayer ? '' : ' (CMS method)'}`, kind: cmsPayer ? 'safe' : 'choice', edits };
  const split = lines.map((c, i) => `${c.code}: ${target[i]}`).join(', ');
  return { title: `Set units by the CMS method (${split})`, kind: 'choice', edits };
}
