import { lcodeKind } from '../../knowledge/hcpcs';
import { chargeAnchor, chargesWithCode } from '../shared';
import type { NoteRule } from '../types';
import { deviceKind, replaceCode } from './util';

/** R-CPT-05: 97760 is for orthoses, 97761 for prostheses. */
export const orthoticCodeForProsthesis: NoteRule = {
  id: 'orthotic-code-for-prosthesis',
  description: '97760 (orthosis) is billed for a prosthesis, or 97761 (prosthesis) for an orthosis.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['billing'],
  references: ['R-CPT-05'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const kind = deviceKind(note);
    // Billed L-codes of the other kind still contradict the CPT code when the Device type points
    // the other way (or is silent): one of the two codes is wrong, so say so, and let the user
    // choose the swap (lcode-range-mismatch flags the L-code side).
    const billedKinds = new Map(note.facts.charges.filter((c) => c.code && lcodeKind(c.code)).map((c) => [c.code!, lcodeKind(c.code!)!]));
    for (const [cpt, other, otherKind, device] of [
      ['97760', '97761', 'prosthetic', 'orthoses'],
      ['97761', '97760', 'orthotic', 'prostheses'],
    ] as const) {
      const deviceSaysOther = (otherKind === 'prosthetic' && kind === 'prosthesis') || (otherKind === 'orthotic' && kind === 'orthosis');
      if (deviceSaysOther) continue; // reported below with the device as the reason
      const lcode = [...billedKinds].find(([, k]) => k === otherKind)?.[0];
      if (!lcode) continue;
      for (const charge of chargesWithCode(note, cpt)) {
        const edit = replaceCode(note, charge, other);
        report({
          range: chargeAnchor(charge),
          message: `${cpt} is for ${device}, but the note bills ${lcode}, a ${otherKind} L-code: if the device is ${otherKind === 'prosthetic' ? 'a prosthesis, bill 97761' : 'an orthosis, bill 97760'}; otherwise correct the L-code.`,
          fixes: edit ? [{ title: `Replace with ${other}`, kind: 'choice', edits: [edit] }] : [],
        });
      }
    }
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
