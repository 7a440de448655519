import type { NoteRule } from '../types';
import { minutesText, summaryFor } from './util';

/** R-TIME-03: total treatment time includes the timed minutes, so it cannot be smaller. */
export const treatmentTimeBelowTimed: NoteRule = {
  id: 'treatment-time-below-timed',
  description: 'The total treatment time is smaller than the total timed minutes.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['time'],
  references: ['SRC-CMS-BPM-CH15', 'SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: false,
  scope: 'note',
  check(ctx) {
    const { report } = ctx;
    const { timedMinutes: timed, treatmentMinutes: treatment } = summaryFor(ctx);
    if (!timed || !treatment || treatment.minutes >= timed.minutes) return;
    report({
      range: treatment.range,
      message: `Total treatment time (${minutesText(treatment.minutes)}) is less than the timed minutes (${minutesText(timed.minutes)}): total treatment time includes all timed minutes plus any untimed minutes; correct whichever number is wrong.`,
    });
  },
};
