import { unitsForMinutes } from '../../knowledge/units';
import type { NoteRule } from '../types';
import { chargeMinutes, chargeUnits, minutesText, setChargeValue, timedCharges, unitsAnchor, unitsText } from './util';

/**
 * R-TIME-09: a timed line carries more units than its own minutes could ever earn. Under the CMS
 * total-time method a line gets one unit per full 15 minutes plus at most one unit from leftover
 * minutes, i.e. at most ceil(minutes / 15) units (33 min of 97110 + 7 min of 97140 = 2 + 1 units
 * is fine; 2 units for 10 minutes is not). With a single timed line its minutes are the total,
 * and units-not-matching-minutes reports any difference, so this rule looks at notes with two or
 * more timed lines.
 */
export const minutesUnitsInconsistentLine: NoteRule = {
  id: 'minutes-units-inconsistent-line',
  description: 'A timed line bills more units than its own minutes can support (more than one unit per started 15 minutes).',
  defaultSeverity: 'error',
  tags: ['time'],
  references: ['R-TIME-09'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const lines = timedCharges(note);
    if (lines.length < 2) return;
    for (const c of lines) {
      const minutes = chargeMinutes(c);
      const units = chargeUnits(c);
      if (minutes === undefined || units === undefined) continue;
      const max = Math.ceil(Math.floor(minutes) / 15);
      if (units <= max) continue;
      const own = unitsForMinutes(minutes);
      const edit = setChargeValue(note, c, 'units', String(own));
      report({
        range: unitsAnchor(c),
        message: `${c.code} bills ${unitsText(units)} for ${minutesText(minutes)}: a line can get at most ${unitsText(max)} from its own minutes, even with the leftover-minutes rule. Recompute its units.`,
        fixes: edit ? [{ title: `Set units to ${own} (from this line’s ${minutesText(minutes)})`, kind: 'choice', edits: [edit] }] : [],
      });
    }
  },
};
