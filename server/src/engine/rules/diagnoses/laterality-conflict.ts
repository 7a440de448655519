import { isIcd10Shaped } from '../../knowledge/icd10';
import type { NoteRule } from '../types';
import { allDiagnoses, deviceRegion, deviceSide, knownForDevice } from './util';

/** R-DX-06: a diagnosis naming one side does not support a device on the other side. */
export const lateralityConflict: NoteRule = {
  id: 'laterality-conflict',
  description: 'A diagnosis names the opposite side to the device (e.g. a left-foot code with a right AFO).',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['diagnoses'],
  references: ['R-DX-06'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    const device = deviceSide(note);
    // A bilateral device agrees with either side.
    if (!device || device.side === 'bilateral') return;
    const region = deviceRegion(note);
    const codes = allDiagnoses(note).filter((d) => isIcd10Shaped(d.text));
    const sideOf = (code: string) => knownForDevice(code, region)?.side;
    // When another diagnosis supports the device's side, a code for the other side is a second problem, not a conflict.
    if (codes.some((d) => sideOf(d.normalized) === device.side || sideOf(d.normalized) === 'bilateral')) return;
    for (const d of codes) {
      const side = sideOf(d.normalized);
      if (side !== 'right' && side !== 'left') continue;
      if (side === device.side) continue;
      report({
        range: d.range,
        message: `${d.normalized} is a ${side}-side code, but the device is ${device.side}: check which side is affected and correct the diagnosis or the device side.`,
        related: [{ range: device.range, message: `The device side is ${device.side}.` }],
      });
    }
  },
};
