/**
 * The devices a note documents (rules.md v2 item 12): one per `Device` section, each with its kind
 * (orthosis or prosthesis), body region(s), side and L-codes, so that a device-level check can use
 * the device it concerns — matched by region, side or L-code — instead of the first section.
 * A note with an orthosis on one limb and a prosthesis on the other is two devices.
 */
import { lcodeCategory, type LCodeCategory } from '../knowledge/hcpcs';
import type { Field, Section } from '../parse/body';
import type { Charge } from '../parse/facts';
import { perNote, type Note } from '../parse/note';
import type { Range } from '../types';
import { chargesWithCode, filledField, sectionsOf } from './shared';

export type DeviceKind = 'orthosis' | 'prosthesis';
export type BodyRegion = 'upper' | 'lower' | 'trunk';
export type DeviceSide = 'right' | 'left' | 'bilateral';
/** The initial-encounter codes whose notes document one device each: 97760 (orthosis), 97761 (prosthesis). */
export type InitialDeviceCode = '97760' | '97761';

export const KIND_OF_CODE: Readonly<Record<InitialDeviceCode, DeviceKind>> = { '97760': 'orthosis', '97761': 'prosthesis' };

/** Words in a Device Type that name a prosthesis (note-format.md §2). */
const PROSTHESIS_WORDS = /\b(?:prosthes[ie]s|prosthetics?|sockets?)\b/i;
/** Words in a Device Type that name an orthosis; upper-case abbreviations are matched as written. */
const ORTHOSIS_WORDS = /\b(?:orthos[ie]s|orthotics?|braces?|splints?)\b/i;
const ORTHOSIS_ABBREVIATIONS = /\b(?:AFOs?|KAFOs?|HKAFOs?|KOs?|HKOs?|WHOs?|WHFOs?|EWHOs?|EOs?|HOs?|FOs?|TLSOs?|LSOs?|CTLSOs?|CTOs?|HFOs?)\b/;

/** The kind of device a piece of text names: undefined when it names none or both. */
export function deviceKindOfText(text: string): DeviceKind | undefined {
  const pro = PROSTHESIS_WORDS.test(text);
  const ortho = ORTHOSIS_WORDS.test(text) || ORTHOSIS_ABBREVIATIONS.test(text);
  if (pro === ortho) return undefined;
  return pro ? 'prosthesis' : 'orthosis';
}

/**
 * The device kind an L-code describes by its HCPCS block (v2 item 5, knowledge/hcpcs.ts
 * `LCODE_BLOCKS`): orthoses L0112–L4631; limb prostheses and their items L5000–L7499,
 * L7510–L7700, L8400–L8485. Codes that are neither (L8000–L8039 breast, L8300–L8330 trusses,
 * L8500 and above, the supply code L9900) and codes outside every block give undefined.
 */
export function kindOfLCode(code: string): DeviceKind | undefined {
  const c: LCodeCategory | undefined = lcodeCategory(code);
  return c === 'orthosis' ? 'orthosis' : c === 'limb-prosthesis' ? 'prosthesis' : undefined;
}

/** Body regions a text names (`upper extremity`, `UE`, `lower`, `LE`, `trunk`, a limb or joint word). */
export function bodyRegionsOfText(text: string): Set<BodyRegion> {
  const out = new Set<BodyRegion>();
  const t = text.toLowerCase();
  if (/\b(?:upper|[rlb]?ues?|arms?|wrists?|hands?|elbows?|shoulders?|fingers?|thumbs?)\b/.test(t)) out.add('upper');
  if (/\b(?:lower|[rlb]?les?|legs?|foot|feet|ankles?|knees?|hips?)\b/.test(t)) out.add('lower');
  if (/\b(?:trunk|spine|spinal|torso|back|lumbar|thoracic|cervical)\b/.test(t)) out.add('trunk');
  return out;
}

/** A guess at the region from a device type's words (AFO, wrist-hand, TLSO …); used when no region is documented. */
export function guessRegionOfType(text: string): BodyRegion | undefined {
  const t = text.toLowerCase();
  if (/\b(?:tlso|lso|cto|ctlso|spin\w*|lumb\w*|thorac\w*|sacr\w*|cervical|back brace|trunk)\b/.test(t)) return 'trunk';
  if (/\b(?:afo|kafo|hkafo|ko|fo|ankle|foot|feet|knee|hip|leg|toe|transtibial|transfemoral|below[- ]knee|above[- ]knee|bk|ak|syme)\b/.test(t)) return 'lower';
  if (/\b(?:who|whfo|ewho|ewhfo|wrist|hand|finger|thumb|elbow|shoulder|arm|transradial|transhumeral|below[- ]elbow|above[- ]elbow)\b/.test(t)) return 'upper';
  return undefined;
}

/**
 * The region an L-code's block covers: orthoses — spinal L0112–L1499 trunk, hip to foot
 * L1600–L3649 lower, shoulder to hand L3650–L3999 upper; limb prostheses — L5000–L5999 lower,
 * L6000–L7499 upper. Additions, repairs and the rest say nothing.
 */
export function guessRegionOfLCode(code: string): BodyRegion | undefined {
  const m = /^L(\d{4})$/i.exec(code.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n >= 112 && n <= 1499) return 'trunk';
  if (n >= 1600 && n <= 3649) return 'lower';
  if (n >= 3650 && n <= 3999) return 'upper';
  if (n >= 5000 && n <= 5999) return 'lower';
  if (n >= 6000 && n <= 7499) return 'upper';
  return undefined;
}

/** The side a text names; `shortForms` also reads a lone `R` / `L`. Both sides, "both", "bilateral": bilateral. */
export function sideOfText(text: string, shortForms: boolean): DeviceSide | undefined {
  const t = text.toLowerCase();
  if (/\b(bilateral|bilat|both|b[ul]es?)\b/.test(t)) return 'bilateral';
  const right = (shortForms ? /\b(right|rt|r)\b/ : /\b(right|rt)\b/).test(t) || /\br[ul]e\b/.test(t);
  const left = (shortForms ? /\b(left|lt|l)\b/ : /\b(left|lt)\b/).test(t) || /\bl[ul]e\b/.test(t);
  if (right && left) return 'bilateral';
  return right ? 'right' : left ? 'left' : undefined;
}

export interface Device {
  section: Section;
  /** Position among the note's Device sections (0 = first). */
  index: number;
  /** The filled `Type` field. */
  type?: Field;
  /** The kind the Type's words name. */
  kindFromType?: DeviceKind;
  /** The kind: from the Type, else from the device's own L-codes when they agree. */
  kind?: DeviceKind;
  /** L-codes written in the device's `L-code` and `Type` fields (upper case). */
  lcodes: string[];
  /** Regions the Region field names (empty when none is documented). */
  regions: Set<BodyRegion>;
  /** `regions`, else a guess from the Type's words or the device's L-codes. */
  likelyRegions: Set<BodyRegion>;
  /** The side from the Side field, else a side word in the Region field. */
  side?: { side: DeviceSide; range: Range };
}

const LCODE = /\bL\d{4}\b/gi;

function lcodesOf(section: Section): string[] {
  const out = new Set<string>();
  for (const f of section.fields) {
    if ((f.spec?.id !== 'l-code' && f.spec?.id !== 'type') || f.missing) continue;
    for (const m of f.value.matchAll(LCODE)) out.add(m[0].toUpperCase());
  }
  return [...out];
}

/** One kind when every known kind among the codes agrees; undefined when none or they disagree. */
export function kindOfLCodes(codes: readonly string[]): DeviceKind | undefined {
  const kinds = new Set(codes.map(kindOfLCode).filter((k): k is DeviceKind => k !== undefined));
  return kinds.size === 1 ? [...kinds][0] : undefined;
}

function deviceOf(section: Section, index: number): Device {
  const type = filledField(section, 'type');
  const kindFromType = type ? deviceKindOfText(type.value) : undefined;
  const lcodes = lcodesOf(section);
  const regions = new Set<BodyRegion>();
  for (const f of section.fields) if (f.spec?.id === 'region' && !f.missing) for (const r of bodyRegionsOfText(f.value)) regions.add(r);
  const likelyRegions = new Set(regions);
  if (likelyRegions.size === 0) {
    const guess = (type ? guessRegionOfType(type.value) : undefined) ?? lcodes.map(guessRegionOfLCode).find((r) => r !== undefined);
    if (guess) likelyRegions.add(guess);
  }
  let side: Device['side'];
  const sideField = filledField(section, 'side');
  const s = sideField ? sideOfText(sideField.value, true) : undefined;
  if (sideField && s) side = { side: s, range: sideField.range };
  else {
    const regionField = filledField(section, 'region');
    const r = regionField ? sideOfText(regionField.value, false) : undefined;
    if (regionField && r) side = { side: r, range: regionField.range };
  }
  return { section, index, type, kindFromType, kind: kindFromType ?? kindOfLCodes(lcodes), lcodes, regions, likelyRegions, side };
}

/**
 * The note's devices, one per `Device` section, in document order. Computed once per note and
 * shared by the rules that ask (the result is read-only).
 */
export function devices(note: Note): readonly Device[] {
  return perNote(note, devices, findDevices);
}

function findDevices(note: Note): readonly Device[] {
  return sectionsOf(note, 'device').map(deviceOf);
}

/** L-codes billed on the note's charge lines (upper case, in order, once each). */
export function billedLCodes(note: Note): string[] {
  return [...new Set(note.facts.charges.map((c) => c.code).filter((c): c is string => !!c && /^L\d{4}$/.test(c)))];
}

/**
 * The kind of each device; for a note with a single Device section whose Type and L-code fields
 * say nothing, the billed L-codes when they all describe one kind (as in v1).
 */
export function deviceKinds(note: Note, devs: readonly Device[] = devices(note)): Map<Device, DeviceKind | undefined> {
  const out = new Map<Device, DeviceKind | undefined>();
  for (const d of devs) out.set(d, d.kind ?? (devs.length === 1 ? kindOfLCodes(billedLCodes(note)) : undefined));
  return out;
}

/** The region a charge's `region` value names, when it names one. */
export function chargeRegion(charge: Charge): BodyRegion | undefined {
  const v = charge.region;
  if (!v || v.placeholder || typeof v.value !== 'string') return undefined;
  const t = v.value.trim().toLowerCase();
  if (/^(?:upper|ue)\b/.test(t)) return 'upper';
  if (/^(?:lower|le)\b/.test(t)) return 'lower';
  if (/^trunk\b/.test(t)) return 'trunk';
  return undefined;
}

/**
 * The devices a 97760 / 97761 line concerns: the devices of its kind (or of no known kind) —
 * narrowed to those of the line's `region` when it has one and some device is documented there.
 * When no device is of its kind, every device (the code/device mismatch is another rule's finding).
 */
export function devicesForCharge(note: Note, code: InitialDeviceCode, charge?: Charge, devs: readonly Device[] = devices(note)): Device[] {
  const kinds = deviceKinds(note, devs);
  const want = KIND_OF_CODE[code];
  let out = devs.filter((d) => kinds.get(d) === want || kinds.get(d) === undefined);
  if (out.length === 0) out = [...devs];
  const region = charge ? chargeRegion(charge) : undefined;
  if (region) {
    const there = out.filter((d) => d.likelyRegions.has(region));
    if (there.length > 0) out = there;
  }
  return out;
}

/** The regions a 97760 / 97761 line is for: its own `region`, else those of the devices it concerns. */
export function regionsOfCharge(note: Note, code: InitialDeviceCode, charge: Charge, devs: readonly Device[] = devices(note)): Set<BodyRegion> {
  const own = chargeRegion(charge);
  if (own) return new Set([own]);
  const out = new Set<BodyRegion>();
  const concerned = devicesForCharge(note, code, charge, devs);
  for (const d of concerned) for (const r of d.likelyRegions) out.add(r);
  if (out.size === 0 && devs.length === 0) {
    // No Device section: the billed L-codes of the code's kind say where the device is.
    for (const l of billedLCodes(note)) {
      if (kindOfLCode(l) !== KIND_OF_CODE[code]) continue;
      const r = guessRegionOfLCode(l);
      if (r) out.add(r);
    }
  }
  return out;
}

/** What a note billing 97760 and/or 97761 calls its device, for messages (section H: "prosthesis" on 97761 notes). */
export interface InitialDeviceNote {
  readonly codes: readonly InitialDeviceCode[];
  /** '97760', '97761' or '97760/97761'. */
  readonly label: string;
  /** 'orthosis', 'prosthesis' or 'orthosis or prosthesis'. */
  readonly noun: string;
  /** The noun with its article: 'an orthosis', 'a prosthesis', 'an orthosis or prosthesis'. */
  readonly aNoun: string;
  /** 'orthotic', 'prosthetic' or 'orthotic/prosthetic'. */
  readonly adjective: string;
  /** Whether the note bills 97761 only (prosthesis wording and hints). */
  readonly prosthesis: boolean;
}

/**
 * The initial-encounter device codes a note bills (97760 for an orthosis, 97761 for a prosthesis)
 * and the words its messages use; undefined when it bills neither. rules.md section B applies to
 * both (section H).
 */
export function initialDeviceNote(note: Note): InitialDeviceNote | undefined {
  // Asked by many rules per note: worked out once (the result is read-only).
  return perNote(note, initialDeviceNote, findInitialDeviceNote);
}

function findInitialDeviceNote(note: Note): InitialDeviceNote | undefined {
  const codes = (['97760', '97761'] as const).filter((c) => chargesWithCode(note, c).length > 0);
  if (codes.length === 0) return undefined;
  if (codes.length === 2) {
    return { codes, label: '97760/97761', noun: 'orthosis or prosthesis', aNoun: 'an orthosis or prosthesis', adjective: 'orthotic/prosthetic', prosthesis: false };
  }
  return codes[0] === '97761'
    ? { codes, label: '97761', noun: 'prosthesis', aNoun: 'a prosthesis', adjective: 'prosthetic', prosthesis: true }
    : { codes, label: '97760', noun: 'orthosis', aNoun: 'an orthosis', adjective: 'orthotic', prosthesis: false };
}
