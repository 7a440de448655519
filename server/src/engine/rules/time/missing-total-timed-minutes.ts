import { insertFields, insertSection, placeholder } from '../../edit';
import { fieldSpec } from '../../parse/vocabulary';
import type { Fix } from '../../types';
import { chargeAnchor, field } from '../shared';
import type { NoteRule } from '../types';
import { fieldMinutes, timedCharges } from '../../billing';
import { hasValue, setChargeValue } from './util';

/**
 * R-TIME-01: a timed code is billed and its minutes are recorded neither on the charge line nor
 * as a `Timed minutes` total in the Time section. With a single timed line, the Time section's
 * `Direct contact: N minutes` counts as its timed minutes (rules.md v2 item 9): no finding.
 */
export const missingTotalTimedMinutes: NoteRule = {
  id: 'missing-total-timed-minutes',
  description: 'A timed charge line has no minutes and the Time section has no Timed minutes total (nor, for a single timed code, Direct contact minutes).',
  defaultSeverity: 'error',
  severityByProfile: { commercial: 'warning' },
  tags: ['time'],
  references: ['SRC-CMS-BPM-CH15', 'SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: true,
  kind: 'completeness',
  scope: 'note',
  check({ note, report }) {
    const timed = timedCharges(note);
    if (timed.length === 0) return;
    const time = note.section('time');
    if (fieldMinutes(field(time, 'timed-minutes')) !== undefined) return;
    const direct = fieldMinutes(field(time, 'direct-contact'));
    if (direct !== undefined && timed.length === 1) return;
    for (const charge of timed) {
      if (hasValue(charge.minutes)) continue;
      const fixes: Fix[] = [];
      const scaffold = setChargeValue(note, charge, 'minutes', placeholder('minutes'));
      if (scaffold) fixes.push({ title: 'Insert "minutes:" on the charge line', kind: 'scaffold', edits: [scaffold] });
      const label = fieldSpec('time', 'timed-minutes').label;
      const line = `${label}: ${placeholder('timed minutes')}`;
      fixes.push({
        title: `Insert a "${label}:" total in the Time section`,
        kind: 'scaffold',
        edits: [time ? insertFields(note, time, [line]) : insertSection(note, 'time', [line])],
      });
      report({
        range: chargeAnchor(charge),
        message: `${charge.code} is a timed code but no minutes are recorded: add the minutes spent on it (or a "${label}" total in the Time section) so the billed units can be checked.`,
        fixes,
      });
    }
  },
};
