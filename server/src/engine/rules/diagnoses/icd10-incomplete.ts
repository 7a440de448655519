import { isIcd10Shaped, KNOWN_ICD10, NON_BILLABLE_HEADERS } from '../../knowledge/icd10';
import { seventhCharacterRule } from '../../knowledge/seventhCharacter';
import { replace } from '../../edit';
import type { Fix } from '../../types';
import type { NoteRule } from '../types';
import { allDiagnoses, deviceSide, inStyleOf, seventhIssue } from './util';

/** The 7th characters a code's category allows, in words: "A, D or S". */
function extensionList(extensions: string): string {
  const c = extensions.split('');
  return c.length > 1 ? `${c.slice(0, -1).join(', ')} or ${c[c.length - 1]}` : c[0];
}

/**
 * R-DX-02: a billable code is carried to its full length (category headers are not billable).
 * v2 item 4: which codes need a 7th character comes from the ICD-10-CM tabular's table
 * (knowledge/seventhCharacter.ts), or from the configured code file.
 */
export const icd10Incomplete: NoteRule = {
  id: 'icd10-incomplete',
  description: 'A diagnosis is a non-billable header (e.g. G80, M21.37) or a code of a 7th-character category (S, most T, M80, M84.3–M84.6, M48.4–M48.5, M97 …) without its 7th character.',
  defaultSeverity: 'error',
  tags: ['diagnoses'],
  references: ['SRC-CDC-ICD10CM-FILES', 'SRC-CMS-ICD10CM-GUIDELINES'],
  fixable: true,
  kind: 'correctness',
  scope: 'note',
  check({ note, config, report }) {
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
              ? `${d.normalized} is a non-billable header, not a code that can go on a claim: use one of its full codes (${children.join(', ')}).`
              : `${d.normalized} is a non-billable header, not a code that can go on a claim: add the characters that complete it (side and detail) from the ICD-10-CM code set.`,
          fixes,
        });
        continue;
      }
      if (seventhIssue(d.text, config.icd10Codes) === 'missing') {
        const rule = seventhCharacterRule(d.normalized);
        // Injury codes (S, T) keep the short wording; other categories name what the tabular allows.
        const injury = /^[ST]/.test(d.normalized);
        const what = injury ? 'an injury code' : `in a category that takes a 7th character`;
        const allowed = !injury && rule ? ` (the ICD-10-CM tabular lists ${extensionList(rule.extensions)} for ${rule.node})` : '';
        const example = !rule || rule.extensions.includes('D') ? ' (e.g. D for a subsequent encounter with routine healing)' : '';
        report({
          range: d.range,
          message: `${d.normalized} is ${what}${injury ? ' without its 7th character' : ' and has none'}${allowed}: complete the code and add the 7th character for the encounter${example}, with X placeholders where positions are empty.`,
        });
      }
    }
  },
};
