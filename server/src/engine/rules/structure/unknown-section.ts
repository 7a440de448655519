import { replace } from '../../edit';
import type { ResolvedConfig } from '../../config/types';
import { normalizeName } from '../../parse/vocabulary';
import type { NoteRule } from '../types';
import { nearest } from './util';

/** Every heading the checker knows: section titles and aliases (built-in and configured), and organisation-required sections. */
export function knownSectionNames(config: ResolvedConfig): string[] {
  const names: string[] = [];
  for (const s of config.vocabulary.sections) names.push(s.title, ...s.aliases, ...(config.aliases.sections?.[s.id] ?? []));
  for (const r of config.required) names.push(r.section);
  return names;
}

/** note-format.md §2: level-2 headings are the known sections; others are probably typos. */
export const unknownSection: NoteRule = {
  id: 'unknown-section',
  description: 'A level-2 heading is neither a known section nor an alias (suggests the nearest known section).',
  defaultSeverity: 'info',
  kind: 'correctness',
  tags: ['structure'],
  references: ['SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: true,
  scope: 'note',
  check({ note, config, report }) {
    // Most notes use only known sections: the names are gathered on the first heading without one.
    let names: string[] | undefined;
    let known: Set<string> | undefined;
    for (const s of note.sections) {
      if (s.spec || !s.title.trim()) continue;
      names ??= knownSectionNames(config);
      known ??= new Set(names.map(normalizeName));
      const title = normalizeName(s.title);
      if (known.has(title)) continue;
      const suggestion = nearest(title, names);
      report({
        range: s.headingRange,
        message: suggestion
          ? `This heading is not a known section (did you mean \`${suggestion}\`?); the checker does not look inside unknown sections.`
          : 'This heading is not a known section; the checker does not look inside it. Use a known section title or an alias (see the note format).',
        fixes: suggestion ? [{ title: `Rename the heading to \`${suggestion}\``, kind: 'choice', edits: [replace(s.titleRange, suggestion)] }] : [],
      });
    }
  },
};
