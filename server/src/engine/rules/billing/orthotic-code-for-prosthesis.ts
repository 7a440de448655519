import { lcodeBlock } from '../../knowledge/hcpcs';
import { billedLCodes, deviceKinds, devices, kindOfLCode, kindOfLCodes, type DeviceKind } from '../devices';
import { chargeAnchor, chargesWithCode } from '../shared';
import type { NoteRule } from '../types';
import { replaceCode } from './util';

const KIND_WORDS: Record<DeviceKind, { code: string; plural: string; a: string; training: string }> = {
  orthosis: { code: '97760', plural: 'orthoses', a: 'an orthosis', training: 'first-encounter orthotic management and training' },
  prosthesis: { code: '97761', plural: 'prostheses', a: 'a prosthesis', training: 'first-encounter prosthetic training' },
};

/**
 * R-CPT-05: 97760 is for orthoses, 97761 for prostheses. The device kinds come from every Device
 * section (its Type, else its L-codes) and, without Device sections, from the billed L-codes by
 * their HCPCS block (v2 item 5: limb prostheses L5000–L7499, L7510–L7700, L8400–L8485; L9900 and
 * the other "neither" blocks say nothing). A note with an orthosis on one limb and a prosthesis on
 * the other may bill both codes (v2 item 12).
 */
export const orthoticCodeForProsthesis: NoteRule = {
  id: 'orthotic-code-for-prosthesis',
  description: '97760 (orthosis) is billed while the note documents only a prosthesis, or 97761 (prosthesis) while it documents only an orthosis.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['billing'],
  references: ['SRC-AOTA-ORTHOTICS', 'SRC-CMS-HCPCS-2019'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const devs = devices(note);
    const byDevice = [...deviceKinds(note, devs).values()];
    const kinds = new Set(byDevice.filter((k): k is DeviceKind => k !== undefined));
    // A Device section whose kind is unknown may be the device the code is for.
    const allKnown = byDevice.every((k) => k !== undefined);
    if (devs.length === 0) {
      const k = kindOfLCodes(billedLCodes(note));
      if (k) kinds.add(k);
    }
    const billed = billedLCodes(note);
    for (const want of ['orthosis', 'prosthesis'] as const) {
      const other: DeviceKind = want === 'orthosis' ? 'prosthesis' : 'orthosis';
      const [cpt, right] = [KIND_WORDS[want].code, KIND_WORDS[other].code];
      const charges = chargesWithCode(note, cpt);
      if (charges.length === 0) continue;
      if (allKnown && kinds.has(other) && !kinds.has(want)) {
        // The documented device(s) are all of the other kind: the code is wrong.
        for (const charge of charges) {
          const edit = replaceCode(note, charge, right);
          report({
            range: chargeAnchor(charge),
            message: `${cpt} is for ${KIND_WORDS[want].plural}, but the device is ${KIND_WORDS[other].a} (by its Device type or L-code): bill ${right} for ${KIND_WORDS[other].training}, or correct the Device type.`,
            fixes: edit ? [{ title: `Replace with ${right}`, kind: 'safe', edits: [edit] }] : [],
          });
        }
        continue;
      }
      // A billed L-code of the other kind that no documented device of that kind accounts for:
      // one of the two codes is wrong (lcode-range-mismatch flags the L-code side).
      if (kinds.has(other)) continue;
      const lcode = billed.find((l) => kindOfLCode(l) === other);
      if (!lcode) continue;
      const block = lcodeBlock(lcode);
      const where = block ? ` (${block.first}–${block.last})` : '';
      for (const charge of charges) {
        const edit = replaceCode(note, charge, right);
        report({
          range: chargeAnchor(charge),
          message: `${cpt} is for ${KIND_WORDS[want].plural}, but the note bills ${lcode}, ${other === 'prosthesis' ? 'a limb-prosthesis' : 'an orthosis'} L-code${where}: if the device is ${KIND_WORDS[other].a}, bill ${right}; otherwise correct the L-code.`,
          fixes: edit ? [{ title: `Replace with ${right}`, kind: 'choice', edits: [edit] }] : [],
        });
      }
    }
  },
};
