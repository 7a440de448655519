import { insertFrontMatterKey, placeholder } from '../../edit';
import { FRONT_MATTER_SCHEMA, placeholderLabel, whatToWrite } from '../../parse/schema';
import { chargesWithCode } from '../shared';
import type { NoteRule } from '../types';
import { fillEmptyValue, isEmptyValue, readableFrontMatter } from './util';

/**
 * The keys this rule owns, from the schema (parse/schema.ts): required always or with certain
 * codes. `date` is owned by missing-date-of-service (absent or not a real date).
 */
const OWNED = FRONT_MATTER_SCHEMA.filter((k) => k.missing?.rule === 'missing-required-field');

/** note-format.md §1: the keys every note needs, and `encounter` on orthotic/prosthetic lines. */
export const missingRequiredField: NoteRule = {
  id: 'missing-required-field',
  description: 'A required front-matter key (patient, discipline, provider; encounter with 97760/97761/97763) is absent or empty.',
  defaultSeverity: 'error',
  kind: 'completeness',
  tags: ['structure'],
  references: ['SRC-CMS-MCPM-CH5', 'SRC-AOTA-ORTHOTICS', 'SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    if (!readableFrontMatter(note)) return;
    for (const k of OWNED) {
      let why = '';
      if (k.required.when === 'codes') {
        const lines = chargesWithCode(note, ...k.required.codes);
        if (lines.length === 0) continue;
        why = ` (the note bills ${lines[0].code}, ${k.required.because})`;
      } else if (k.required.when !== 'always') continue;
      const v = note.facts.entries.get(k.key);
      if (v && !isEmptyValue(v)) continue;
      const what = whatToWrite(k);
      const choices = k.type === 'enum' ? (k.values ?? []).map((x) => x.value) : [];
      if (!v) {
        const edit = insertFrontMatterKey(note, k.key, placeholder(placeholderLabel(k)));
        report({
          range: note.anchor,
          message: `The front matter has no \`${k.key}\`${why}: add \`${k.key}:\` with ${what}.`,
          fixes: edit
            ? [
                { title: `Insert \`${k.key}:\``, kind: 'scaffold', edits: [edit] },
                ...choices.map((c) => ({ title: `Insert \`${k.key}: ${c}\``, kind: 'choice' as const, edits: [insertFrontMatterKey(note, k.key, c)!] })),
              ]
            : [],
        });
      } else if (isEmptyValue(v)) {
        report({
          range: v.keyRange,
          message: `The front-matter key \`${k.key}\` is empty${why}: fill in ${what}.`,
          fixes: [
            { title: `Add a placeholder for \`${k.key}\``, kind: 'scaffold', edits: [fillEmptyValue(note, v, placeholder(placeholderLabel(k)))] },
            ...choices.map((c) => ({ title: `Set \`${k.key}: ${c}\``, kind: 'choice' as const, edits: [fillEmptyValue(note, v, c)] })),
          ],
        });
      }
    }
  },
};
