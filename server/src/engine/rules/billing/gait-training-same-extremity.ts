import { chargeAnchor, chargesWithCode } from '../shared';
import { devices, regionsOfCharge } from '../devices';
import type { NoteRule } from '../types';
import { hasModifier } from './util';

/**
 * R-CPT-08 (v2 item 6): 97760 for a lower-extremity orthosis is not billed with gait training
 * (97116) for the same extremity. The 97760 line's region comes from its `region`, else from the
 * Device section(s) it concerns (Region, else what the Type or L-code names, e.g. an AFO). An
 * upper-extremity or trunk orthosis says nothing about gait training, so the rule is silent then,
 * and when the region is not known.
 */
export const gaitTrainingSameExtremity: NoteRule = {
  id: 'gait-training-same-extremity',
  description: '97760 for a lower-extremity orthosis and gait training (97116) are billed on the same date without XS or 59 on the 97116 line.',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['billing'],
  references: ['SRC-AOTA-ORTHOTICS', 'SRC-HHS-MLN1783722'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    const devs = devices(note);
    const lower = chargesWithCode(note, '97760').some((c) => regionsOfCharge(note, '97760', c, devs).has('lower'));
    if (!lower) return;
    for (const charge of chargesWithCode(note, '97116')) {
      if (hasModifier(charge, 'XS', '59')) continue;
      report({
        range: chargeAnchor(charge),
        message:
          '97116 (gait training) is billed with 97760 for a lower-extremity orthosis, and 97760 already includes gait training with the orthosis: if the gait training was for a different extremity, document which extremity and what was done; otherwise do not bill 97116 and count its minutes under 97760.',
      });
    }
  },
};
