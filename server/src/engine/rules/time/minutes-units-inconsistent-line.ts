import { maxUnitsPerDay } from '../../knowledge/therapyCodes';
import type { NoteRule } from '../types';
import { minutesText, setChargeValue, summaryFor, unitsAnchor, unitsText } from './util';

/**
 * R-TIME-09: a timed line carries more units than its own minutes could ever earn. Under the CMS
 * total-time method a line gets one unit per full 15 minutes plus at most one unit from leftover
 * minutes, i.e. at most ceil(minutes / 15) units (33 min of 97110 + 7 min of 97140 = 2 + 1 units
 * is fine; 2 units for 10 minutes is not). It applies to every payer and to a lone timed line
 * too (where units-not-matching-minutes also reports the total under Medicare; both fixes set the
 * same units). A code billed at most once a day (97129, the first 15 minutes of a service whose
 * further units are 97130) can never carry more than that one unit.
 */
export const minutesUnitsInconsistentLine: NoteRule = {
  id: 'minutes-units-inconsistent-line',
  description: 'A timed line bills more units than its own minutes can support (more than one unit per started 15 minutes).',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['time'],
  references: ['SRC-CMS-MCPM-CH5', 'SRC-FCSO-THERAPY-UNITS'],
  fixable: true,
  scope: 'note',
  check(ctx) {
    const { note, report } = ctx;
    const lines = summaryFor(ctx).timedLines;
    for (const line of lines) {
      const c = line.charge;
      const minutes = line.minutes.state === 'value' ? line.minutes.value : undefined;
      const units = line.units.state === 'value' ? line.units.value : undefined;
      const max = line.maxUnits;
      const own = line.unitsAlone;
      if (minutes === undefined || units === undefined || max === undefined || own === undefined) continue;
      if (units <= max) continue;
      const edit = setChargeValue(note, c, 'units', String(own));
      const cap = c.code ? maxUnitsPerDay(c.code) : undefined;
      if (cap !== undefined && max === cap && Math.ceil(Math.floor(minutes) / 15) > cap) {
        report({
          range: unitsAnchor(c),
          message: `${c.code} bills ${unitsText(units)}, but it is billed at most ${unitsText(cap)} a day (the first 15 minutes of the service); bill the further units as 97130, with its minutes.`,
          fixes: edit ? [{ title: `Set units to ${own}`, kind: 'choice', edits: [edit] }] : [],
        });
        continue;
      }
      report({
        range: unitsAnchor(c),
        message:
          lines.length === 1
            ? `${c.code} bills ${unitsText(units)} for ${minutesText(minutes)}: that is more than one unit per started 15 minutes; ${minutesText(minutes)} give ${unitsText(own)} under the 8-minute rule. Recompute its units.`
            : `${c.code} bills ${unitsText(units)} for ${minutesText(minutes)}: a line can get at most ${unitsText(max)} from its own minutes, even with the leftover-minutes rule. Recompute its units.`,
        fixes: edit ? [{ title: `Set units to ${own} (from this line’s ${minutesText(minutes)})`, kind: 'choice', edits: [edit] }] : [],
      });
    }
  },
};
