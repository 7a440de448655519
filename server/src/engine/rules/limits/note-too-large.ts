import type { InputRule } from '../types';

/**
 * A note over the size limits (engine/limits.ts) is not checked, and a very long line is scanned
 * only up to the line limit. Found by the engine's input checks (`precheck` before the note is
 * parsed, `scanCharacters` after).
 */
export const noteTooLarge: InputRule = {
  id: 'note-too-large',
  description: 'The note (or one of its lines) is too large to check fully; says what was not checked.',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['structure'],
  references: ['SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: false,
  scope: 'input',
};
