import { isIcd10Shaped, KNOWN_ICD10, NON_BILLABLE_HEADERS, seventhCharacterProblem } from '../../knowledge/icd10';
import { replace } from '../../edit';
import type { Fix } from '../../types';
import type { NoteRule } from '../types';
import { allDiagnoses, deviceSide, inStyleOf } from './util';

/** R-DX-02: a billable code is carried to its full length (category headers are not billable). */
export const icd10Incomplete: NoteRule = {
  id: 'icd10-incomplete',
  description: 'A diagnosis is a non-billable category heading (e.g. G80, M21.37) or an injury code without its 7th character.',
  defaultSeverity: 'error',
  tags: ['diagnoses'],
  references: ['R-DX-02'],
  fixable: true,
  kind: 'correctness',
  scope: 'note',
  check({ note, report }) {
    const side = deviceSide(note)?.side;
    for (const d of allDiagnoses(note)) {
      if (!isIcd10Shaped(d.text)) continue;
      const children = NON_BILLABLE_HEADERS.get(d.normalized);
      if (children !== undefined) {
        // The child stating the device's side first, then the others in table order.
        const ordered = [...children].sort((a, b) => Number(KNOWN_ICD10.get(b)?.side === side) - Number(KNOWN_ICD10.get(a)?.side === side));
        const fixes: Fix[] = ordered.map((c) => ({
          title: `Use ${c} (${KNOWN_ICD10.get(c)?.label ?? 'more specific code'})`,
          kind: 'choice',
          edits: [replace(d.range, inStyleOf(d.text, c))],
        }));
        report({
          range: d.range,
          message:
            children.length > 0
              ? `${d.normalized} is a category heading, not a billable code: use one of its full codes (${children.join(', ')}).`
              : `${d.normalized} is a category heading, not a billable code: add the characters that complete it (side and detail) from the ICD-10-CM code set.`,
          fixes,
        });
        continue;
      }
      if (seventhCharacterProblem(d.text) === 'missing') {
        report({
          range: d.range,
          message: `${d.normalized} is an injury code without its 7th character: complete the code and add the 7th character for the encounter (e.g. D for a subsequent encounter with routine healing), with X placeholders where positions are empty.`,
        });
      }
    }
  },
};
