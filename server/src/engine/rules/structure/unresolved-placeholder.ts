import type { NoteRule } from '../types';

/** R-DOC-09: a template placeholder left in the note (outside comments) means it is unfinished. */
export const unresolvedPlaceholder: NoteRule = {
  id: 'unresolved-placeholder',
  description: 'A template placeholder (`{{…}}`, `${…}`) is still in the note outside a comment.',
  defaultSeverity: 'error',
  kind: 'completeness',
  tags: ['structure'],
  references: ['SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    const yamlComments = note.frontMatter?.yamlComments ?? [];
    for (const p of note.placeholders) {
      if (yamlComments.some((c) => p.start >= c.start && p.end <= c.end)) continue;
      const label = p.label.replace(/`/g, "'");
      report({
        range: { start: p.start, end: p.end },
        message: label
          ? `Template placeholder \`${label}\` is not filled in: replace it with the real value, or delete the line if it does not apply.`
          : 'An empty template placeholder is left in the note: replace it with the real value, or delete it.',
      });
    }
  },
};
