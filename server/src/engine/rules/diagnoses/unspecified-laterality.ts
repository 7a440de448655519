import { replace } from '../../edit';
import { isIcd10Shaped, KNOWN_ICD10, sideSpecificAlternatives } from '../../knowledge/icd10';
import type { Fix } from '../../types';
import type { NoteRule } from '../types';
import { claimDiagnoses, inStyleOf, knownForDevice, sidedDevices } from './util';

/**
 * R-DX-05: when the device names a side, the diagnosis should name it too. v2: the codes are the
 * claim's (front-matter `diagnoses`; item 13), each compared with the devices of its body region
 * (item 12).
 */
export const unspecifiedLaterality: NoteRule = {
  id: 'unspecified-laterality',
  description: 'A claim diagnosis with the side unspecified (e.g. M21.379, G56.00, I69.359) while the device it concerns names a side.',
  defaultSeverity: 'warning',
  tags: ['diagnoses'],
  references: ['SRC-CDC-ICD10CM-FILES', 'SRC-CMS-ICD10CM-GUIDELINES'],
  fixable: true,
  kind: 'correctness',
  scope: 'note',
  check({ note, report }) {
    const devs = sidedDevices(note);
    if (devs.length === 0) return;
    for (const d of claimDiagnoses(note)) {
      if (!isIcd10Shaped(d.text)) continue;
      const compatible = devs.filter((dev) => knownForDevice(d.normalized, dev)?.side === 'unspecified');
      if (compatible.length === 0) continue;
      const sides = [...new Set(compatible.map((dev) => dev.side.side))];
      const related = compatible.map((dev) => ({ range: dev.side.range, message: `The device side is ${dev.side.side}.` }));
      const alternatives = sides.flatMap((side) => sideSpecificAlternatives(d.normalized, side));
      const fixes: Fix[] = alternatives.map((c) => ({
        title: `Use ${c} (${KNOWN_ICD10.get(c)?.label ?? c})`,
        kind: 'choice',
        edits: [replace(d.range, inStyleOf(d.text, c))],
      }));
      if (sides.length > 1) {
        report({
          range: d.range,
          message: `${d.normalized} leaves the side unspecified, but the devices name sides (${sides.join(' and ')}): code the side the diagnosis affects${alternatives.length > 0 ? ` (${alternatives.join(' or ')})` : ''}.`,
          fixes,
          related,
        });
        continue;
      }
      const side = sides[0];
      report({
        range: d.range,
        message:
          alternatives.length > 0
            ? `${d.normalized} leaves the side unspecified, but the device is ${side}: use the ${side}-side code (${alternatives.join(' or ')}).`
            : `${d.normalized} leaves the side unspecified, but the device is ${side}: code the side the diagnosis affects.`,
        fixes,
        related,
      });
    }
  },
};
