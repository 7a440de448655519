import type { Rule } from '../types';
import { icd10Format } from './icd10-format';
import { icd10Incomplete } from './icd10-incomplete';
import { icd10NotInCodeSet } from './icd10-not-in-code-set';
import { lateralityConflict } from './laterality-conflict';
import { seventhCharPlaceholder } from './seventh-char-placeholder';
import { unspecifiedLaterality } from './unspecified-laterality';

/** Rules of the 'diagnoses' group, in the order they run. */
export const DIAGNOSES_RULES: Rule[] = [icd10Format, icd10Incomplete, seventhCharPlaceholder, unspecifiedLaterality, lateralityConflict, icd10NotInCodeSet];
