import { chargeUnits } from '../../billing';
import type { NoteRule } from '../types';
import { minutesText, setChargeValue, summaryFor, unitsAnchor, unitsText } from './util';

/** R-TIME-05: a timed service given alone for less than 8 minutes is not billable. */
export const timedServiceUnder8Minutes: NoteRule = {
  id: 'timed-service-under-8-minutes',
  description: 'The only timed service of the visit lasted under 8 minutes yet is billed with units.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['time'],
  references: ['SRC-CMS-MCPM-CH5', 'SRC-FCSO-THERAPY-UNITS'],
  fixable: true,
  scope: 'note',
  check(ctx) {
    const { note, report } = ctx;
    const summary = summaryFor(ctx);
    // An unknown code might be a second timed service (units-not-matching-minutes says so).
    if (summary.timedLines.length !== 1 || summary.unknownCodes.length > 0) return;
    const charge = summary.timedLines[0].charge;
    const total = summary.timedMinutes;
    const units = chargeUnits(charge);
    if (!total || total.minutes >= 8 || units === undefined || units < 1) return;
    const edit = setChargeValue(note, charge, 'units', '0');
    report({
      range: unitsAnchor(charge),
      message: `${charge.code} is the only timed service and lasted ${minutesText(total.minutes)}, yet it bills ${unitsText(units)}: a lone timed service under 8 minutes is not billable. Set its units to 0 or remove the line.`,
      fixes: edit ? [{ title: 'Set units to 0', kind: 'safe', edits: [edit] }] : [],
    });
  },
};
