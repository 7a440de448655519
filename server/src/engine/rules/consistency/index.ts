import type { Rule } from '../types';
import { directContactBelowBilled } from './direct-contact-below-billed';
import { totalTimeMismatch } from './total-time-mismatch';
import { regionConflict } from './region-conflict';
import { signatureBeforeService } from './signature-before-service';
import { lcodeMissingSideModifier } from './lcode-missing-side-modifier';
import { lcodeTrainingUnder8Minutes } from './lcode-training-under-8-minutes';

/** Rules of the 'consistency' group (rules.md v2 §G): the claim and the narrative agree. */
export const CONSISTENCY_RULES: Rule[] = [directContactBelowBilled, totalTimeMismatch, regionConflict, signatureBeforeService, lcodeMissingSideModifier, lcodeTrainingUnder8Minutes];
