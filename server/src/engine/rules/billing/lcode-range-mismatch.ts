import { lcodeKind, ORTHOTIC_LCODE_RANGE, PROSTHETIC_LCODE_RANGE } from '../../knowledge/hcpcs';
import { chargeAnchor } from '../shared';
import type { NoteRule } from '../types';
import { deviceKindFromType } from './util';

/** R-LCODE-03: orthoses bill L0112–L4631 codes, prostheses L5000–L9900. */
export const lcodeRangeMismatch: NoteRule = {
  id: 'lcode-range-mismatch',
  description: 'The Device type is an orthosis but a prosthetic L-code is billed, or a prosthesis with an orthotic L-code.',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['billing'],
  references: ['R-LCODE-03'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    const kind = deviceKindFromType(note);
    if (!kind) return;
    const wrong = kind === 'orthosis' ? 'prosthetic' : 'orthotic';
    for (const charge of note.facts.charges) {
      if (!charge.code || lcodeKind(charge.code) !== wrong) continue;
      const [range, device, right] =
        kind === 'orthosis'
          ? [PROSTHETIC_LCODE_RANGE, 'an orthosis', ORTHOTIC_LCODE_RANGE]
          : [ORTHOTIC_LCODE_RANGE, 'a prosthesis', PROSTHETIC_LCODE_RANGE];
      report({
        range: chargeAnchor(charge),
        message: `${charge.code} is in the ${wrong} L-code block (${range.first}–${range.last}), but the Device type names ${device}: bill a code from ${right.first}–${right.last}, or correct the Device type.`,
      });
    }
  },
};
