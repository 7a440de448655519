/** Helpers shared by the code-selection and billing rules. */
import { isMap, isSeq } from '../../yaml';
import { replace } from '../../edit';
import { billedLCodes, deviceKindOfText, deviceKinds, devices, devicesForCharge, kindOfLCodes, type DeviceKind } from '../devices';
import type { Charge } from '../../parse/facts';
import type { Field, Section } from '../../parse/body';
import type { Note } from '../../parse/note';
import type { Range, TextEdit } from '../../types';
import { filledField } from '../shared';

export type { DeviceKind };
export { deviceKindOfText };

/** The filled `Type` field of the first Device section. */
export function deviceTypeField(note: Note): Field | undefined {
  return filledField(note.section('device'), 'type');
}

/** Device kind named by the Device sections' Type fields, when they all name the same kind. */
export function deviceKindFromType(note: Note): DeviceKind | undefined {
  const kinds = new Set(
    devices(note)
      .map((d) => d.kindFromType)
      .filter((k): k is DeviceKind => k !== undefined),
  );
  return kinds.size === 1 ? [...kinds][0] : undefined;
}

/** L-codes of the note: billed charge codes and codes written in the Device sections' L-code / Type fields. */
export function noteLCodes(note: Note): string[] {
  return [...new Set([...billedLCodes(note), ...devices(note).flatMap((d) => d.lcodes)])];
}

/**
 * Device kind from the note's L-codes by their v2 HCPCS block (orthosis; limb prosthesis incl.
 * L7510–L7700 and L8400–L8485): undefined when there are none, or when they disagree. Codes that
 * are neither (L9900, breast, implants …) say nothing.
 */
export function deviceKindFromLCodes(note: Note): DeviceKind | undefined {
  return kindOfLCodes(noteLCodes(note));
}

/**
 * The kind of device the note manages: the one kind its Device sections name (by Type, else their
 * L-codes), else the note's L-codes when they all fall in one block; undefined when the note has
 * devices of both kinds or says nothing.
 */
export function deviceKind(note: Note): DeviceKind | undefined {
  const devs = devices(note);
  const kinds = new Set([...deviceKinds(note, devs).values()].filter((k): k is DeviceKind => k !== undefined));
  if (kinds.size > 1) return undefined;
  if (kinds.size === 1) return [...kinds][0];
  return deviceKindFromLCodes(note);
}

/** An edit that replaces only the code characters of a charge's `code` value (quotes kept). */
export function replaceCode(note: Note, charge: Charge, newCode: string): TextEdit | undefined {
  const v = charge.codeValue;
  if (!v) return undefined;
  const src = note.text.slice(v.range.start, v.range.end);
  const m = /[A-Za-z0-9]+/.exec(src);
  if (!m) return undefined;
  return replace({ start: v.range.start + m.index, end: v.range.start + m.index + m[0].length }, newCode);
}

/** The text range that removes one charge item from the `charges` list (its lines, or its flow entry with a separator). */
export function chargeRemovalRange(note: Note, charge: Charge): Range | undefined {
  const cv = note.facts.chargesValue;
  if (!cv?.node || !isSeq(cv.node) || !charge.node || !isMap(charge.node)) return undefined;
  const t = note.text;
  if (cv.node.flow) {
    let s = charge.range.start;
    let e = charge.range.end;
    const after = /^\s*,\s*/.exec(t.slice(e, cv.range.end));
    if (after) e += after[0].length;
    else {
      const before = /(?<!\s)\s*,\s*$/.exec(t.slice(cv.range.start, s));
      if (before) s -= before[0].length;
    }
    return { start: s, end: e };
  }
  if (charge.node.flow) {
    // `- {code: 97763, …}` on its own line.
    const line = note.lines.lineAt(charge.range.start);
    if (!/^\s*-\s*$/.test(t.slice(note.lines.lineStarts[line], charge.range.start))) return undefined;
    return { start: note.lines.lineStarts[line], end: note.lines.lineEndWithBreak(note.lines.lineAt(Math.max(charge.range.end - 1, charge.range.start))) };
  }
  const first = note.lines.lineAt(charge.range.start);
  // The item must start its own `- ` line, so removing whole lines removes nothing else.
  if (!/^\s*-\s+$/.test(t.slice(note.lines.lineStarts[first], charge.range.start))) return undefined;
  const lastEnd = Math.max(charge.range.start, ...[...charge.entries.values()].map((v) => v.pairRange.end));
  const last = note.lines.lineAt(Math.max(charge.range.start, lastEnd - 1));
  return { start: note.lines.lineStarts[first], end: note.lines.lineEndWithBreak(last) };
}

/** Whether a charge carries one of the modifiers (upper case). */
export function hasModifier(charge: Charge, ...mods: string[]): boolean {
  return charge.modifiers.some((m) => mods.includes(m.code));
}

/** Body regions named by a Region text (`upper extremity`, `UE`, `lower`, `LE`, `trunk` …). */
export function regionsOfText(text: string): Set<'upper' | 'lower' | 'trunk'> {
  const out = new Set<'upper' | 'lower' | 'trunk'>();
  const t = text.toLowerCase();
  if (/\b(?:upper|ue|ues|arm|arms)\b/.test(t)) out.add('upper');
  if (/\b(?:lower|le|les|leg|legs)\b/.test(t)) out.add('lower');
  if (/\b(?:trunk|spine|spinal|torso)\b/.test(t)) out.add('trunk');
  return out;
}

/**
 * Body regions a 97760 line applies to: its own `region`, else the Region fields of the Device
 * sections it concerns (the orthoses; v2 item 12: a prosthesis on the other limb does not count).
 */
export function chargeRegions(note: Note, charge: Charge): Set<'upper' | 'lower' | 'trunk'> {
  const r = charge.region;
  if (r && !r.placeholder && typeof r.value === 'string' && r.value.trim()) return regionsOfText(r.value);
  const out = new Set<'upper' | 'lower' | 'trunk'>();
  for (const d of devicesForCharge(note, '97760', charge)) {
    for (const f of d.section.fields) if (f.spec?.id === 'region' && !f.missing) for (const x of regionsOfText(f.value)) out.add(x);
  }
  return out;
}

/**
 * A sentence about teaching the patient (v2 item 7): the therapist taught, instructed, educated or
 * demonstrated, or the patient (or caregiver) adjusted, called, practised or demonstrated something
 * themselves — "taught to call the clinic", "practised adjusting the straps herself". Such time is
 * training, not fitting and not time without the patient.
 */
export const TEACHING =
  /\b(?:teach\w*|taught|instruct\w*|educat\w*|demonstrat\w*|practi[cs]\w*|coach\w*|return demonstration)\b|\b(?:patient|pt|client|caregiver|spouse|wife|husband|family|daughter|son|mother|father|parent|she|he|they)\b[^.;\n]{1,40}?\b(?:adjusted|called|practi[cs]ed|donned|doffed|demonstrated|performed|repeated|managed)\b|\b(?:herself|himself|themselves)\b/i;

/**
 * Where a keyword pattern occurs in a section, sentence by sentence, skipping sentences that say
 * the time was excluded and sentences about teaching the patient ({@link TEACHING}). Returns the
 * fields (or the heading, for narrative) that hold a match.
 */
export function keywordHits(section: Section, pattern: RegExp, exclusion: RegExp): Range[] {
  const counts = (text: string) => text.split(/[.;\n]+/).some((sentence) => pattern.test(sentence) && !exclusion.test(sentence) && !TEACHING.test(sentence));
  const hits: Range[] = [];
  for (const f of section.fields) {
    if (counts(`${f.label}: ${f.value}`)) hits.push(f.range);
  }
  if (hits.length === 0 && counts(section.text)) hits.push(section.headingRange);
  return hits;
}
