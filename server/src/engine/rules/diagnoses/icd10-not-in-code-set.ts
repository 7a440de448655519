import { isIcd10Shaped, NON_BILLABLE_HEADERS } from '../../knowledge/icd10';
import type { NoteRule } from '../types';
import { allDiagnoses, seventhIssue } from './util';

/**
 * A well-shaped code missing from the CMS ICD-10-CM code file the configuration points at
 * (`icd10CodeFile`). Does nothing without a code file.
 */
export const icd10NotInCodeSet: NoteRule = {
  id: 'icd10-not-in-code-set',
  description: 'A diagnosis is not in the configured ICD-10-CM code set (only when a CMS code file is configured).',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['diagnoses'],
  references: ['SRC-CDC-ICD10CM-FILES', 'SRC-CMS-ICD10'],
  fixable: false,
  scope: 'note',
  check({ note, config, report }) {
    const codes = config.icd10Codes;
    if (!codes || codes.size === 0) return;
    for (const d of allDiagnoses(note)) {
      if (!isIcd10Shaped(d.text) || codes.has(d.normalized)) continue;
      // Headers and injury codes with 7th-character problems have their own, more precise findings.
      if (NON_BILLABLE_HEADERS.has(d.normalized) || seventhIssue(d.text, codes) !== undefined) continue;
      report({
        range: d.range,
        message: `${d.normalized} is not a valid ICD-10-CM code in the configured code set: check the code (and that the code file matches the date of service).`,
      });
    }
  },
};
