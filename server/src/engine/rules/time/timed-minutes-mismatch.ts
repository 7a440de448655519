import { timedMinutesField } from '../../billing';
import { replace } from '../../edit';
import type { NoteRule } from '../types';
import { minutesText, summaryFor } from './util';

/**
 * rules.md v2 §G: the Time section's `Timed minutes` (what an auditor reads) must equal the sum of
 * the timed charge lines' `minutes` (what goes on the claim). The unit arithmetic counts the
 * charges; this rule reports the disagreement. Not checked while a timed line has no minutes (the
 * field is then the total the unit rules use) or while a charge code is unknown (it might be
 * timed, and counted in the field).
 */
export const timedMinutesMismatch: NoteRule = {
  id: 'timed-minutes-mismatch',
  description: 'The Time section’s Timed minutes differ from the sum of the timed charge lines’ minutes.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['time'],
  references: ['SRC-CMS-BPM-CH15', 'SRC-CMS-MCPM-CH5'],
  fixable: true,
  scope: 'note',
  check(ctx) {
    const { note, report } = ctx;
    const summary = summaryFor(ctx);
    const total = summary.timedMinutes;
    if (!total || total.source !== 'lines' || summary.unknownCodes.length > 0) return;
    const written = timedMinutesField(note);
    if (!written || written.minutes === total.minutes) return;
    const terms = summary.timedLines.map((l) => `${l.charge.code} ${l.minutes.state === 'value' ? l.minutes.value : '?'} min`).join(' + ');
    const counted = ` (${terms})`;
    const f = written.field;
    // Replace only the number when the value starts with it ("45 minutes" keeps "minutes").
    const valueText = note.text.slice(f.valueRange.start, f.valueRange.end);
    const lead = /^\s*(\d+(?:\.\d+)?)/.exec(valueText);
    const edit =
      lead && Number(lead[1]) === written.minutes
        ? replace({ start: f.valueRange.start + lead.index + lead[0].length - lead[1].length, end: f.valueRange.start + lead[0].length }, String(total.minutes))
        : replace(f.valueRange, `${total.minutes} minutes`);
    report({
      range: f.valueRange,
      message: `"${f.label}" says ${minutesText(written.minutes)}, but the timed charge lines add up to ${minutesText(total.minutes)}${counted}: the note and the claim must agree. The units are counted from the charges; correct whichever number is wrong.`,
      fixes: [{ title: `Set ${f.label} to ${total.minutes} (from the charges)`, kind: 'choice', edits: [edit] }],
    });
  },
};
