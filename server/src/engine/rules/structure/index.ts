import type { Rule } from '../types';
import { frontMatterMissing } from './front-matter-missing';
import { frontMatterInvalid } from './front-matter-invalid';
import { frontMatterShape } from './front-matter-shape';
import { missingRequiredField } from './missing-required-field';
import { invalidFieldValue } from './invalid-field-value';
import { missingDateOfService } from './missing-date-of-service';
import { unresolvedPlaceholder } from './unresolved-placeholder';
import { missingSignatureCredentials } from './missing-signature-credentials';
import { unknownSection } from './unknown-section';
import { orgRequiredElement } from './org-required-element';

/** Rules of the 'structure' group, in the order they run. */
export const STRUCTURE_RULES: Rule[] = [
  frontMatterMissing,
  frontMatterInvalid,
  frontMatterShape,
  missingRequiredField,
  invalidFieldValue,
  missingDateOfService,
  unresolvedPlaceholder,
  missingSignatureCredentials,
  unknownSection,
  orgRequiredElement,
];
