import { MODIFIERS } from '../../knowledge/modifiers';
import type { Fix } from '../../types';
import type { NoteRule } from '../types';
import { distinctSlots, modifierSlots, removeModifiers } from './util';

/** R-MOD-08: one distinct-service modifier per line; 59 only when no X modifier fits. */
export const duplicateDistinctModifiers: NoteRule = {
  id: 'duplicate-distinct-modifiers',
  description: 'A charge line carries 59 together with an X modifier (XE, XS, XP, XU), or more than one X modifier.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['modifiers'],
  references: ['SRC-HHS-MLN1783722'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    for (const charge of note.facts.charges) {
      const slots = modifierSlots(note, charge);
      const distinct = distinctSlots(slots);
      const fifty = distinct.filter((s) => s.code === '59');
      const xs = distinct.filter((s) => s.code !== '59');
      const xCodes = [...new Set(xs.map((s) => s.code))];
      const line = charge.code ?? 'This charge line';
      if (xCodes.length === 1 && fifty.length > 0) {
        // 59 plus one X modifier: the X modifier is the more specific one; 59 goes.
        for (const s of fifty) {
          const edits = removeModifiers(note, charge, [s]);
          report({
            range: s.range,
            message: `${line} has both 59 and ${xCodes[0]}: use 59 only when no X modifier fits; keep ${xCodes[0]} and remove 59.`,
            fixes: edits ? [{ title: `Remove 59 (keep ${xCodes[0]})`, kind: 'safe', edits }] : [],
          });
        }
      } else if (xCodes.length > 1) {
        // Several X modifiers: which reason is right is the clinician's call.
        const fixes: Fix[] = [];
        for (const keep of xCodes) {
          const first = xs.find((s) => s.code === keep)!;
          const edits = removeModifiers(
            note,
            charge,
            distinct.filter((s) => s !== first),
          );
          if (edits) fixes.push({ title: `Keep only ${keep} (${MODIFIERS.get(keep)?.label ?? keep})`, kind: 'choice', edits });
        }
        const second = xs.find((s) => s.code !== xs[0].code)!;
        report({
          range: second.range,
          message: `${line} has more than one distinct-service modifier (${[...xCodes, ...(fifty.length ? ['59'] : [])].join(', ')}): keep only the one X modifier that states why the service was separate.`,
          fixes,
        });
      }
    }
  },
};
