import { unitsForMinutes } from '../../knowledge/units';
import type { Charge } from '../../parse/facts';
import type { Fix, TextEdit } from '../../types';
import { chargeAnchor } from '../shared';
import type { NoteRule } from '../types';
import { chargeMinutes, chargeUnits, distributeUnits, hasValue, minutesText, setChargeValue, timedCharges, totalTimedMinutes, unitsAnchor, unitsText } from './util';

/**
 * R-TIME-04: the units billed over all timed lines equal the units the total timed minutes give
 * under the 8-minute rule (floor((minutes + 7) / 15)). A timed line without units is reported on
 * its own, with the units it should carry.
 */
export const unitsNotMatchingMinutes: NoteRule = {
  id: 'units-not-matching-minutes',
  description: 'The units billed on timed lines differ from the units the total timed minutes give under the 8-minute rule.',
  defaultSeverity: 'error',
  severityByProfile: { commercial: 'warning' },
  tags: ['time'],
  references: ['R-TIME-04', 'R-TIME-06'],
  fixable: true,
  scope: 'note',
  check({ note, profile, report }) {
    const lines = timedCharges(note);
    const total = totalTimedMinutes(note);
    if (lines.length === 0 || !total) return;
    // Units written but unreadable (placeholder, text): other rules report those.
    if (lines.some((c) => hasValue(c.units) && chargeUnits(c) === undefined)) return;
    // A lone service under 8 minutes billed with units is also timed-service-under-8-minutes'
    // finding; both say the same thing and their fixes are the same edit (units: 0).

    const expected = unitsForMinutes(total.minutes);
    const payerNote = profile === 'commercial' ? ' (CMS method; some commercial payers count units another way, check this payer’s policy)' : '';
    const target = targetUnits(lines, expected, total.source === 'lines');
    const fix = target ? unitsFix(note, lines, target, profile === 'medicare') : undefined;

    const withoutUnits = lines.filter((c) => !hasValue(c.units));
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

    const billed = lines.reduce((sum, c) => sum + (chargeUnits(c) ?? 0), 0);
    if (billed === expected) return;
    report({
      range: unitsAnchor(lines[0]),
      message: `Timed lines bill ${unitsText(billed)} but ${minutesText(total.minutes)} of timed services give ${unitsText(expected)} under the 8-minute rule${payerNote}. Correct the units (or the minutes, if they are wrong).`,
      fixes: fix ? [fix] : [],
    });
  },
};

/**
 * The units each timed line should carry: the whole total on a lone line; the CMS distribution
 * when every line's minutes are known; otherwise unknown (no fix).
 */
function targetUnits(lines: Charge[], expected: number, minutesPerLine: boolean): number[] | undefined {
  if (lines.length === 1) return [expected];
  if (!minutesPerLine) return undefined;
  return distributeUnits(lines.map((c) => chargeMinutes(c) ?? 0));
}

/** The CMS units; applied without asking (safe) only for one line under Medicare, where the 8-minute rule is the payer's rule. */
function unitsFix(note: Parameters<typeof setChargeValue>[0], lines: Charge[], target: number[], cmsPayer: boolean): Fix | undefined {
  const edits: TextEdit[] = [];
  lines.forEach((c, i) => {
    if (hasValue(c.units) && chargeUnits(c) === target[i]) return;
    const e = setChargeValue(note, c, 'units', String(target[i]));
    if (e) edits.push(e);
  });
  if (edits.length === 0) return undefined;
  if (lines.length === 1) return { title: `Set units to ${target[0]}${cmsPayer ? '' : ' (CMS method)'}`, kind: cmsPayer ? 'safe' : 'choice', edits };
  const split = lines.map((c, i) => `${c.code}: ${target[i]}`).join(', ');
  return { title: `Set units by the CMS method (${split})`, kind: 'choice', edits };
}
