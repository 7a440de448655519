import { isHcpcsLevel2Shaped } from '../../knowledge/hcpcs';
import { isCptShaped } from '../../knowledge/cpt';
import type { NoteRule } from '../types';

/** CPT Category II/III codes and PLA codes: four digits and a letter (e.g. 0275T). */
const CPT_ALPHANUMERIC = /^\d{4}[FTU]$/i;

/** R-LCODE-02: a charge code is a CPT code (5 digits) or a HCPCS Level II code (letter + 4 digits). */
export const invalidHcpcsFormat: NoteRule = {
  id: 'invalid-hcpcs-format',
  description: 'A charge code is neither a 5-digit CPT code nor a HCPCS code (one letter and four digits).',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['billing'],
  references: ['SRC-CMS-HCPCS-2019'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    for (const charge of note.facts.charges) {
      const v = charge.codeValue;
      if (!charge.code || !v) continue;
      // The source text, so that `09760` is reported as written and not as the number 9760.
      const written = v.text.replace(/^(['"])(.*)\1$/s, '$2').trim();
      if (isCptShaped(written) || isHcpcsLevel2Shaped(written) || CPT_ALPHANUMERIC.test(written)) continue;
      report({
        range: v.range,
        message: `Charge code "${written}" is not a valid code format: use a 5-digit CPT code (e.g. 97760) or a HCPCS code of one letter and four digits (e.g. L1971).`,
      });
    }
  },
};
