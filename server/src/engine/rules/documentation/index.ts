import type { Rule } from '../types';
import { assessmentDateAfterService } from './assessment-date-after-service';
import { deviceNotIdentified } from './device-not-identified';
import { fittingOnlyNoTraining } from './fitting-only-no-training';
import { missingAssessmentElements } from './missing-assessment-elements';
import { missingBodyRegion } from './missing-body-region';
import { missingDirectContact } from './missing-direct-contact';
import { missingFunctionalTraining } from './missing-functional-training';
import { missingInstructionElements } from './missing-instruction-elements';
import { missingMedicalNecessity } from './missing-medical-necessity';
import { noSupportingDiagnosis } from './no-supporting-diagnosis';
import { missingSubsequentElements } from './missing-subsequent-elements';

/** Rules of the 'documentation' group, in the order they run (rules.md section B). */
export const DOCUMENTATION_RULES: Rule[] = [
  deviceNotIdentified,
  missingBodyRegion,
  missingMedicalNecessity,
  noSupportingDiagnosis,
  missingInstructionElements,
  missingFunctionalTraining,
  missingAssessmentElements,
  assessmentDateAfterService,
  missingDirectContact,
  fittingOnlyNoTraining,
  missingSubsequentElements,
];
