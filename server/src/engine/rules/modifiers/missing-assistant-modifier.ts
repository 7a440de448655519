import { addModifier, placeholder } from '../../edit';
import type { Fix, TextEdit } from '../../types';
import type { NoteRule } from '../types';
import { setChargeValue, summaryFor, unitsText } from '../time/util';
import { assistantReason, assistantServices, assistantShare, splitLineEdits, unitsNeedText, type AssistantLine } from './assistant';
import { disciplineSlots, modifiersAnchor } from './util';

const WHO: Readonly<Record<'PT' | 'OT', string>> = { PT: 'a physical therapist assistant', OT: 'an occupational therapy assistant' };

/**
 * R-MOD-04, rules.md v2 item 2: Medicare — units a PTA/OTA furnished in whole or in part carry
 * CQ (with GP) or CO (with GO), by CMS's unit method (see ./assistant.ts and billing.ts
 * `assistantUnits`): more than 10 % of a 15-minute unit furnished by the assistant on their own,
 * with the CY 2022 final-unit rules; a code may need two lines, units with CQ/CO and without.
 *
 * - error where the method says a unit needs CQ/CO and no line of the code carries it for that
 *   unit;
 * - one warning per note where the note says an assistant took part (`furnished_by: assistant`)
 *   and a PT/OT line has neither CQ/CO nor `assistant_minutes` (or its minutes are unknown): the
 *   note lacks the numbers to decide. A line already carrying CQ/CO gets nothing.
 * Fixes that add CQ/CO are choices, never safe: they cut the payment for those units by 15 %.
 */
export const missingAssistantModifier: NoteRule = {
  id: 'missing-assistant-modifier',
  description:
    'By CMS’s unit method a PT/OT unit was furnished in whole or in part by an assistant (more than 10 % of a 15-minute unit on their own) and lacks CQ/CO; or the note says an assistant took part without the minutes to decide; Medicare profile.',
  defaultSeverity: 'error',
  kind: 'correctness',
  severityByProfile: { commercial: 'off' },
  tags: ['modifiers'],
  references: ['SRC-CMS-CQCO-EXAMPLES', 'SRC-CMS-THERAPY-SPOTLIGHT', 'SRC-CMS-PFS-2022-FINAL', 'SRC-CMS-MCPM-CH5'],
  fixable: true,
  scope: 'note',
  check(ctx) {
    const { note, report } = ctx;
    const summary = summaryFor(ctx);
    const services = assistantServices(note, summary);
    const byAssistant = note.facts.furnishedBy === 'assistant';
    const ask: AssistantLine[] = [];
    for (const s of services) {
      const plain = s.lines.filter((l) => !l.hasAssistantModifier);
      if (plain.length === 0) continue;
      const r = s.result;
      if (!r) {
        // Not decidable: ask where the note says an assistant took part, or a line records
        // assistant minutes whose share cannot be worked out.
        // A placeholder or unreadable value is unresolved-placeholder's or invalid-field-value's.
        for (const l of plain) if ((byAssistant && l.line.assistantMinutes.state === 'absent') || ((l.assistantMinutes ?? 0) > 0 && l.line.minutes.state === 'absent')) ask.push(l);
        continue;
      }
      const k = r.withModifier;
      const billedWith = s.billedWith ?? (s.lines.some((l) => l.hasAssistantModifier) ? k : 0);
      if (k === 0 || billedWith >= k) continue;
      const target = plain[0];
      const c = target.line.charge;
      const m = target.wanted;
      const units = s.units!;
      const all = k === units && s.lines.length === 1;
      const fixes: Fix[] = [];
      if (all) {
        // Without a discipline modifier, missing-discipline-modifier's fix writes the list first;
        // two additions to one empty list would collide, so this fix waits for it.
        const edit = disciplineSlots(target.slots).length > 0 ? addModifier(note, c, m) : undefined;
        if (edit) fixes.push({ title: `Add modifier ${m} (pays these units at 85 %)`, kind: 'choice', edits: [edit] });
      } else {
        const edits = s.lines.length === 1 ? splitLineEdits(note, s, target, k) : undefined;
        if (edits) fixes.push({ title: `Bill ${c.code} on two lines: ${k} with ${m}, ${units - k} without`, kind: 'choice', edits });
      }
      const how = all
        ? `Add ${m}: Medicare needs it on units ${WHO[target.discipline]} furnished in whole or in part.`
        : `Bill ${c.code} on two lines, ${unitsText(k)} with ${m} and ${unitsText(units - k)} without: Medicare needs ${m} on the units ${WHO[target.discipline]} furnished in whole or in part.`;
      report({
        range: modifiersAnchor(c),
        message: `${c.code}: ${assistantShare(s)}, so by CMS’s unit method ${unitsNeedText(k, units)} ${m}: ${assistantReason(s)}. ${how}`,
        fixes,
      });
    }
    if (ask.length === 0) return;
    const codes = [...new Set(ask.map((l) => l.line.charge.code))];
    const list = codes.length === 1 ? codes[0] : `${codes.slice(0, -1).join(', ')} and ${codes[codes.length - 1]}`;
    const noMinutes = ask.filter((l) => l.assistantMinutes === undefined);
    const m = ask[0].wanted;
    const has = codes.length === 1 ? 'has' : 'have';
    const why = `so CMS’s unit method can tell which units need ${m} (those in which the assistant furnished more than 10 % of a 15-minute unit on their own)`;
    const what =
      noMinutes.length > 0
        ? `${list} ${has} neither ${m} nor assistant_minutes: record on ${ask.length === 1 ? 'the line' : 'each line'} the minutes the assistant furnished apart from the therapist (assistant_minutes), ${why}.`
        : `${list} ${has} assistant_minutes but no minutes of ${codes.length === 1 ? 'its' : 'their'} own: record the line’s minutes, ${why}.`;
    const scaffold: TextEdit[] = [];
    for (const l of noMinutes) {
      const e = setChargeValue(note, l.line.charge, 'assistant_minutes', placeholder('assistant minutes'));
      if (e) scaffold.push(e);
    }
    const fixes: Fix[] = scaffold.length ? [{ title: 'Insert "assistant_minutes:" on the line' + (scaffold.length > 1 ? 's' : ''), kind: 'scaffold', edits: scaffold }] : [];
    const lead = byAssistant ? 'The note says an assistant furnished part of this visit (furnished_by: assistant), but ' : '';
    report({
      severity: 'warning',
      // The minutes are not written yet: a "to do" item in a draft (rules.md §I).
      kind: 'completeness',
      range: modifiersAnchor(ask[0].line.charge),
      message: `${lead}${what}`,
      fixes,
    });
  },
};
