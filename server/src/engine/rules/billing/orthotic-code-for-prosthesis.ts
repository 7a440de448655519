import { chargeAnchor, chargesWithCode } from '../shared';
import type { NoteRule } from '../types';
import { deviceKind, replaceCode } from './util';

/** R-CPT-05: 97760 is for orthoses, 97761 for prostheses. */
export const orthoticCodeForProsthesis: NoteRule = {
  id: 'orthotic-code-for-prosthesis',
  description: '97760 (orthosis) is billed for a prosthesis, or 97761 (prosthesis) for an orthosis.',
  defaultSeverity: 'error',
  tags: ['billing'],
  references: ['R-CPT-05'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const kind = deviceKind(note);
    if (!kind) return;
    const [wrong, right, device] = kind === 'prosthesis' ? ['97760', '97761', 'a prosthesis'] : ['97761', '97760', 'an orthosis'];
    for (const charge of chargesWithCode(note, wrong)) {
      const edit = replaceCode(note, charge, right);
      report({
        range: chargeAnchor(charge),
        message:
          kind === 'prosthesis'
            ? `97760 is for orthoses, but the device is ${device} (by its Device type or L-code): bill 97761 for first-encounter prosthetic training, or correct the Device type.`
            : `97761 is for prostheses, but the device is ${device} (by its Device type or L-code): bill 97760 for first-encounter orthotic management and training, or correct the Device type.`,
        fixes: edit ? [{ title: `Replace with ${right}`, kind: 'safe', edits: [edit] }] : [],
      });
    }
  },
};
