import { insertFrontMatterKey, placeholder } from '../../edit';
import { chargesWithCode } from '../shared';
import type { NoteRule } from '../types';
import { fillEmptyValue, isEmptyValue, readableFrontMatter } from './util';

interface RequiredKey {
  key: string;
  placeholder: string;
  what: string;
  /** Valid values, offered as extra 'choice' fixes after the placeholder. */
  choices?: string[];
}

/** `date` is owned by missing-date-of-service (absent or not a real date), so it is not listed here. */
const ALWAYS: RequiredKey[] = [
  { key: 'patient', placeholder: 'patient id', what: "the patient's chart id (MRN), never a name" },
  { key: 'discipline', placeholder: 'PT, OT or SLP', what: 'PT, OT or SLP', choices: ['PT', 'OT', 'SLP'] },
  { key: 'provider', placeholder: 'name, credentials', what: "the treating provider's name and credentials" },
];

const ENCOUNTER: RequiredKey = { key: 'encounter', placeholder: 'initial or subsequent', what: 'initial or subsequent', choices: ['initial', 'subsequent'] };

/** note-format.md §1: the keys every note needs, and `encounter` on orthotic/prosthetic lines. */
export const missingRequiredField: NoteRule = {
  id: 'missing-required-field',
  description: 'A required front-matter key (patient, discipline, provider; encounter with 97760/97761/97763) is absent or empty.',
  defaultSeverity: 'error',
  tags: ['structure'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    if (!readableFrontMatter(note)) return;
    const orthoticLines = chargesWithCode(note, '97760', '97761', '97763');
    const keys = orthoticLines.length ? [...ALWAYS, ENCOUNTER] : ALWAYS;
    for (const k of keys) {
      const v = note.facts.entries.get(k.key);
      const why = k.key === 'encounter' ? ` (the note bills ${orthoticLines[0].code}, which depends on the encounter kind)` : '';
      if (!v) {
        const edit = insertFrontMatterKey(note, k.key, placeholder(k.placeholder));
        report({
          range: note.anchor,
          message: `The front matter has no \`${k.key}\`${why}: add \`${k.key}:\` with ${k.what}.`,
          fixes: edit
            ? [
                { title: `Insert \`${k.key}:\``, kind: 'scaffold', edits: [edit] },
                ...(k.choices ?? []).map((c) => ({ title: `Insert \`${k.key}: ${c}\``, kind: 'choice' as const, edits: [insertFrontMatterKey(note, k.key, c)!] })),
              ]
            : [],
        });
      } else if (isEmptyValue(v)) {
        report({
          range: v.keyRange,
          message: `The front-matter key \`${k.key}\` is empty${why}: fill in ${k.what}.`,
          fixes: [
            { title: `Add a placeholder for \`${k.key}\``, kind: 'scaffold', edits: [fillEmptyValue(note, v, placeholder(k.placeholder))] },
            ...(k.choices ?? []).map((c) => ({ title: `Set \`${k.key}: ${c}\``, kind: 'choice' as const, edits: [fillEmptyValue(note, v, c)] })),
          ],
        });
      }
    }
  },
};
