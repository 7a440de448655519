import { isIcd10Shaped } from '../../knowledge/icd10';
import type { NoteRule } from '../types';
import { claimDiagnoses, knownForDevice, sidedDevices } from './util';

/**
 * R-DX-06: a diagnosis naming one side does not support a device on the other side.
 * v2: the codes are the claim's (front-matter `diagnoses`; item 13), and each code is compared
 * with the devices it can concern — those of its body region (item 12) — so a right-foot code with
 * a right AFO and a left prosthesis is no conflict.
 */
export const lateralityConflict: NoteRule = {
  id: 'laterality-conflict',
  description: 'A claim diagnosis names the opposite side to the device it concerns (e.g. a left-foot code with a right AFO).',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['diagnoses'],
  references: ['SRC-CDC-ICD10CM-FILES', 'SRC-CMS-ICD10CM-GUIDELINES'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    const devs = sidedDevices(note);
    if (devs.length === 0) return;
    const codes = claimDiagnoses(note).filter((d) => isIcd10Shaped(d.text));
    const sideFor = (code: string, device: (typeof devs)[number]) => knownForDevice(code, device)?.side;
    // A device that some claim code supports (same side, or a bilateral code): a code for the
    // other side is then a second problem, not a conflict with that device.
    const supported = (device: (typeof devs)[number]) =>
      device.side.side === 'bilateral' || codes.some((d) => sideFor(d.normalized, device) === device.side.side || sideFor(d.normalized, device) === 'bilateral');
    for (const d of codes) {
      const compatible = devs.filter((dev) => knownForDevice(d.normalized, dev) !== undefined);
      const side = knownForDevice(d.normalized, undefined)?.side;
      if ((side !== 'right' && side !== 'left') || compatible.length === 0) continue;
      // A device on the code's side (or both sides) of the same region agrees with it.
      if (compatible.some((dev) => dev.side.side === side || dev.side.side === 'bilateral')) continue;
      if (compatible.every(supported)) continue;
      const other = compatible[0].side.side;
      report({
        range: d.range,
        message: `${d.normalized} is a ${side}-side code, but the device is ${other}: check which side is affected and correct the diagnosis or the device side.`,
        related: compatible.map((dev) => ({ range: dev.side.range, message: `The device side is ${dev.side.side}.` })),
      });
    }
  },
};
