import type { NoteRule } from '../types';
import { frontMatterSlips } from './frontMatterSlips';

/**
 * rules.md v2 §G: common YAML slips in the front matter get a message that names the slip and a
 * fix that keeps every character typed — diagnoses without list brackets, a value with `: `
 * inside that needs quotes, tabs used for indentation. The YAML error such a slip causes is not
 * reported again by front-matter-invalid.
 */
export const frontMatterShape: NoteRule = {
  id: 'front-matter-shape',
  description: 'A common YAML slip in the front matter: diagnoses without brackets, a value with ": " that needs quotes, or tabs used for indentation.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['structure'],
  references: ['SRC-YAML-1-2-2'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    for (const slip of frontMatterSlips(note)) {
      report({ range: slip.range, message: slip.message, fixes: slip.fix ? [slip.fix] : [] });
    }
  },
};
