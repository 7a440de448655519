/**
 * The explicit registry of every rule the engine runs. Each group lists its own rules in its
 * index file; a test checks that every registered rule has a docs page and fixtures.
 */
import type { Rule } from './types';
import { STRUCTURE_RULES } from './structure';
import { DOCUMENTATION_RULES } from './documentation';
import { MODIFIERS_RULES } from './modifiers';
import { BILLING_RULES } from './billing';
import { TIME_RULES } from './time';
import { DIAGNOSES_RULES } from './diagnoses';
import { CONSISTENCY_RULES } from './consistency';
import { LIMITS_RULES } from './limits';

export const RULES: readonly Rule[] = [...STRUCTURE_RULES, ...DOCUMENTATION_RULES, ...MODIFIERS_RULES, ...BILLING_RULES, ...TIME_RULES, ...DIAGNOSES_RULES, ...CONSISTENCY_RULES, ...LIMITS_RULES];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));
if (BY_ID.size !== RULES.length) throw new Error('duplicate rule id in the registry');

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
