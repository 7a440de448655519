import type { Rule } from '../types';
import { missingTotalTimedMinutes } from './missing-total-timed-minutes';
import { missingTotalTreatmentTime } from './missing-total-treatment-time';
import { treatmentTimeBelowTimed } from './treatment-time-below-timed';
import { unitsNotMatchingMinutes } from './units-not-matching-minutes';
import { timedServiceUnder8Minutes } from './timed-service-under-8-minutes';
import { minutesUnitsInconsistentLine } from './minutes-units-inconsistent-line';
import { timedMinutesMismatch } from './timed-minutes-mismatch';

/** Rules of the 'time' group, in the order they run. */
export const TIME_RULES: Rule[] = [
  missingTotalTimedMinutes,
  missingTotalTreatmentTime,
  treatmentTimeBelowTimed,
  unitsNotMatchingMinutes,
  timedServiceUnder8Minutes,
  minutesUnitsInconsistentLine,
  timedMinutesMismatch,
];
