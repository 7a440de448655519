import type { Rule } from '../types';
import { initialCodeOnSubsequentEncounter } from './initial-code-on-subsequent-encounter';
import { subsequentCodeOnInitialEncounter } from './subsequent-code-on-initial-encounter';
import { initialAndSubsequentSameDay } from './initial-and-subsequent-same-day';
import { deletedCode97762 } from './deleted-code-97762';
import { orthoticCodeForProsthesis } from './orthotic-code-for-prosthesis';
import { gaitTrainingSameExtremity } from './gait-training-same-extremity';
import { repeatInitialEncounter } from './repeat-initial-encounter';
import { fittingTimeCountedWithLcode } from './fitting-time-counted-with-lcode';
import { deviceTimeWithoutPatient } from './device-time-without-patient';
import { invalidHcpcsFormat } from './invalid-hcpcs-format';
import { lcodeRangeMismatch } from './lcode-range-mismatch';

/** Rules of the 'billing' group, in the order they run. */
export const BILLING_RULES: Rule[] = [
  initialCodeOnSubsequentEncounter,
  subsequentCodeOnInitialEncounter,
  initialAndSubsequentSameDay,
  deletedCode97762,
  orthoticCodeForProsthesis,
  gaitTrainingSameExtremity,
  repeatInitialEncounter,
  fittingTimeCountedWithLcode,
  deviceTimeWithoutPatient,
  invalidHcpcsFormat,
  lcodeRangeMismatch,
];
