import type { Rule } from '../types';
import { noteTooLarge } from './note-too-large';
import { invalidCharacters } from './invalid-characters';

/** Rules of the input-limits group: ids of the engine's own input checks (engine/limits.ts). */
export const LIMITS_RULES: Rule[] = [noteTooLarge, invalidCharacters];
