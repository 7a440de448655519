/**
 * CQ/CO by CMS's unit method (rules.md v2 item 2), shared by missing-assistant-modifier and
 * assistant-modifier-without-assistant: which units of each PT/OT code the assistant furnished in
 * whole or in part, from the per-line `assistant_minutes` (minutes the assistant furnished apart
 * from the therapist). The method itself is `assistantUnits` in engine/billing.ts.
 *
 * Per code (a code may be billed on two lines: units with CQ/CO and units without):
 * - decided: every line's `assistant_minutes` is known, and so are the code's minutes and units
 *   (billed units when readable, else the units the minutes give) — or every line says 0;
 * - otherwise undecided: the rules ask for the missing numbers (a warning) only where the note
 *   says an assistant took part and a line has neither CQ/CO nor `assistant_minutes`.
 */
import { assistantUnits, DE_MINIMIS_MINUTES, type AssistantUnits, type BillingLine, type BillingSummary } from '../../billing';
import { insertAt } from '../../edit';
import { codeTiming, disciplineModifierRequirement } from '../../knowledge/therapyCodes';
import { perNote, type Note } from '../../parse/note';
import type { TextEdit } from '../../types';
import { setChargeValue } from '../time/util';
import { ASSISTANT_MODIFIER, assistantSlots, lineDiscipline, modifierSlots, noteDiscipline, type ModifierSlot } from './util';

export interface AssistantLine {
  line: BillingLine;
  slots: readonly ModifierSlot[];
  discipline: 'PT' | 'OT';
  /** CQ for PT, CO for OT. */
  wanted: string;
  /** The line carries CQ or CO (either: the wrong one is assistant-modifier-pairing's). */
  hasAssistantModifier: boolean;
  assistantMinutes?: number;
}

export interface AssistantService {
  code: string;
  timed: boolean;
  lines: AssistantLine[];
  units?: number;
  minutes?: number;
  assistantMinutes?: number;
  /** CMS's answer, when the numbers are known. */
  result?: AssistantUnits;
  /** Units billed on lines with CQ/CO and without (undefined where a line's units are unreadable). */
  billedWith?: number;
  billedWithout?: number;
}

/** The PT/OT therapy codes of a note with their assistant-unit analysis, in order of first line. */
export function assistantServices(note: Note, summary: BillingSummary): AssistantService[] {
  return perNote(note, summary, () => findAssistantServices(note, summary));
}

function findAssistantServices(note: Note, summary: BillingSummary): AssistantService[] {
  const discipline = noteDiscipline(note);
  const byCode = new Map<string, AssistantService>();
  const out: AssistantService[] = [];
  for (const line of summary.lines) {
    const code = line.charge.code;
    if (!code || disciplineModifierRequirement(code) !== 'required') continue;
    const timing = codeTiming(code);
    if (timing === 'unknown') continue;
    const slots = modifierSlots(note, line.charge);
    const d = lineDiscipline(slots, discipline);
    if (d !== 'PT' && d !== 'OT') continue;
    const key = `${code} ${d}`;
    let s = byCode.get(key);
    if (!s) {
      s = { code, timed: timing === 'timed-15', lines: [] };
      byCode.set(key, s);
      out.push(s);
    }
    s.lines.push({
      line,
      slots,
      discipline: d,
      wanted: ASSISTANT_MODIFIER[d]!,
      hasAssistantModifier: assistantSlots(slots).length > 0,
      assistantMinutes: line.assistantMinutes.state === 'value' ? line.assistantMinutes.value : undefined,
    });
  }
  for (const s of out) decide(s, summary);
  return out;
}

function sum(values: readonly (number | undefined)[]): number | undefined {
  return values.every((v) => v !== undefined) ? (values as number[]).reduce((a, b) => a + b, 0) : undefined;
}

function decide(s: AssistantService, summary: BillingSummary): void {
  const units = s.lines.map((l) => (l.line.units.state === 'value' ? l.line.units.value : undefined));
  s.billedWith = sum(s.lines.filter((l) => l.hasAssistantModifier).map((l) => units[s.lines.indexOf(l)]));
  s.billedWithout = sum(s.lines.filter((l) => !l.hasAssistantModifier).map((l) => units[s.lines.indexOf(l)]));
  s.assistantMinutes = sum(s.lines.map((l) => l.assistantMinutes));
  s.units = sum(units) ?? sum(s.lines.map((l) => l.line.expectedUnits));
  s.minutes = sum(s.lines.map((l) => (l.line.minutes.state === 'value' ? l.line.minutes.value : undefined)));
  // A lone timed line whose minutes are the visit's timed minutes (Timed minutes, Direct contact).
  if (s.minutes === undefined && s.timed && s.lines.length === 1 && summary.timedLines.length === 1) s.minutes = summary.timedMinutes?.minutes;
  if (s.assistantMinutes === 0) {
    // Nothing furnished by the assistant apart from the therapist: no unit needs CQ/CO.
    const u = s.units ?? 0;
    s.result = {
      withModifier: 0,
      without: u,
      assistantFullUnits: 0,
      therapistFullUnits: 0,
      finalUnits: { assistantMinutes: 0, therapistMinutes: s.minutes ?? 0, therapist: 0, assistant: 0, deMinimis: 0 },
    };
    return;
  }
  if (s.assistantMinutes === undefined || s.minutes === undefined || s.units === undefined) return;
  s.result = assistantUnits(s.units, s.minutes, s.assistantMinutes, s.timed);
}

/**
 * Why CMS's method gives the assistant these units, as clauses joined by semicolons (no outer
 * parentheses): "1 full unit furnished by the assistant alone; the final unit is billed on the
 * therapist’s own 13 minutes (8 or more)".
 */
export function assistantReason(s: AssistantService): string {
  const r = s.result!;
  if (!s.timed) return r.withModifier > 0 ? 'that is more than 10 % of the service' : 'that is not more than 10 % of the service';
  if (s.assistantMinutes === s.minutes && r.withModifier === (s.units ?? 0)) return 'it was furnished in whole by the assistant';
  const f = r.finalUnits;
  const parts: string[] = [];
  const full = (n: number) => (n === 1 ? '1 full unit' : `${n} full units`);
  if (r.assistantFullUnits > 0) parts.push(`${full(r.assistantFullUnits)} furnished by the assistant alone`);
  if (r.therapistFullUnits > 0 && (r.withModifier === 0 || parts.length === 0)) parts.push(`${full(r.therapistFullUnits)} furnished by the therapist`);
  const own = `${f.assistantMinutes} minute${f.assistantMinutes === 1 ? '' : 's'} of the assistant’s own (more than 10 % of 15 minutes)`;
  if (f.therapist > 0 && f.assistant > 0) parts.push(`of the 2 final units, one is billed on the therapist’s own ${f.therapistMinutes} minutes (8 or more) and one has ${own}`);
  else if (f.therapist > 0) parts.push(`the final unit is billed on the therapist’s own ${f.therapistMinutes} minutes (8 or more)`);
  else if (f.assistant > 0)
    parts.push(
      `${f.assistant === 1 ? 'the final unit has' : 'the 2 final units have'} ${own}, and the therapist’s ${f.therapistMinutes} minute${f.therapistMinutes === 1 ? '' : 's'} of it are under 8`,
    );
  const a = s.assistantMinutes ?? 0;
  if (f.deMinimis === 0 && a > 0 && a <= DE_MINIMIS_MINUTES) parts.push(`the assistant’s ${a} minute${a === 1 ? '' : 's'} ${a === 1 ? 'is' : 'are'} not more than 10 % of a 15-minute unit`);
  if (f.deMinimis > 0)
    parts.push(`the assistant’s ${f.assistantMinutes} minute${f.assistantMinutes === 1 ? '' : 's'} of the final unit ${f.assistantMinutes === 1 ? 'is' : 'are'} within 10 % of 15 minutes`);
  return parts.join('; ');
}

/** "the assistant furnished 23 of its 36 minutes apart from the therapist". */
export function assistantShare(s: AssistantService): string {
  if (s.assistantMinutes === s.minutes) return `the assistant furnished all ${s.minutes} of its minutes on their own`;
  return `the assistant furnished ${s.assistantMinutes} of its ${s.minutes} minutes apart from the therapist`;
}

/** "its unit needs" / "both its units need" / "all 3 units need" / "1 of its 2 units needs". */
export function unitsNeedText(k: number, units: number): string {
  if (k === units) return units === 1 ? 'its unit needs' : units === 2 ? 'both its units need' : `all ${units} of its units need`;
  return `${k} of its ${units} units ${k === 1 ? 'needs' : 'need'}`;
}

/**
 * Splits one block-style charge line into two: `line` keeps the units of one kind, a new line
 * after it takes the others, each with its own minutes and `assistant_minutes`. `withModifier`
 * units go on the CQ/CO line (with the assistant's minutes), the rest on the line without (with
 * the therapist's). Undefined when the line is not laid out so that this can be done safely.
 */
export function splitLineEdits(note: Note, s: AssistantService, al: AssistantLine, withModifier: number): TextEdit[] | undefined {
  const c = al.line.charge;
  const units = s.units;
  const minutes = al.line.minutes.state === 'value' ? al.line.minutes.value : undefined;
  const assistant = al.assistantMinutes;
  if (s.lines.length !== 1 || units === undefined || minutes === undefined || assistant === undefined || !c.codeValue) return undefined;
  if (!c.isMapping || !c.entries.has('units') || !c.entries.has('minutes') || !c.entries.has('assistant_minutes')) return undefined;
  const keyStart = c.codeValue.keyRange.start;
  const lineNo = note.lines.lineAt(keyStart);
  const lineStart = note.lines.lineStarts[lineNo];
  const before = note.text.slice(lineStart, keyStart);
  const dash = /^( *)- $/.exec(before);
  if (!dash) return undefined; // `code` is not the first key of the item, or a flow mapping
  const indent = ' '.repeat(before.length);
  const therapist = minutes - assistant;
  const keepsModifier = al.hasAssistantModifier;
  // This line: its own kind of units and minutes.
  const keep = keepsModifier ? { units: withModifier, minutes: assistant, assistant } : { units: units - withModifier, minutes: therapist, assistant: 0 };
  const other = keepsModifier ? { units: units - withModifier, minutes: therapist, assistant: 0 } : { units: withModifier, minutes: assistant, assistant };
  const mods = al.slots.map((x) => x.code);
  const otherMods = keepsModifier ? mods.filter((m) => m !== 'CQ' && m !== 'CO') : [...mods, al.wanted];
  const edits: TextEdit[] = [];
  for (const [key, value] of [
    ['units', keep.units],
    ['minutes', keep.minutes],
    ['assistant_minutes', keep.assistant],
  ] as const) {
    const e = setChargeValue(note, c, key, String(value));
    if (!e) return undefined;
    edits.push(e);
  }
  const region = c.entries.get('region');
  const eol = note.eol;
  const newLines = [
    `${dash[1]}- code: ${c.code}`,
    `${indent}modifiers: [${otherMods.join(', ')}]`,
    `${indent}units: ${other.units}`,
    `${indent}minutes: ${other.minutes}`,
    ...(region && typeof region.value === 'string' ? [`${indent}region: ${region.value}`] : []),
    `${indent}assistant_minutes: ${other.assistant}`,
  ];
  const lastEnd = Math.max(...[...c.entries.values()].map((v) => v.pairRange.end));
  const lastLine = note.lines.lineAt(Math.max(lastEnd - 1, keyStart));
  const at = note.lines.lineEndWithBreak(lastLine);
  const needsBreak = at === note.text.length && !/\n$/.test(note.text);
  edits.push(insertAt(at, `${needsBreak ? eol : ''}${newLines.join(eol)}${eol}`));
  return edits;
}
