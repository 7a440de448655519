import { disciplineOfModifier } from '../../knowledge/modifiers';
import type { Fix } from '../../types';
import type { NoteRule } from '../types';
import { DISCIPLINE_MODIFIER, disciplineName, disciplineSlots, modifierSlots, noteDiscipline, removeModifiers, replaceModifier } from './util';

/** R-MOD-02: a line's GP/GO/GN names the note's discipline, and there is only one of them. */
export const disciplineModifierMismatch: NoteRule = {
  id: 'discipline-modifier-mismatch',
  description: 'A charge line’s discipline modifier (GP, GO, GN) disagrees with the note’s discipline, or the line has more than one.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['modifiers'],
  references: ['SRC-CMS-MCPM-CH5', 'SRC-MLN-MM4226'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    const discipline = noteDiscipline(note);
    const wanted = discipline ? DISCIPLINE_MODIFIER[discipline] : undefined;
    for (const charge of note.facts.charges) {
      const slots = modifierSlots(note, charge);
      const ds = disciplineSlots(slots);
      if (ds.length === 0) continue;
      const line = charge.code ?? 'This charge line';
      if (!wanted) {
        // Discipline unknown: only "more than one" can be told; keep the first, flag the rest.
        const distinct = new Set(ds.map((s) => s.code));
        if (distinct.size < 2) continue;
        for (const s of ds.slice(1)) {
          if (s.code === ds[0].code) continue;
          report({
            range: s.range,
            message: `${line} has more than one discipline modifier (${[...distinct].join(', ')}): keep only the one for the treating discipline (GP for PT, GO for OT, GN for SLP).`,
          });
        }
        continue;
      }
      const matching = ds.filter((s) => s.code === wanted);
      // The slot that stays: the first matching one, or (none matching) the first one, replaced.
      const keep = matching[0] ?? ds[0];
      const several = ds.length > 1;
      for (const s of ds) {
        if (s === keep && s.code === wanted) continue;
        let fix: Fix | undefined;
        let message: string;
        if (s === keep) {
          fix = { title: `Replace ${s.code} with ${wanted}`, kind: 'safe', edits: [replaceModifier(s, wanted)] };
          message = `${s.code} marks ${disciplineName(disciplineOfModifier(s.code)!)} plan of care, but this note's discipline is ${discipline}: ${line} needs ${wanted}.`;
        } else {
          const edits = removeModifiers(note, charge, [s]);
          fix = edits ? { title: `Remove ${s.code} (keep ${wanted})`, kind: 'safe', edits } : undefined;
          message =
            s.code === wanted
              ? `${line} lists ${wanted} more than once: keep one.`
              : `${line} has more than one discipline modifier: ${s.code} does not match the note's discipline (${discipline}); keep only ${wanted}.`;
        }
        if (several && s === keep) message = `${message} (The line also has more than one discipline modifier.)`;
        report({ range: s.range, message, fixes: fix ? [fix] : [] });
      }
    }
  },
};
