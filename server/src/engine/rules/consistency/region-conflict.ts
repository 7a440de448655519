import { replace, setValue } from '../../edit';
import { lcodeCategory } from '../../knowledge/hcpcs';
import type { Field, Section } from '../../parse/body';
import type { Charge } from '../../parse/facts';
import type { Note } from '../../parse/note';
import type { Fix, RelatedInfo, TextEdit } from '../../types';
import { chargeAnchor, chargesWithCode } from '../shared';
import type { NoteRule, RuleReport } from '../types';
import { BODY_REGIONS, regionOfChargeValue, type BodyRegion } from '../documentation/util';
import { DEVICE_TRAINING_CODES, deviceSections, filledFields, REGION_WORDS, regionMentions, regionOfLCode } from './util';

/** A Device section and the regions its Region field names. */
interface DeviceInfo {
  section: Section;
  regionField?: Field;
  regions: Set<BodyRegion>;
  /** L-codes written in the section's `L-code` field. */
  lcodes: { code: string; field: Field }[];
}

/** Something on the claim or in the Device section that names a body region. */
interface Claim {
  region: BodyRegion;
  /** Words for the message: "the 97760 line's region is upper". */
  what: string;
  related: RelatedInfo;
  /** The training line whose `region` could be set instead (a choice). */
  charge?: Charge;
}

const LCODE = /\bL\d{4}\b/gi;

function devicesOf(note: Note): DeviceInfo[] {
  return deviceSections(note).map((section) => {
    const regionFields = filledFields(section, 'region');
    const regionField = regionFields.find((f) => regionMentions(f.value).length > 0);
    const lcodes: DeviceInfo['lcodes'] = [];
    for (const f of filledFields(section, 'l-code')) for (const m of f.value.match(LCODE) ?? []) lcodes.push({ code: m.toUpperCase(), field: f });
    return { section, regionField, regions: new Set(regionField ? regionMentions(regionField.value).map((m) => m.region) : []), lcodes };
  });
}

function lcodeWhat(code: string, region: BodyRegion, where: string): string {
  const kind = lcodeCategory(code) === 'limb-prosthesis' ? 'prosthesis' : 'orthosis';
  const area = region === 'trunk' ? 'trunk (spinal)' : region === 'upper extremity' ? 'upper-limb' : 'lower-limb';
  return `${where}${code} is ${area === 'upper-limb' ? 'an' : 'a'} ${area} ${kind} code`;
}

function regionList(regions: Iterable<BodyRegion>): string {
  return [...regions].map((r) => `the ${r}`).join(' and ');
}

/** Rewrites the region words of a Region field to `target`, keeping every other word (side, joint). */
function rewriteRegion(note: Note, f: Field, target: BodyRegion): TextEdit[] | undefined {
  const src = note.text.slice(f.valueRange.start, f.valueRange.end);
  const all = regionMentions(src);
  if (all.length === 0) return undefined;
  // The region's own names (`lower extremity`, `LE`); a trunk part (`lumbar`) only when there is nothing else.
  const named = all.filter((m) => !m.part);
  const mentions = named.length ? named : [all[0]];
  return mentions.map((m) => {
    const written = src.slice(m.start, m.end);
    let text: string;
    if (m.sideLetter !== undefined || /^[A-Z]{2,3}S?$/.test(written)) text = target === 'trunk' ? 'trunk' : `${m.sideLetter ?? ''}${target === 'upper extremity' ? 'UE' : 'LE'}`;
    else if (/\s|-/.test(written)) text = target;
    else text = REGION_WORDS[target];
    return replace({ start: f.valueRange.start + m.start, end: f.valueRange.start + m.end }, text);
  });
}

/**
 * rules.md v2 §G: the Device section's `Region` agrees with the region the claim names — the
 * training line's `region` and the body area of the billed L-code.
 */
export const regionConflict: NoteRule = {
  id: 'region-conflict',
  description: 'The Device Region contradicts the 97760/97761/97763 line’s region or the body area of the billed L-code.',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['consistency'],
  references: ['SRC-CMS-HCPCS-2019'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const devices = devicesOf(note).filter((d) => d.regionField);
    if (devices.length === 0) return;
    const inDeviceFields = new Set(devices.flatMap((d) => d.lcodes.map((l) => l.code)));

    const trainingClaims: Claim[] = [];
    for (const c of chargesWithCode(note, ...DEVICE_TRAINING_CODES)) {
      if (!c.region || c.region.placeholder) continue;
      const region = regionOfChargeValue(c.region.value);
      if (region)
        trainingClaims.push({
          region,
          what: `the ${c.code} line's region is ${REGION_WORDS[region]}`,
          related: { range: c.region.range, message: `${c.code} line: region ${REGION_WORDS[region]}.` },
          charge: c,
        });
    }
    const lcodeClaims: Claim[] = [];
    for (const c of note.facts.charges) {
      if (!c.code || inDeviceFields.has(c.code)) continue;
      const region = regionOfLCode(c.code);
      if (region) lcodeClaims.push({ region, what: lcodeWhat(c.code, region, 'the billed '), related: { range: chargeAnchor(c), message: `${c.code} on the claim.` } });
    }

    if (devices.length === 1) {
      const d = devices[0];
      const own = d.lcodes.flatMap(({ code, field }) => {
        const region = regionOfLCode(code);
        return region ? [{ region, what: lcodeWhat(code, region, 'its L-code '), related: { range: field.range, message: `L-code ${code}.` } }] : [];
      });
      const against = [...trainingClaims, ...lcodeClaims, ...own].filter((c) => !d.regions.has(c.region));
      if (against.length) reportDevice(note, d, against, report);
      return;
    }

    // Several devices: each device's own L-code is checked against its own Region; a claim line
    // conflicts only when no device names its region.
    for (const d of devices) {
      const own = d.lcodes.flatMap(({ code, field }) => {
        const region = regionOfLCode(code);
        return region && !d.regions.has(region) ? [{ region, what: lcodeWhat(code, region, 'its L-code '), related: { range: field.range, message: `L-code ${code}.` } }] : [];
      });
      if (own.length) reportDevice(note, d, own, report);
    }
    const named = new Set(devices.flatMap((d) => [...d.regions]));
    for (const claim of [...trainingClaims, ...lcodeClaims]) {
      if (named.has(claim.region)) continue;
      const fixes: Fix[] = claim.charge
        ? [...named].map((r) => ({
            title: `Set the ${claim.charge!.code} line's region to ${REGION_WORDS[r]}`,
            kind: 'choice' as const,
            edits: [setValue(note, claim.charge!.region!, REGION_WORDS[r])],
          }))
        : [];
      report({
        range: claim.related.range,
        message: `${capitalize(claim.what)}, but no Device section names the ${claim.region} (they name ${regionList(named)}): document the device for that region, or correct the claim.`,
        related: devices.map((d) => ({ range: d.regionField!.range, message: `Device: ${d.regionField!.value}.` })),
        fixes,
      });
    }
  },
};

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function reportDevice(note: Note, d: DeviceInfo, against: Claim[], report: (r: RuleReport) => void): void {
  const f = d.regionField!;
  // Fix choices: the Region the claim names (most-named first), or the training line's region set to the Device's.
  const counts = new Map<BodyRegion, number>();
  for (const c of against) counts.set(c.region, (counts.get(c.region) ?? 0) + 1);
  const targets = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || BODY_REGIONS.indexOf(a) - BODY_REGIONS.indexOf(b));
  const fixes: Fix[] = [];
  const deviceRegion = d.regions.size === 1 ? [...d.regions][0] : undefined;
  const chargeFixes: Fix[] = [];
  if (deviceRegion) {
    for (const c of against) {
      if (!c.charge) continue;
      chargeFixes.push({
        title: `Set the ${c.charge.code} line's region to ${REGION_WORDS[deviceRegion]} (as in the Device section)`,
        kind: 'choice',
        edits: [setValue(note, c.charge.region!, REGION_WORDS[deviceRegion])],
      });
    }
  }
  const regionFixes: Fix[] = [];
  for (const t of targets) {
    const edits = rewriteRegion(note, f, t);
    if (edits) regionFixes.push({ title: `Set "${f.label}" to ${t}`, kind: 'choice', edits });
  }
  // When an L-code agrees with the Device section, the training line's region is the likelier slip.
  const lcodeAgrees = deviceRegion !== undefined && note.facts.charges.some((c) => c.code && regionOfLCode(c.code) === deviceRegion);
  fixes.push(...(lcodeAgrees ? [...chargeFixes, ...regionFixes] : [...regionFixes, ...chargeFixes]));
  report({
    range: f.range,
    message: `The Device section's region is ${regionList(d.regions)}, but ${against.map((c) => c.what).join(', and ')}: check which is right and correct the other.`,
    related: against.map((c) => c.related),
    fixes,
  });
}
