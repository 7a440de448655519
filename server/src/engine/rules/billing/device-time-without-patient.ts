import { chargesWithCode } from '../shared';
import type { NoteRule } from '../types';
import { keywordHits } from './util';

/** Phrases that describe time spent without the patient. */
const WITHOUT_PATIENT = new RegExp(
  [
    String.raw`\bwhile (?:the )?(?:patient|pt|client)\b.+\b(?:wait\w*|in (?:the )?(?:lobby|waiting room)|away|out of (?:the )?room)`,
    String.raw`\b(?:patient|pt|client)\b.{1,30}\b(?:not present|absent|waited|waiting|in (?:the )?(?:lobby|waiting room)|left (?:the )?(?:room|clinic|building)|out of (?:the )?room)\b`,
    String.raw`\bwithout (?:the )?(?:patient|pt|client)\b`,
    String.raw`\b(?:tele)?phone\b`,
    String.raw`\bcalls?\b`,
    String.raw`\bpaperwork\b`,
    String.raw`\bcharting\b`,
    String.raw`\bdocumentation time\b`,
    String.raw`\bwaiting\b`,
  ].join('|'),
  'i',
);
/** A sentence that says such time was left out. */
const EXCLUDED = /\b(?:not (?:counted|included|billed)|excluded?|excluding|exclusive of|separately|no time)\b/i;

/**
 * R-CPT-11: only time with the patient present counts toward 97760/97761/97763 units. Sentences
 * about teaching the patient ("taught to call the clinic", "patient called…") are not such time.
 */
export const deviceTimeWithoutPatient: NoteRule = {
  id: 'device-time-without-patient',
  description: 'The Time section counts time spent without the patient (fabrication while the patient waited, calls, paperwork) — a keyword hint; teaching sentences excepted.',
  // A keyword heuristic (v2 item 7): a hint to look, never a warning on its own.
  defaultSeverity: 'info',
  kind: 'correctness',
  tags: ['billing'],
  references: ['SRC-FCSO-THERAPY-UNITS', 'SRC-CMS-MCPM-CH5', 'SRC-AOTA-ORTHOTICS'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    const codes = chargesWithCode(note, '97760', '97761', '97763');
    if (codes.length === 0) return;
    const time = note.section('time');
    if (!time) return;
    for (const range of keywordHits(time, WITHOUT_PATIENT, EXCLUDED)) {
      report({
        range,
        message: `The Time section counts time without the patient (e.g. fabrication while the patient waited, calls or paperwork): only time with the patient present counts toward ${codes[0].code}; remove those minutes and recheck the units.`,
      });
    }
  },
};
