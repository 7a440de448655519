import { replace } from '../../edit';
import { isIcd10Shaped, KNOWN_ICD10, sideSpecificAlternatives } from '../../knowledge/icd10';
import type { Fix } from '../../types';
import type { NoteRule } from '../types';
import { allDiagnoses, deviceRegion, deviceSide, inStyleOf, knownForDevice } from './util';

/** R-DX-05: when the device names a side, the diagnosis should name it too. */
export const unspecifiedLaterality: NoteRule = {
  id: 'unspecified-laterality',
  description: 'A diagnosis with the side unspecified (e.g. M21.379, G56.00, I69.359) while the Device section names a side.',
  defaultSeverity: 'warning',
  tags: ['diagnoses'],
  references: ['R-DX-05'],
  fixable: true,
  kind: 'correctness',
  scope: 'note',
  check({ note, report }) {
    const device = deviceSide(note);
    if (!device) return;
    const region = deviceRegion(note);
    for (const d of allDiagnoses(note)) {
      if (!isIcd10Shaped(d.text)) continue;
      const info = knownForDevice(d.normalized, region);
      if (info?.side !== 'unspecified') continue;
      const alternatives = sideSpecificAlternatives(d.normalized, device.side);
      const fixes: Fix[] = alternatives.map((c) => ({
        title: `Use ${c} (${KNOWN_ICD10.get(c)?.label ?? c})`,
        kind: 'choice',
        edits: [replace(d.range, inStyleOf(d.text, c))],
      }));
      report({
        range: d.range,
        message:
          alternatives.length > 0
            ? `${d.normalized} leaves the side unspecified, but the device is ${device.side}: use the ${device.side}-side code (${alternatives.join(' or ')}).`
            : `${d.normalized} leaves the side unspecified, but the device is ${device.side}: code the side the diagnosis affects.`,
        fixes,
        related: [{ range: device.range, message: `The device side is ${device.side}.` }],
      });
    }
  },
};
