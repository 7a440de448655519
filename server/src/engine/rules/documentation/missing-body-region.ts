import { insertAt, insertChargeKey, insertFields } from '../../edit';
import type { Fix } from '../../types';
import { chargeAnchor, chargesWithCode, field, filledField } from '../shared';
import type { NoteRule } from '../types';
import type { Note } from '../../parse/note';
import { BODY_REGIONS, fieldLine, guessRegion, guessRegionFromLCode, namesBodyRegion, regionOfChargeValue, setFieldValue, type BodyRegion } from './util';

const HINT = 'upper extremity, lower extremity or trunk (UE, LE, upper, lower; a side may be added)';

/** The region choices, the one the device type (or else a billed L-code) suggests first. */
function orderedRegions(note: Note, typeText: string | undefined): BodyRegion[] {
  const guess =
    (typeText ? guessRegion(typeText) : undefined) ??
    note.facts.charges.map((c) => (c.code ? guessRegionFromLCode(c.code) : undefined)).find(Boolean);
  return guess ? [guess, ...BODY_REGIONS.filter((r) => r !== guess)] : [...BODY_REGIONS];
}

const CHARGE_VALUE: Record<BodyRegion, string> = { 'upper extremity': 'upper', 'lower extremity': 'lower', trunk: 'trunk' };

/** R-CPT-07: 97760 covers the upper extremity, lower extremity and/or trunk; the note says which. */
export const missingBodyRegion: NoteRule = {
  id: 'missing-body-region',
  description: 'A 97760 note names no body region: no `region` on the 97760 charge and no Region field in Device.',
  defaultSeverity: 'warning',
  kind: 'completeness',
  tags: ['documentation'],
  references: ['R-CPT-07'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const charges = chargesWithCode(note, '97760');
    if (charges.length === 0) return;
    // A charge region counts when it names a region, or when it is a placeholder (reported by unresolved-placeholder).
    if (charges.some((c) => c.region && (c.region.placeholder || regionOfChargeValue(c.region.value)))) return;
    const device = note.section('device');
    const regionFields = device?.fields.filter((f) => f.spec?.id === 'region') ?? [];
    if (regionFields.some((f) => !f.missing && namesBodyRegion(f.value))) return;
    const choices = orderedRegions(note, filledField(device, 'type')?.value);

    if (!device) {
      // No Device section (device-not-identified reports that): the region belongs on the 97760 line.
      const charge = charges[0];
      const fixes: Fix[] = [];
      for (const r of choices) {
        const edit = insertChargeKey(note, charge, 'region', CHARGE_VALUE[r]);
        if (edit) fixes.push({ title: `Add "region: ${CHARGE_VALUE[r]}" to the 97760 line`, kind: 'choice', edits: [edit] });
      }
      report({ range: chargeAnchor(charge), message: `97760 line names no body region and the note has no Device section: add region ${HINT}.`, fixes });
      return;
    }
    const f = field(device, 'region');
    if (!f) {
      report({
        range: device.headingRange,
        message: `The Device section names no body region: add "Region:" with ${HINT}.`,
        fixes: choices.map((r) => ({ title: `Insert "Region: ${r}"`, kind: 'choice' as const, edits: [insertFields(note, device, [fieldLine('device', 'region', r)])] })),
      });
      return;
    }
    if (f.missing) {
      report({
        range: f.range,
        message: `The body region is not documented: the "${f.label}" field is empty or unfilled; write ${HINT}.`,
        fixes: choices.map((r) => ({ title: `Set "${f.label}: ${r}"`, kind: 'choice' as const, edits: [setFieldValue(note, f, r)] })),
      });
      return;
    }
    // Filled, but with words that name no region (e.g. only a joint): keep them and put the region first.
    report({
      range: f.range,
      message: `The "${f.label}" field names no body region the code covers: write ${HINT}.`,
      fixes: choices.map((r) => ({ title: `Prefix "${r}" to the region`, kind: 'choice' as const, edits: [insertAt(f.valueRange.start, `${r}, `)] })),
    });
  },
};
