import { insertFrontMatterKey, replace } from '../../edit';
import type { Fix } from '../../types';
import type { NoteRule } from '../types';
import { summaryFor, unitsText } from '../time/util';
import { assistantReason, assistantServices, assistantShare, splitLineEdits, unitsNeedText, type AssistantService } from './assistant';
import { assistantSlots, isSlpLine, modifierSlots, noteDiscipline, removeModifiers } from './util';

/**
 * R-MOD-05, rules.md v2 item 2: CQ/CO claim that an assistant furnished units in whole or in part.
 * - With the per-line `assistant_minutes` (and the code's minutes and units), CMS's unit method
 *   decides (./assistant.ts): a line carrying CQ/CO on more units than the method gives the
 *   assistant is reported (none: remove it; fewer: bill the others on a line without).
 * - Without them, the note-level `furnished_by` decides as in v1: CQ/CO while the note says the
 *   therapist furnished the service (`furnished_by: therapist`, or not set) is reported; with
 *   `furnished_by: assistant` a line carrying CQ/CO gets nothing.
 * Fixes are choices.
 */
export const assistantModifierWithoutAssistant: NoteRule = {
  id: 'assistant-modifier-without-assistant',
  description:
    'A line carries CQ or CO that CMS’s unit method does not support (assistant minutes 0 or within 10 % of a unit), or, without assistant minutes, the note says the therapist furnished the service.',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['modifiers'],
  references: ['SRC-CMS-CQCO-EXAMPLES', 'SRC-CMS-THERAPY-SPOTLIGHT', 'SRC-CMS-PFS-2022-FINAL'],
  fixable: true,
  scope: 'note',
  check(ctx) {
    const { note, report } = ctx;
    const summary = summaryFor(ctx);
    const byCharge = new Map<number, AssistantService>();
    for (const s of assistantServices(note, summary)) for (const l of s.lines) byCharge.set(l.line.charge.index, s);
    const reported = new Set<AssistantService>();

    const fb = note.facts.entries.get('furnished_by');
    const by = note.facts.furnishedBy;
    const discipline = noteDiscipline(note);
    for (const charge of note.facts.charges) {
      const slots = modifierSlots(note, charge);
      const assistant = assistantSlots(slots);
      if (assistant.length === 0) continue;
      const s = byCharge.get(charge.index);
      if (s?.result) {
        if (reported.has(s)) continue;
        const k = s.result.withModifier;
        const units = s.units ?? 0;
        const billedWith = s.billedWith;
        if (k === 0) {
          reported.add(s);
          const fixes: Fix[] = [];
          const remove = removeModifiers(note, charge, assistant);
          if (remove) fixes.push({ title: `Remove ${assistant.map((a) => a.code).join(', ')}`, kind: 'choice', edits: remove });
          const share = s.assistantMinutes === 0 ? 'the assistant furnished none of its minutes apart from the therapist (assistant_minutes: 0)' : `${assistantShare(s)}; ${assistantReason(s)}`;
          report({
            range: assistant[0].range,
            message: `${charge.code} carries ${assistant[0].code}, but by CMS’s unit method none of its units needs it: ${share}. Remove ${assistant[0].code}, or correct assistant_minutes if the assistant furnished more.`,
            fixes,
          });
          continue;
        }
        if (billedWith === undefined || billedWith <= k) continue;
        reported.add(s);
        const line = s.lines.find((l) => l.line.charge === charge)!;
        const edits = s.lines.length === 1 ? splitLineEdits(note, s, line, k) : undefined;
        report({
          range: assistant[0].range,
          message: `${charge.code} bills ${unitsText(billedWith)} with ${assistant[0].code}, but by CMS’s unit method only ${unitsNeedText(k, units)} it: ${assistantShare(s)}; ${assistantReason(s)}. Bill the other ${unitsText(billedWith - k)} on a line without ${assistant[0].code}.`,
          fixes: edits ? [{ title: `Bill ${charge.code} on two lines: ${k} with ${assistant[0].code}, ${units - k} without`, kind: 'choice', edits }] : [],
        });
        continue;
      }
      // Not decided by the minutes: a line that records assistant minutes is left alone (the
      // minutes or units that would decide are other rules' findings).
      if (charge.assistantMinutes && !charge.assistantMinutes.placeholder && charge.assistantMinutes.value !== null) continue;
      if (fb?.placeholder) continue;
      // Absent means therapist (note-format.md); any other value is invalid-field-value's finding.
      if (fb && by !== 'therapist') continue;
      // On a speech-language pathology line assistant-modifier-on-slp owns the fix (remove), and
      // setting furnished_by would not make CQ/CO valid there: report without fixes.
      const slp = isSlpLine(slots, discipline);
      for (const a of assistant) {
        const fixes: Fix[] = [];
        if (slp) {
          report({
            range: a.range,
            message: `${a.code} says an assistant furnished part of ${charge.code ?? 'this line'}, but the note does not say an assistant furnished it (furnished_by is ${fb ? 'therapist' : 'not set, which means the therapist'}).`,
          });
          continue;
        }
        const remove = removeModifiers(note, charge, [a]);
        if (remove) fixes.push({ title: `Remove ${a.code}`, kind: 'choice', edits: remove });
        const set = fb && fb.range.end > fb.range.start ? replace(fb.range, 'assistant') : fb ? undefined : insertFrontMatterKey(note, 'furnished_by', 'assistant');
        if (set) fixes.push({ title: 'Set furnished_by: assistant', kind: 'choice', edits: [set] });
        report({
          range: a.range,
          message: fb
            ? `${a.code} says an assistant furnished part of ${charge.code ?? 'this line'}, but the note says furnished_by: therapist: remove ${a.code}, or, if an assistant furnished more than 10 % of a unit on their own, set furnished_by: assistant and record assistant_minutes.`
            : `${a.code} says an assistant furnished part of ${charge.code ?? 'this line'}, but the note does not say so (furnished_by is not set, which means the therapist): remove ${a.code}, or add furnished_by: assistant and record assistant_minutes.`,
          fixes,
        });
      }
    }
  },
};
