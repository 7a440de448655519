import type { NoteRule } from '../types';

/**
 * The text looks binary (not checked at all), or contains stray control characters, U+FFFD
 * replacement characters (left by invalid UTF-8) or unpaired surrogates. Reported by `lintText`
 * (engine/limits.ts); the rule's own check does nothing.
 */
export const invalidCharacters: NoteRule = {
  id: 'invalid-characters',
  description: 'The file looks binary, or the note contains NUL/control characters, invalid-UTF-8 replacement characters or broken surrogates.',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['structure'],
  fixable: false,
  scope: 'note',
  check() {
    /* reported by lintText (engine/limits.ts) */
  },
};
