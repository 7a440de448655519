import type { Rule } from '../types';
import { assistantModifierOnSlp } from './assistant-modifier-on-slp';
import { assistantModifierPairing } from './assistant-modifier-pairing';
import { assistantModifierWithoutAssistant } from './assistant-modifier-without-assistant';
import { disciplineModifierMismatch } from './discipline-modifier-mismatch';
import { duplicateDistinctModifiers } from './duplicate-distinct-modifiers';
import { missingAssistantModifier } from './missing-assistant-modifier';
import { missingDisciplineModifier } from './missing-discipline-modifier';

/** Rules of the 'modifiers' group, in the order they run. */
export const MODIFIERS_RULES: Rule[] = [
  missingDisciplineModifier,
  disciplineModifierMismatch,
  assistantModifierPairing,
  missingAssistantModifier,
  assistantModifierWithoutAssistant,
  assistantModifierOnSlp,
  duplicateDistinctModifiers,
];
