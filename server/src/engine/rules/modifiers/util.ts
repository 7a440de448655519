/** Helpers shared by the modifier rules: where each modifier sits, and edits that touch only it. */
import { isSeq } from '../../yaml';
import { removeModifier, replace } from '../../edit';
import { ASSISTANT_MODIFIER, DISCIPLINE_MODIFIER, disciplineOfModifier, MODIFIERS, type Discipline } from '../../knowledge/modifiers';
import type { Charge } from '../../parse/facts';
import type { FmItem } from '../../parse/frontMatter';
import { perNote, type Note } from '../../parse/note';
import type { Range, TextEdit } from '../../types';

/** One modifier of a charge line with the exact range of its code in the source. */
export interface ModifierSlot {
  code: string;
  item: FmItem;
  /** The code's own text (inside quotes; one token of a scalar such as `GP, CQ`). */
  range: Range;
  /** True when its list item / scalar holds only this modifier. */
  alone: boolean;
}

/**
 * The modifiers of a charge line with their source ranges, in source order. Computed once per
 * charge line and shared by the rules that ask (the result is read-only).
 */
export function modifierSlots(note: Note, charge: Charge): readonly ModifierSlot[] {
  return perNote(note, charge, () => computeModifierSlots(note, charge));
}

function computeModifierSlots(note: Note, charge: Charge): ModifierSlot[] {
  const mods = charge.modifiers;
  if (mods.length === 0) return [];
  const out: ModifierSlot[] = [];
  // Each list item (or scalar) once, with the codes read from it, in order.
  const seen = mods.length > 8 ? new Set<FmItem>() : undefined;
  for (let i = 0; i < mods.length; i++) {
    const item = mods[i].item;
    if (seen ? seen.has(item) : earlierItem(mods, i)) continue;
    seen?.add(item);
    const codes = mods.filter((x) => x.item === item);
    const { start, end } = item.range;
    // The item's tokens (runs of characters other than blanks, commas, quotes and brackets): each
    // code gets its own token's range when there are as many tokens as codes.
    const tokens = tokenStarts(note.text, start, end);
    const alone = codes.length === 1;
    for (let k = 0; k < codes.length; k++) {
      const range = tokens.length === codes.length ? { start: tokens[k], end: tokenEnd(note.text, tokens[k], end) } : item.range;
      out.push({ code: codes[k].code, item, range, alone });
    }
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

/** A character that ends a modifier token: white space (as `\s`), comma, quote or bracket. */
function isTokenStop(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13) || c === 44 || c === 34 || c === 39 || c === 91 || c === 93;
  return SPACE.test(s[i]);
}
const SPACE = /\s/;

/** True when a modifier before `i` comes from the same item. */
function earlierItem(mods: Charge['modifiers'], i: number): boolean {
  for (let j = 0; j < i; j++) if (mods[j].item === mods[i].item) return true;
  return false;
}

/** Where the tokens of `s[start, end)` start. */
function tokenStarts(s: string, start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start; i < end;) {
    if (isTokenStop(s, i)) {
      i++;
      continue;
    }
    out.push(i);
    i = tokenEnd(s, i, end);
  }
  return out;
}

function tokenEnd(s: string, i: number, end: number): number {
  while (i < end && !isTokenStop(s, i)) i++;
  return i;
}

/** Replaces one modifier's code in place (keeps quotes and the list's style). */
export function replaceModifier(slot: ModifierSlot, code: string): TextEdit {
  return replace(slot.range, code);
}

/**
 * Edits removing several modifiers of one line (each with its separator) without overlapping.
 * Undefined when the line's layout is too unusual to edit safely.
 */
export function removeModifiers(note: Note, charge: Charge, remove: readonly ModifierSlot[]): TextEdit[] | undefined {
  const mv = charge.modifiersValue;
  if (!mv?.node || remove.length === 0) return undefined;
  const slots = modifierSlots(note, charge);
  const gone = new Set(remove.map((s) => s.range.start));
  // Block list: one line per item; only items holding a single modifier can go.
  if (isSeq(mv.node) && !mv.node.flow) {
    const edits: TextEdit[] = [];
    const items = new Set<FmItem>();
    for (const s of remove) {
      if (!s.alone) return undefined;
      if (items.has(s.item)) continue;
      items.add(s.item);
      const e = removeModifier(note, charge, s.item);
      if (!e) return undefined;
      edits.push(e);
    }
    return edits;
  }
  if (slots.every((s) => gone.has(s.range.start))) {
    // Everything goes: leave an empty list.
    return isSeq(mv.node) ? [replace({ start: slots[0].range.start, end: slots[slots.length - 1].range.end }, '')] : [replace(mv.range, '[]')];
  }
  // Flow list or scalar: remove runs of adjacent removed modifiers with one separator each.
  const edits: TextEdit[] = [];
  let i = 0;
  while (i < slots.length) {
    if (!gone.has(slots[i].range.start)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < slots.length && gone.has(slots[j + 1].range.start)) j++;
    const first = slots[i];
    const last = slots[j];
    const startOf = (s: ModifierSlot) => (s.alone ? s.item.range.start : s.range.start);
    const endOf = (s: ModifierSlot) => (s.alone ? s.item.range.end : s.range.end);
    // With the separator before it (so separate fixes on one line never overlap), or after it when first.
    // Inside one scalar holding several modifiers (`"59, XS"`), stay inside it while some of it is kept.
    const inItem = slots.filter((s) => s.item === first.item);
    const run = slots.slice(i, j + 1);
    if (!first.alone && run.every((s) => s.item === first.item) && inItem.length > run.length) {
      const a = inItem.indexOf(first);
      const b = inItem.indexOf(last);
      edits.push(replace(a > 0 ? { start: inItem[a - 1].range.end, end: last.range.end } : { start: first.range.start, end: inItem[b + 1].range.start }, ''));
      i = j + 1;
      continue;
    }
    const r = i > 0 ? { start: endOf(slots[i - 1]), end: endOf(last) } : { start: startOf(first), end: startOf(slots[j + 1]) };
    // A run that crosses into a quoted scalar holding several modifiers cannot be cut safely.
    if (slots.some((s) => !s.alone) && /["']/.test(note.text.slice(r.start, r.end))) return undefined;
    edits.push(replace(r, ''));
    i = j + 1;
  }
  return edits;
}

/** The discipline the note states (PT/OT/SLP), if valid. */
export function noteDiscipline(note: Note): Discipline | undefined {
  const d = note.facts.discipline;
  return d === 'PT' || d === 'OT' || d === 'SLP' ? d : undefined;
}

export function disciplineSlots(slots: readonly ModifierSlot[]): ModifierSlot[] {
  return slots.filter((s) => disciplineOfModifier(s.code) !== undefined);
}

export function assistantSlots(slots: readonly ModifierSlot[]): ModifierSlot[] {
  return slots.filter((s) => MODIFIERS.get(s.code)?.group === 'assistant');
}

export function distinctSlots(slots: readonly ModifierSlot[]): ModifierSlot[] {
  return slots.filter((s) => MODIFIERS.get(s.code)?.group === 'distinct');
}

/** The discipline an assistant modifier (CQ/CO) belongs to. */
export function assistantDiscipline(code: string): Discipline | undefined {
  const info = MODIFIERS.get(code);
  return info?.group === 'assistant' ? info.discipline : undefined;
}

/**
 * The discipline a line is billed under: the line's discipline modifier matching the note's
 * discipline, else its only discipline modifier, else (no discipline modifier) the note's discipline.
 * Undefined when it cannot be told (several modifiers, none matching).
 */
export function lineDiscipline(slots: readonly ModifierSlot[], note: Discipline | undefined): Discipline | undefined {
  const ds = disciplineSlots(slots).map((s) => disciplineOfModifier(s.code)!);
  if (ds.length === 0) return note;
  if (note && ds.includes(note)) return note;
  const distinct = [...new Set(ds)];
  return distinct.length === 1 ? distinct[0] : undefined;
}

/** Assistant modifiers on an SLP line: a GN line, or an SLP note's line without a discipline modifier. */
export function isSlpLine(slots: readonly ModifierSlot[], note: Discipline | undefined): boolean {
  const ds = disciplineSlots(slots).map((s) => disciplineOfModifier(s.code));
  if (ds.length === 0) return note === 'SLP';
  return ds.includes('SLP') && !ds.includes('PT') && !ds.includes('OT');
}

export { ASSISTANT_MODIFIER, DISCIPLINE_MODIFIER };

/** Where a finding about a whole line's modifiers goes. */
export function modifiersAnchor(charge: Charge): Range {
  return charge.modifiersValue ? charge.modifiersValue.pairRange : charge.codeValue ? charge.codeValue.range : charge.range;
}

const DISCIPLINE_NAME: Readonly<Record<Discipline, string>> = { PT: 'physical therapy', OT: 'occupational therapy', SLP: 'speech-language pathology' };

/** Plain-words name of a discipline's plan of care with its article ("a physical therapy"). */
export function disciplineName(d: Discipline): string {
  return `${d === 'OT' ? 'an' : 'a'} ${DISCIPLINE_NAME[d]}`;
}

/** "a PT" / "an OT" / "an SLP". */
export function withArticle(d: Discipline): string {
  return `${d === 'PT' ? 'a' : 'an'} ${d}`;
}
