import { lcodeCategory } from '../../knowledge/hcpcs';
import { chargesWithCode } from '../shared';
import type { NoteRule } from '../types';
import { keywordHits } from './util';

/** Time spent fitting, fabricating, molding, measuring, trimming or adjusting the device. */
const FITTING_WORDS = /\b(?:fit|fits|fitting|fitted|fabricat\w*|mou?ld\w*|adjust\w*|trim|trims|trimm\w*|measur\w*)\b/i;
/** A sentence that says such time was left out of the minutes (e.g. "fitting covered by L-code, not counted"). */
const EXCLUDED = /\b(?:not|excluded?|excluding|exclusive of|separately|covered by|included in|part of the l-?code|billed (?:under|with|as)|no time)\b/i;

/**
 * R-LCODE-01: an orthotic L-code pays for assessment and fitting; only training time counts as 97760.
 * Sentences about teaching the patient ("practised adjusting the straps herself") are training.
 */
export const fittingTimeCountedWithLcode: NoteRule = {
  id: 'fitting-time-counted-with-lcode',
  description: 'An orthotic L-code is billed and the Time section counts fitting, fabrication, molding or adjustment time (a keyword hint; teaching sentences excepted).',
  // A keyword heuristic (v2 item 7): a hint to look, never a warning on its own.
  defaultSeverity: 'info',
  kind: 'correctness',
  tags: ['billing'],
  references: ['SRC-AOTA-ORTHOTICS'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    const lcode = note.facts.charges.find((c) => c.code && lcodeCategory(c.code) === 'orthosis');
    if (!lcode || chargesWithCode(note, '97760', '97761', '97763').length === 0) return;
    const time = note.section('time');
    if (!time) return;
    for (const range of keywordHits(time, FITTING_WORDS, EXCLUDED)) {
      report({
        range,
        message: `The Time section counts fitting, fabrication or adjustment time, but ${lcode.code} already pays for fitting the orthosis: count only training minutes toward the therapy code and recheck its units.`,
      });
    }
  },
};
