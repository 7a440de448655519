import type { Fix } from '../../types';
import type { NoteRule } from '../types';
import {
  ASSISTANT_MODIFIER,
  DISCIPLINE_MODIFIER,
  assistantDiscipline,
  assistantSlots,
  disciplineSlots,
  isSlpLine,
  lineDiscipline,
  modifierSlots,
  noteDiscipline,
  removeModifiers,
  replaceModifier,
  withArticle,
} from './util';

/** R-MOD-03: CQ goes only with GP, CO only with GO. */
export const assistantModifierPairing: NoteRule = {
  id: 'assistant-modifier-pairing',
  description: 'An assistant modifier does not pair with the line’s discipline modifier (CQ needs GP, CO needs GO).',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['modifiers'],
  references: ['SRC-CMS-CQCO-EXAMPLES', 'SRC-CMS-MCPM-CH5'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const discipline = noteDiscipline(note);
    for (const charge of note.facts.charges) {
      const slots = modifierSlots(note, charge);
      const assistants = assistantSlots(slots);
      if (assistants.length === 0) continue;
      if (isSlpLine(slots, discipline)) {
        // Still a pairing error (CQ needs GP, CO needs GO); assistant-modifier-on-slp owns the fix
        // (remove it), so no fix here that could conflict with it.
        for (const a of assistants) {
          const pairsWith = DISCIPLINE_MODIFIER[assistantDiscipline(a.code)!];
          report({
            range: a.range,
            message: `${a.code} pairs only with ${pairsWith}, but ${charge.code ?? 'this charge line'} is a speech-language pathology line: there is no assistant modifier for SLP.`,
          });
        }
        continue;
      }
      const ds = disciplineSlots(slots);
      const lineDisc = lineDiscipline(slots, discipline);
      const line = charge.code ?? 'This charge line';
      for (const a of assistants) {
        const aDisc = assistantDiscipline(a.code)!;
        const pairsWith = DISCIPLINE_MODIFIER[aDisc];
        if (ds.some((d) => d.code === pairsWith) && (lineDisc === undefined || lineDisc === aDisc)) continue;
        if (ds.length === 0 && (lineDisc === undefined || lineDisc === aDisc)) {
          // Only the discipline modifier is missing; missing-discipline-modifier adds it.
          report({ range: a.range, message: `${a.code} (assistant) must be paired with ${pairsWith} on the same line: ${line} has no discipline modifier.` });
          continue;
        }
        if (lineDisc === undefined || lineDisc === 'SLP') continue;
        if (discipline === aDisc && lineDisc !== discipline) {
          // The assistant modifier fits the note; the discipline modifier is what is wrong (discipline-modifier-mismatch fixes it).
          report({
            range: a.range,
            message: `${a.code} pairs only with ${pairsWith}, but ${line} carries ${DISCIPLINE_MODIFIER[lineDisc]}: this is ${withArticle(discipline)} note, so the discipline modifier should be ${pairsWith}.`,
          });
          continue;
        }
        const right = ASSISTANT_MODIFIER[lineDisc]!;
        const lineMod = DISCIPLINE_MODIFIER[lineDisc];
        const hasLineMod = ds.some((d) => d.code === lineMod);
        const message = hasLineMod
          ? `${a.code} pairs only with ${pairsWith}, but ${line} is billed with ${lineMod}: use ${right} for an assistant under ${withArticle(lineDisc)} plan of care.`
          : `${a.code} pairs only with ${pairsWith}, but this is ${withArticle(lineDisc)} note: use ${right} for an assistant under ${withArticle(lineDisc)} plan of care.`;
        // The fix follows the facts only when the line's discipline modifier agrees with the note's discipline.
        const agrees = discipline === undefined || discipline === lineDisc;
        let fix: Fix | undefined;
        if (slots.some((s) => s.code === right)) {
          const edits = removeModifiers(note, charge, [a]);
          if (edits) fix = { title: `Remove ${a.code} (${right} is already on the line)`, kind: agrees && discipline ? 'safe' : 'choice', edits };
        } else {
          fix = { title: `Replace ${a.code} with ${right}`, kind: agrees && discipline ? 'safe' : 'choice', edits: [replaceModifier(a, right)] };
        }
        report({ range: a.range, message, fixes: fix ? [fix] : [] });
      }
    }
  },
};
