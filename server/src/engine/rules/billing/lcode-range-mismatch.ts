import { LCODE_BLOCKS, lcodeBlock } from '../../knowledge/hcpcs';
import { devices, kindOfLCode, type Device, type DeviceKind } from '../devices';
import { chargeAnchor } from '../shared';
import type { NoteRule } from '../types';

const A: Record<DeviceKind, string> = { orthosis: 'an orthosis', prosthesis: 'a prosthesis' };

/** The blocks of one kind, written out: "L0112–L4631" / "L5000–L7499, L7510–L7700 or L8400–L8485". */
function blocksOf(kind: DeviceKind): string {
  const category = kind === 'orthosis' ? 'orthosis' : 'limb-prosthesis';
  const list = LCODE_BLOCKS.filter((b) => b.category === category).map((b) => `${b.first}–${b.last}`);
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list[0];
}

/**
 * R-LCODE-03 (v2 item 5): an orthosis bills an orthosis L-code (L0112–L4631), a limb prosthesis a
 * limb-prosthesis L-code (L5000–L7499, L7510–L7700, L8400–L8485). Codes that are neither (L8000–L8039
 * breast, L8300–L8330 trusses, L8500 and above, the supply code L9900) are never a mismatch.
 * With several Device sections (v2 item 12) each billed L-code is matched to the device that lists
 * it in its L-code field; a code no device lists is a mismatch only when no Device type names its kind.
 */
export const lcodeRangeMismatch: NoteRule = {
  id: 'lcode-range-mismatch',
  description: 'A billed L-code (or one a Device section lists) is a limb-prosthesis code while the Device type names an orthosis, or an orthosis code for a prosthesis.',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['billing'],
  references: ['SRC-CMS-HCPCS-2019'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    const devs = devices(note);
    const typed = devs.filter((d) => d.kindFromType !== undefined);
    if (typed.length === 0) return;
    for (const charge of note.facts.charges) {
      const code = charge.code;
      const kind = code ? kindOfLCode(code) : undefined;
      if (!code || !kind) continue;
      const listed = typed.filter((d) => d.lcodes.includes(code));
      // The device(s) this L-code belongs to: those listing it, else every typed device.
      const owners: Device[] = listed.length > 0 ? listed : typed;
      if (owners.some((d) => d.kindFromType === kind)) continue;
      const deviceKind = owners[0].kindFromType!;
      const block = lcodeBlock(code)!;
      const what = kind === 'orthosis' ? 'an orthosis' : 'a limb-prosthesis';
      const device = listed.length > 0 || typed.length === 1 ? `the Device type names ${A[deviceKind]}` : `no Device section names ${A[kind]}`;
      report({
        range: chargeAnchor(charge),
        message: `${code} is ${what} L-code (block ${block.first}–${block.last}), but ${device}: bill ${deviceKind === 'orthosis' ? 'an orthosis' : 'a limb-prosthesis'} code (${blocksOf(deviceKind)}), or correct the Device type.`,
        related: owners.slice(0, 1).map((d) => ({ range: d.type!.range, message: `The Device type names ${A[deviceKind]}.` })),
      });
    }
    // An L-code written in a Device section's L-code field but not billed: the note still says the
    // device is of the other kind (a billed one was reported above, on its charge line).
    const billed = new Set(note.facts.charges.map((c) => c.code).filter((c): c is string => !!c));
    for (const d of typed) {
      for (const f of d.section.fields) {
        if (f.spec?.id !== 'l-code' || f.missing) continue;
        for (const m of f.value.matchAll(/\bL\d{4}\b/gi)) {
          const code = m[0].toUpperCase();
          const kind = kindOfLCode(code);
          if (!kind || kind === d.kindFromType || billed.has(code)) continue;
          const block = lcodeBlock(code)!;
          const what = kind === 'orthosis' ? 'an orthosis' : 'a limb-prosthesis';
          report({
            range: f.valueRange,
            message: `The Device section lists ${code}, ${what} L-code (block ${block.first}–${block.last}), but its Type names ${A[d.kindFromType!]}: correct the L-code (${blocksOf(d.kindFromType!)}) or the Device type.`,
            related: [{ range: d.type!.range, message: `The Device type names ${A[d.kindFromType!]}.` }],
          });
        }
      }
    }
  },
};
