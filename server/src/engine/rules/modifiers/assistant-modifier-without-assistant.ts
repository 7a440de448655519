import { insertFrontMatterKey, replace } from '../../edit';
import type { Fix } from '../../types';
import type { NoteRule } from '../types';
import { assistantSlots, isSlpLine, modifierSlots, noteDiscipline, removeModifiers } from './util';

/** R-MOD-05: CQ/CO claim an assistant's share; the note must say an assistant furnished the service. */
export const assistantModifierWithoutAssistant: NoteRule = {
  id: 'assistant-modifier-without-assistant',
  description: 'A line carries CQ or CO, but the note says the therapist furnished the service (furnished_by: therapist or not set).',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['modifiers'],
  references: ['SRC-CMS-CQCO-EXAMPLES', 'SRC-CMS-THERAPY-SPOTLIGHT', 'SRC-CMS-PFS-2022-FINAL'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const fb = note.facts.entries.get('furnished_by');
    if (fb?.placeholder) return;
    const by = note.facts.furnishedBy;
    // Absent means therapist (note-format.md); any other value is invalid-field-value's finding.
    if (fb && by !== 'therapist') return;
    const discipline = noteDiscipline(note);
    for (const charge of note.facts.charges) {
      const slots = modifierSlots(note, charge);
      // On a speech-language pathology line assistant-modifier-on-slp owns the fix (remove), and
      // setting furnished_by would not make CQ/CO valid there: report without fixes.
      const slp = isSlpLine(slots, discipline);
      for (const a of assistantSlots(slots)) {
        const fixes: Fix[] = [];
        if (slp) {
          report({ range: a.range, message: `${a.code} says an assistant furnished part of ${charge.code ?? 'this line'}, but the note does not say an assistant furnished it (furnished_by is ${fb ? 'therapist' : 'not set, which means the therapist'}).` });
          continue;
        }
        const remove = removeModifiers(note, charge, [a]);
        if (remove) fixes.push({ title: `Remove ${a.code}`, kind: 'choice', edits: remove });
        const set = fb && fb.range.end > fb.range.start ? replace(fb.range, 'assistant') : fb ? undefined : insertFrontMatterKey(note, 'furnished_by', 'assistant');
        if (set) fixes.push({ title: 'Set furnished_by: assistant', kind: 'choice', edits: [set] });
        report({
          range: a.range,
          message: fb
            ? `${a.code} says an assistant furnished part of ${charge.code ?? 'this line'}, but the note says furnished_by: therapist: remove ${a.code}, or set furnished_by: assistant if an assistant furnished more than 10% of it.`
            : `${a.code} says an assistant furnished part of ${charge.code ?? 'this line'}, but the note does not say so (furnished_by is not set, which means the therapist): remove ${a.code}, or add furnished_by: assistant.`,
          fixes,
        });
      }
    }
  },
};
