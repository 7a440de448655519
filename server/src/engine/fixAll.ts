import { applyFixes, safeFixes } from './fix';
import { lintText } from './lint';
import type { ResolvedConfig } from './config/types';
import type { Fix } from './types';

/**
 * Applies every safe fix, re-linting between passes (a fix can enable another), until nothing
 * changes or `maxPasses` is reached. Returns the new text and the fixes applied.
 */
export function fixAllSafe(text: string, config: ResolvedConfig, maxPasses = 5): { text: string; applied: Fix[] } {
  let current = text;
  const applied: Fix[] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    const fixes = safeFixes(lintText(current, config).findings);
    if (fixes.length === 0) break;
    const r = applyFixes(current, fixes);
    if (r.applied.length === 0 || r.text === current) break;
    applied.push(...r.applied);
    current = r.text;
  }
  return { text: current, applied };
}
