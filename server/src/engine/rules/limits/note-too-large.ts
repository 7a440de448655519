import type { NoteRule } from '../types';

/**
 * A note over the size limits (engine/limits.ts) is not checked, and a very long line is scanned
 * only up to the line limit. The engine reports this itself in `lintText`, before parsing, so the
 * rule's own check does nothing; it is registered so that the id has metadata, docs and a
 * configurable severity.
 */
export const noteTooLarge: NoteRule = {
  id: 'note-too-large',
  description: 'The note (or one of its lines) is too large to check fully; says what was not checked.',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['structure'],
  fixable: false,
  scope: 'note',
  check() {
    /* reported by lintText (engine/limits.ts) before the note is parsed */
  },
};
