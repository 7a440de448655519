import type { Rule } from '../types';
import { noteTooLarge } from './note-too-large';
import { invalidCharacters } from './invalid-characters';

/** Rules of the input-limits group. Their findings are produced by lintText (engine/limits.ts). */
export const LIMITS_RULES: Rule[] = [noteTooLarge, invalidCharacters];
