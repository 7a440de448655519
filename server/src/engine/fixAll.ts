import { applyFixes, safeFixes } from './fix';
import { lintText } from './lint';
import type { ResolvedConfig } from './config/types';
import type { Finding, Fix } from './types';

/** The most passes of "fix all": a fix can reveal another (e.g. units after a modifier). */
export const MAX_FIX_PASSES = 5;

export interface FixAllOptions {
  /** The fixes to apply in one pass (default: the safe fix of each finding, {@link safeFixes}). */
  select?: (findings: readonly Finding[], pass: number) => Fix[];
  /** The findings of the text as given, when already known: the first pass then does not lint. */
  findings?: readonly Finding[];
  maxPasses?: number;
}

/**
 * Applies fixes pass after pass, re-linting in between (a fix can enable another), until a pass
 * selects nothing or changes nothing, or `maxPasses` passes ran. This is what `tnote check --fix`,
 * the editor's "fix all" and "fix all problems of a rule" apply. Returns the new text and the
 * fixes applied.
 */
export function fixAll(text: string, config: ResolvedConfig, options: FixAllOptions = {}): { text: string; applied: Fix[] } {
  const select = options.select ?? safeFixes;
  const maxPasses = options.maxPasses ?? MAX_FIX_PASSES;
  let current = text;
  const applied: Fix[] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    const findings = pass === 0 && options.findings ? options.findings : lintText(current, config).findings;
    const fixes = select(findings, pass);
    if (fixes.length === 0) break;
    const r = applyFixes(current, fixes);
    if (r.text === current) break;
    applied.push(...r.applied);
    current = r.text;
  }
  return { text: current, applied };
}
