import { insertFrontMatterSkeleton, placeholder, replace } from '../../edit';
import type { NoteRule } from '../types';

/** The skeleton inserted by the fix: the keys every note needs, each with a placeholder to fill. */
export const FRONT_MATTER_SKELETON = [
  `patient: ${placeholder('patient id')}`,
  `date: ${placeholder('YYYY-MM-DD')}`,
  `discipline: ${placeholder('PT, OT or SLP')}`,
  `provider: ${placeholder('name, credentials')}`,
];

/** note-format.md §1: every note opens at line 1 with a `---` front-matter block. */
export const frontMatterMissing: NoteRule = {
  id: 'front-matter-missing',
  description: 'The note has no YAML front matter block starting at line 1.',
  defaultSeverity: 'error',
  kind: 'completeness',
  tags: ['structure'],
  references: ['SRC-CMS-BPM-CH15', 'SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    if (note.frontMatter) return;
    const bom = note.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    // A block that starts after blank lines: it only needs to move up to line 1.
    const late = /^(?:[ \t]*\r?\n)+(---[ \t]*)\r?\n/.exec(note.text.slice(bom));
    if (late) {
      const open = bom + late[0].length - late[0].replace(/^(?:[ \t]*\r?\n)+/, '').length;
      report({
        range: { start: open, end: open + 3 },
        message: 'The front matter must start on line 1: remove the blank lines above the opening `---`.',
        fixes: [{ title: 'Remove the blank lines above the front matter', kind: 'safe', edits: [replace({ start: bom, end: open }, '')] }],
      });
      return;
    }
    report({
      range: note.anchor,
      message: 'The note has no front matter: start it with a `---` block giving patient, date, discipline, provider and the charges.',
      fixes: [{ title: 'Insert a front-matter skeleton', kind: 'scaffold', edits: [insertFrontMatterSkeleton(note, FRONT_MATTER_SKELETON)] }],
    });
  },
};
