import { addModifier, setValue } from '../../edit';
import { applyEdits } from '../../fix';
import { sideModifierRequirement, type SidePolicy } from '../../knowledge/sideModifiers';
import type { Section } from '../../parse/body';
import type { Charge } from '../../parse/facts';
import type { Note } from '../../parse/note';
import type { Fix, Range, RelatedInfo, TextEdit } from '../../types';
import { chargeAnchor } from '../shared';
import { modifierSlots, removeModifiers, replaceModifier, type ModifierSlot } from '../modifiers/util';
import type { NoteRule } from '../types';
import { deviceSections, filledFields, lineUnits, regionMentions, regionOfLCode, sideIn, type Side } from './util';

const POLICY_WORDS: Record<SidePolicy, string> = {
  'afo-kafo': 'ankle-foot and knee-ankle-foot orthoses',
  'knee-orthosis': 'knee orthoses',
  'lower-limb-prosthesis': 'lower limb prostheses',
  'orthopedic-footwear': 'orthopedic footwear and shoe inserts',
};

/** Modifiers that say "both sides" on one line. */
const BOTH = new Set(['RTLT', 'LTRT', '50']);

interface DocumentedSide {
  side: Side;
  range: Range;
}

/** The side of one Device section: its Side field, else a side in its Region field; undefined when unclear or contradictory. */
function sideOfDevice(section: Section): DocumentedSide | undefined {
  const found: DocumentedSide[] = [];
  for (const f of filledFields(section, 'side')) {
    const s = sideIn(f.value);
    if (s) found.push({ side: s, range: f.range });
  }
  for (const f of filledFields(section, 'region')) {
    const s = sideIn(f.value);
    if (s) found.push({ side: s, range: f.range });
  }
  if (found.length === 0) return undefined;
  return found.every((x) => x.side === found[0].side) ? found[0] : undefined;
}

/**
 * The side documented for the device an L-code line bills: the Device section whose `L-code`
 * field names the code; else the only Device section; else the only Device section for the
 * L-code's body region. Undefined when no single device can be told or its side is unclear.
 */
function documentedSide(note: Note, code: string): DocumentedSide | undefined {
  const devices = deviceSections(note);
  const byCode = devices.filter((d) => filledFields(d, 'l-code').some((f) => new RegExp(`\\b${code}\\b`, 'i').test(f.value)));
  if (byCode.length === 1) return sideOfDevice(byCode[0]);
  if (byCode.length > 1) return undefined;
  if (devices.length === 1) return sideOfDevice(devices[0]);
  const region = regionOfLCode(code);
  if (!region) return undefined;
  const byRegion = devices.filter((d) => filledFields(d, 'region').some((f) => regionMentions(f.value).some((m) => m.region === region)));
  return byRegion.length === 1 ? sideOfDevice(byRegion[0]) : undefined;
}

/** The charge's whole list item, from the start of its `- ` line to the end of its last line; undefined for unusual layouts. */
function itemLines(note: Note, c: Charge): Range | undefined {
  const line = note.lines.lineAt(c.range.start);
  const start = note.lines.lineStarts[line];
  if (!/^[ \t]*-[ \t]+$/.test(note.text.slice(start, c.range.start))) return undefined;
  let end = c.range.end;
  while (end > c.range.start && /\s/.test(note.text[end - 1])) end--;
  const last = note.lines.lineAt(end - 1);
  if (note.text.slice(end, note.lines.lineContentEnd(last)).trim() !== '') return undefined;
  return { start, end: note.lines.lineEndWithBreak(last) };
}

/** The item with `edits` applied, or undefined when an edit falls outside it. */
function editedCopy(note: Note, item: Range, edits: TextEdit[]): string | undefined {
  if (edits.some((e) => e.start < item.start || e.end > item.end)) return undefined;
  const shifted = edits.map((e) => ({ start: e.start - item.start, end: e.end - item.start, newText: e.newText }));
  const r = applyEdits(note.text.slice(item.start, item.end), shifted);
  return r.skipped.length ? undefined : r.text;
}

/**
 * One line billed for both sides → two lines, one with RT and one with LT, one unit each: the
 * line's own text is copied, with only the side modifier and the units changed.
 */
function splitFix(note: Note, c: Charge, both: ModifierSlot[]): TextEdit | undefined {
  const item = itemLines(note, c);
  if (!item) return undefined;
  const copies: string[] = [];
  for (const side of ['RT', 'LT']) {
    const edits: TextEdit[] = [];
    if (both.length > 0) {
      if (both[0].code !== side) edits.push(replaceModifier(both[0], side));
      if (both.length > 1) {
        const removed = removeModifiers(note, c, both.slice(1));
        if (!removed) return undefined;
        edits.push(...removed);
      }
    } else {
      const add = addModifier(note, c, side);
      if (!add) return undefined;
      edits.push(add);
    }
    if (c.units && !c.units.placeholder) edits.push(setValue(note, c.units, '1'));
    const copy = editedCopy(note, item, edits);
    if (copy === undefined) return undefined;
    copies.push(copy.endsWith('\n') ? copy : copy + note.eol);
  }
  return { start: item.start, end: item.end, newText: copies.join('') };
}

/**
 * rules.md v2 §G: the L-codes that the DME MAC policy articles require RT or LT on carry the side,
 * and an item for both sides is billed on two lines (RT and LT, one unit each).
 */
export const lcodeMissingSideModifier: NoteRule = {
  id: 'lcode-missing-side-modifier',
  description: 'An L-code that DME MAC policy requires RT or LT on is billed without the side, or for both sides on one line.',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['consistency', 'modifiers'],
  references: ['SRC-CGS-RTLT-2019', 'SRC-NORIDIAN-RTLT-2019', 'SRC-CGS-RTLT-FACTSHEET'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    for (const c of note.facts.charges) {
      if (!c.code || c.modifiersValue?.placeholder) continue;
      const req = sideModifierRequirement(c.code);
      if (!req.required || !req.policy) continue;
      const policy = POLICY_WORDS[req.policy];
      const slots = modifierSlots(note, c);
      const sideSlots = slots.filter((s) => s.code === 'RT' || s.code === 'LT' || BOTH.has(s.code));
      const codes = new Set(sideSlots.map((s) => s.code));
      const units = lineUnits(c);
      const range = c.modifiersValue ? c.modifiersValue.pairRange : chargeAnchor(c);
      const rule = `DME MAC policy for ${policy} requires the side on each line`;

      if ((codes.has('RT') && codes.has('LT')) || sideSlots.some((s) => BOTH.has(s.code))) {
        const split = units === 2 || units === undefined || units === 1 ? splitFix(note, c, sideSlots) : undefined;
        const fixes: Fix[] = split ? [{ title: `Bill ${c.code} on two lines: RT and LT, one unit each`, kind: units === 2 ? 'safe' : 'choice', edits: [split] }] : [];
        report({
          range,
          message: `${c.code} is billed for both sides on one line (${sideSlots.map((s) => s.code).join(', ')}${units !== undefined ? `, ${units} ${units === 1 ? 'unit' : 'units'}` : ''}): ${rule}, so an item for both sides is billed on two lines, one with RT and one with LT, one unit each (dates of service from 2019-03-01).`,
          fixes,
        });
        continue;
      }
      if (codes.has('RT') || codes.has('LT')) continue;

      const documented = documentedSide(note, c.code);
      const related: RelatedInfo[] | undefined = documented ? [{ range: documented.range, message: `The device side is documented as ${documented.side}.` }] : undefined;
      const add = (m: 'RT' | 'LT', kind: Fix['kind']): Fix[] => {
        const e = addModifier(note, c, m);
        return e ? [{ title: `Add modifier ${m}`, kind, edits: [e] }] : [];
      };
      let fixes: Fix[];
      let hint: string;
      if (documented?.side === 'right' || documented?.side === 'left') {
        const m = documented.side === 'right' ? 'RT' : 'LT';
        fixes = add(m, 'safe');
        hint = ` The device is documented for the ${documented.side} side: add ${m}.`;
      } else if (documented?.side === 'bilateral') {
        const split = units === 2 ? splitFix(note, c, []) : undefined;
        fixes = split ? [{ title: `Bill ${c.code} on two lines: RT and LT, one unit each`, kind: 'safe', edits: [split] }] : [...add('RT', 'choice'), ...add('LT', 'choice')];
        hint = ' The device is documented for both sides: bill two lines, one with RT and one with LT, one unit each.';
      } else {
        fixes = [...add('RT', 'choice'), ...add('LT', 'choice')];
        hint = ' The note does not say clearly which side: document it in the Device section, then add RT or LT (both sides: two lines, one unit each).';
      }
      report({ range, message: `${c.code} has no RT or LT modifier: ${rule}.${hint}`, fixes, related });
    }
  },
};
