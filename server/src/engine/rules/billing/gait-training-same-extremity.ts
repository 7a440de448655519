import { chargeAnchor, chargesWithCode } from '../shared';
import type { NoteRule } from '../types';
import { hasModifier } from './util';

/** R-CPT-08: 97760 is not billed with gait training (97116) for the same extremity. */
export const gaitTrainingSameExtremity: NoteRule = {
  id: 'gait-training-same-extremity',
  description: '97760 and gait training (97116) are billed on the same date without XS or 59 on the 97116 line.',
  defaultSeverity: 'warning',
  kind: 'correctness',
  tags: ['billing'],
  references: ['R-CPT-08'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    if (chargesWithCode(note, '97760').length === 0) return;
    for (const charge of chargesWithCode(note, '97116')) {
      if (hasModifier(charge, 'XS', '59')) continue;
      report({
        range: chargeAnchor(charge),
        message:
          '97116 (gait training) is billed with 97760, which already includes training with the orthosis for the same extremity: if the gait training was for a different extremity, document which one and add XS (or 59); otherwise do not bill 97116 and count its minutes under 97760.',
      });
    }
  },
};
