import type { RelatedInfo } from '../../types';
import { chargeAnchor, chargesWithCode } from '../shared';
import type { NoteRule } from '../types';
import { DEVICE_TRAINING_CODES, filledFields, lineMinutes, minutesText, minutesWithUnit, statedMinutes } from './util';

/**
 * rules.md v2 §G: the minutes billed on the orthotic/prosthetic training line(s) are minutes of
 * direct one-on-one contact, so the body's `Direct contact` statement cannot give fewer.
 */
export const directContactBelowBilled: NoteRule = {
  id: 'direct-contact-below-billed',
  description: 'The Time section’s Direct contact minutes are fewer than the minutes billed on the 97760/97761/97763 line(s).',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['consistency', 'time'],
  references: ['SRC-CMS-MCPM-CH5', 'SRC-CMS-BPM-CH15', 'SRC-AOTA-ORTHOTICS'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    const lines = chargesWithCode(note, ...DEVICE_TRAINING_CODES).filter((c) => lineMinutes(c) !== undefined);
    if (lines.length === 0) return;
    const billed = lines.reduce((sum, c) => sum + lineMinutes(c)!, 0);
    const fields = filledFields(note.section('time'), 'direct-contact');
    let stated = 0;
    let readable = false;
    for (const f of fields) {
      const first = statedMinutes(f.value);
      if (first === undefined) continue;
      readable = true;
      // A statement that splits the time ("15 min orthotic training, 16 min gait") counts as its sum.
      stated += Math.max(
        first,
        minutesWithUnit(f.value).reduce((a, b) => a + b, 0),
      );
    }
    if (!readable || stated >= billed) return;
    const where = fields.find((f) => statedMinutes(f.value) !== undefined)!;
    const codes = [...new Set(lines.map((c) => c.code!))].join(' + ');
    const related: RelatedInfo[] = lines.map((c) => ({ range: c.minutes?.range ?? chargeAnchor(c), message: `${c.code} line: ${minutesText(lineMinutes(c)!)}.` }));
    report({
      range: where.valueRange,
      message:
        `"${where.label}" gives ${minutesText(stated)} of direct contact, but the ${codes} ${lines.length > 1 ? 'lines bill' : 'line bills'} ${minutesText(billed)}: ` +
        `only minutes of direct one-on-one contact with the patient count toward ${codes}'s units. Correct whichever number is wrong.`,
      related,
    });
  },
};
