import { insertChargeKey, replace } from '../../edit';
import { unitsForMinutes } from '../../knowledge/units';
import { chargeMinutes } from '../../billing';
import { intValue, type Charge } from '../../parse/facts';
import type { Note } from '../../parse/note';
import type { Fix, TextEdit } from '../../types';
import { chargeAnchor, chargesWithCode } from '../shared';
import type { NoteRule } from '../types';
import { chargeRemovalRange } from './util';

function modifierSet(c: Charge): string {
  return [...new Set(c.modifiers.map((m) => m.code))].sort().join(',');
}

/**
 * The merge fix: every 97763 line's minutes are added to the one first-encounter line, its units
 * are recomputed from the summed minutes, and the 97763 lines are removed. Offered only when the
 * result is exact: one first-encounter line, integer minutes on every line, the same modifiers.
 */
function mergeFix(note: Note, initial: Charge, later: readonly Charge[]): Fix | undefined {
  const base = chargeMinutes(initial);
  if (base === undefined || !initial.minutes) return undefined;
  let sum = base;
  for (const c of later) {
    const m = chargeMinutes(c);
    if (m === undefined || modifierSet(c) !== modifierSet(initial)) return undefined;
    sum += m;
  }
  const units = unitsForMinutes(sum);
  const edits: TextEdit[] = [replace(initial.minutes.range, String(sum))];
  if (initial.units) {
    if (intValue(initial.units) === undefined) return undefined;
    edits.push(replace(initial.units.range, String(units)));
  } else {
    const e = insertChargeKey(note, initial, 'units', String(units));
    if (!e) return undefined;
    edits.push(e);
  }
  for (const c of later) {
    const r = chargeRemovalRange(note, c);
    if (!r) return undefined;
    edits.push(replace(r, ''));
  }
  return {
    title: `Merge the 97763 minutes into the ${initial.code} line (${sum} minutes, ${units} unit${units === 1 ? '' : 's'})`,
    kind: 'choice',
    edits,
  };
}

/** R-CPT-03: 97763 is not billed together with 97760 or 97761 for the same date of service. */
export const initialAndSubsequentSameDay: NoteRule = {
  id: 'initial-and-subsequent-same-day',
  description: 'The later-encounter code 97763 is billed on the same date as 97760 or 97761.',
  defaultSeverity: 'error',
  tags: ['billing'],
  references: ['SRC-AOTA-ORTHOTICS'],
  fixable: true,
  kind: 'correctness',
  scope: 'note',
  check({ note, report }) {
    const initials = chargesWithCode(note, '97760', '97761');
    const later = chargesWithCode(note, '97763');
    if (initials.length === 0 || later.length === 0) return;
    const codes = [...new Set(initials.map((c) => c.code))].join(' and ');
    const fix = initials.length === 1 ? mergeFix(note, initials[0], later) : undefined;
    for (const charge of later) {
      report({
        range: chargeAnchor(charge),
        message: `97763 cannot be billed on the same date as ${codes}: count all orthotic/prosthetic management and training minutes of this visit on the ${codes} line and remove the 97763 line.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
};
