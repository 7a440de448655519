import type { InputRule } from '../types';

/**
 * The text looks binary (not checked at all), or contains stray control characters, U+FFFD
 * replacement characters (left by invalid UTF-8) or unpaired surrogates. Found by the engine's
 * input checks (engine/limits.ts `precheck` and `scanCharacters`).
 */
export const invalidCharacters: InputRule = {
  id: 'invalid-characters',
  description: 'The file looks binary, or the note contains NUL/control characters, invalid-UTF-8 replacement characters or broken surrogates.',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['structure'],
  references: ['SRC-NORIDIAN-THERAPY-DOCS'],
  fixable: false,
  scope: 'input',
};
