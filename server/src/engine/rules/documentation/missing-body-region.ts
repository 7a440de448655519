import { insertAt, insertChargeKey, insertFields } from '../../edit';
import type { Fix } from '../../types';
import { chargeAnchor, chargesWithCode, field, filledField } from '../shared';
import type { NoteRule } from '../types';
import type { Note } from '../../parse/note';
import type { Section } from '../../parse/body';
import { devices, devicesForCharge, initialDeviceNote } from '../devices';
import { BODY_REGIONS, fieldLine, guessRegion, guessRegionFromLCode, namesBodyRegion, regionOfChargeValue, setFieldValue, type BodyRegion } from './util';

const HINT = 'upper extremity, lower extremity or trunk (UE, LE, upper, lower; a side may be added)';

/** The region choices, the one the device type (or else a billed L-code) suggests first. */
function orderedRegions(note: Note, typeText: string | undefined): BodyRegion[] {
  const guess = (typeText ? guessRegion(typeText) : undefined) ?? note.facts.charges.map((c) => (c.code ? guessRegionFromLCode(c.code) : undefined)).find(Boolean);
  return guess ? [guess, ...BODY_REGIONS.filter((r) => r !== guess)] : [...BODY_REGIONS];
}

const CHARGE_VALUE: Record<BodyRegion, string> = { 'upper extremity': 'upper', 'lower extremity': 'lower', trunk: 'trunk' };

/**
 * R-CPT-07: 97760 covers the upper extremity, lower extremity and/or trunk; the note says which.
 * The same for 97761 (rules.md section H). The region may sit on the code's charge line; otherwise
 * each Device section the code concerns (its orthoses for 97760, its prostheses for 97761; v2
 * item 12) names its region.
 */
export const missingBodyRegion: NoteRule = {
  id: 'missing-body-region',
  description: 'A 97760/97761 note names no body region: no `region` on the charge line and no Region field in the Device section it concerns.',
  defaultSeverity: 'warning',
  kind: 'completeness',
  tags: ['documentation'],
  references: ['SRC-AOTA-ORTHOTICS'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const ctx = initialDeviceNote(note);
    if (!ctx) return;
    const devs = devices(note);
    const reported = new Set<Section>();
    for (const code of ctx.codes) {
      const charges = chargesWithCode(note, code);
      // A charge region counts when it names a region, or when it is a placeholder (reported by unresolved-placeholder).
      if (charges.some((c) => c.region && (c.region.placeholder || regionOfChargeValue(c.region.value)))) continue;
      if (devs.length === 0) {
        // No Device section (device-not-identified reports that): the region belongs on the charge line.
        const charge = charges[0];
        const choices = orderedRegions(note, undefined);
        const fixes: Fix[] = [];
        for (const r of choices) {
          const edit = insertChargeKey(note, charge, 'region', CHARGE_VALUE[r]);
          if (edit) fixes.push({ title: `Add "region: ${CHARGE_VALUE[r]}" to the ${code} line`, kind: 'choice', edits: [edit] });
        }
        report({ range: chargeAnchor(charge), message: `${code} line names no body region and the note has no Device section: add region ${HINT}.`, fixes });
        continue;
      }
      for (const d of devicesForCharge(note, code, undefined, devs)) {
        if (reported.has(d.section)) continue;
        const device = d.section;
        const regionFields = device.fields.filter((f) => f.spec?.id === 'region');
        if (regionFields.some((f) => !f.missing && namesBodyRegion(f.value))) continue;
        reported.add(device);
        const choices = orderedRegions(note, filledField(device, 'type')?.value);
        const f = field(device, 'region');
        if (!f) {
          report({
            range: device.headingRange,
            message: `The Device section names no body region: add "Region:" with ${HINT}.`,
            fixes: choices.map((r) => ({ title: `Insert "Region: ${r}"`, kind: 'choice' as const, edits: [insertFields(note, device, [fieldLine('device', 'region', r)])] })),
          });
          continue;
        }
        if (f.missing) {
          report({
            range: f.range,
            message: `The body region is not documented: the "${f.label}" field is empty or unfilled; write ${HINT}.`,
            fixes: choices.map((r) => ({ title: `Set "${f.label}: ${r}"`, kind: 'choice' as const, edits: [setFieldValue(note, f, r)] })),
          });
          continue;
        }
        // Filled, but with words that name no region (e.g. only a joint): keep them and put the region first.
        report({
          range: f.range,
          message: `The "${f.label}" field names no body region the code covers: write ${HINT}.`,
          fixes: choices.map((r) => ({ title: `Prefix "${r}" to the region`, kind: 'choice' as const, edits: [insertAt(f.valueRange.start, `${r}, `)] })),
        });
      }
    }
  },
};
