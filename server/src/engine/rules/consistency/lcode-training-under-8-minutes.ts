import { lcodeCategory } from '../../knowledge/hcpcs';
import { chargeAnchor, chargesWithCode } from '../shared';
import type { NoteRule } from '../types';
import { lineMinutes, lineUnits, minutesText, unitsText } from './util';

/**
 * rules.md v2 §G: when the orthosis is billed with its L-code, the L-code pays for the fitting,
 * so a 97760 unit must rest on training time alone — at least 8 minutes of it.
 */
export const lcodeTrainingUnder8Minutes: NoteRule = {
  id: 'lcode-training-under-8-minutes',
  description: 'An orthotic L-code is billed the same day and the 97760 line bills a unit for under 8 minutes.',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['consistency', 'billing'],
  references: ['SRC-AOTA-ORTHOTICS', 'SRC-CMS-MCPM-CH5'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    const lcodes = note.facts.charges.filter((c) => c.code && lcodeCategory(c.code) === 'orthosis');
    if (lcodes.length === 0) return;
    for (const c of chargesWithCode(note, '97760')) {
      const minutes = lineMinutes(c);
      const units = lineUnits(c);
      if (minutes === undefined || units === undefined || minutes >= 8 || units < 1) continue;
      report({
        // On the units, like timed-service-under-8-minutes: billing the unit is what the minutes do not support.
        range: c.units?.range ?? chargeAnchor(c),
        message:
          `97760 bills ${unitsText(units)} for ${minutesText(minutes)} while ${lcodes.map((l) => l.code).join(', ')} is billed for the orthosis: ` +
          'the L-code already pays for fitting it, so 97760 needs at least 8 minutes of training in its use to bill a unit. Document the training minutes, or bill 0 units of 97760.',
        related: lcodes.map((l) => ({ range: chargeAnchor(l), message: `${l.code}: orthosis billed on the same day.` })),
      });
    }
  },
};
