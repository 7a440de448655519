import type { NoteRule } from '../types';
import { serviceDate } from '../documentation/util';
import { datesIn } from './util';

/**
 * rules.md v2 §G: a note is signed to authenticate a service already furnished, so the signature
 * date (the date on the `Signed:` line, or the Signature section's `Date:`) cannot be earlier than
 * the date of service.
 */
export const signatureBeforeService: NoteRule = {
  id: 'signature-before-service',
  description: 'The signature is dated earlier than the date of service.',
  defaultSeverity: 'error',
  kind: 'correctness',
  tags: ['consistency'],
  references: ['SRC-CMS-PIM-CH3', 'SRC-FCSO-SIGNATURES', 'SRC-CMS-BPM-CH15'],
  fixable: false,
  scope: 'note',
  check({ note, report }) {
    const dos = serviceDate(note);
    if (!dos) return;
    const section = note.section('signature');
    if (!section) return;
    for (const f of section.fields) {
      const id = f.spec?.id;
      if ((id !== 'signed' && id !== 'date') || f.missing) continue;
      // The Signed line's date is the last date on it ("Name, PT — 2026-11-20"); `Date:` holds one.
      const src = note.text.slice(f.valueRange.start, f.valueRange.end);
      const dates = datesIn(src);
      const d = id === 'signed' ? dates[dates.length - 1] : dates[0];
      if (!d || d.iso >= dos) continue;
      report({
        range: { start: f.valueRange.start + d.start, end: f.valueRange.start + d.end },
        message: `The note is signed on ${d.iso}, before the date of service ${dos}: a signature authenticates a service already given, so it cannot predate it. Correct the signature date or the date of service.`,
        related: note.facts.entries.get('date') ? [{ range: note.facts.entries.get('date')!.range, message: `Date of service: ${dos}.` }] : undefined,
      });
    }
  },
};
