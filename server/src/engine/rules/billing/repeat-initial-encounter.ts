import { isIsoCalendarDate } from '../../dates';
import { replace } from '../../edit';
import type { Fix, Range } from '../../types';
import { chargeAnchor, chargesWithCode } from '../shared';
import type { WorkspaceRule } from '../types';
import { chargeRegions, replaceCode } from './util';

const ID = 'repeat-initial-encounter';
const REGION_LABEL: Record<string, string> = { upper: 'upper extremity', lower: 'lower extremity', trunk: 'trunk' };
/** What one note contributes: its patient, date of service and 97760 lines with their regions. */
interface Summary {
  patient: string;
  date: string;
  charges: { index: number; range: Range; regions: string[]; fixes: Fix[]; suppressed: boolean }[];
}

/**
 * 97760 covers the first encounter for a device and body region. An earlier note (by date of
 * service; same date: file order) for the same patient that already billed 97760 for the same
 * region makes a later 97760 a repeat: later visits bill 97763.
 */
export const repeatInitialEncounter: WorkspaceRule<Summary> = {
  id: ID,
  description: '97760 is billed again for a patient and body region that an earlier note already billed 97760 for.',
  defaultSeverity: 'warning',
  tags: ['billing'],
  references: ['SRC-AOTA-ORTHOTICS', 'SRC-PTM-2018-CODES'],
  fixable: true,
  kind: 'correctness',
  scope: 'workspace',
  summarize(note) {
    const v = note.facts.entries.get('patient');
    if (!v || v.placeholder || v.value === null || v.value === undefined || typeof v.value === 'object') return undefined;
    const patient = String(v.value).trim().toLowerCase();
    const date = note.facts.date;
    if (!patient || !date || !isIsoCalendarDate(date)) return undefined;
    const charges: Summary['charges'] = [];
    for (const charge of chargesWithCode(note, '97760')) {
      const regions = [...chargeRegions(note, charge)];
      if (regions.length === 0) continue;
      const fixes: Fix[] = [];
      const edit = replaceCode(note, charge, '97763');
      if (edit) {
        const edits = [edit];
        // With no other first-encounter line left, the note becomes a subsequent encounter.
        const encounter = note.facts.entries.get('encounter');
        const others = chargesWithCode(note, '97760', '97761').filter((c) => c !== charge);
        if (note.facts.encounter === 'initial' && encounter && others.length === 0) edits.push(replace(encounter.range, 'subsequent'));
        fixes.push({ title: edits.length > 1 ? 'Replace with 97763 and set `encounter: subsequent`' : 'Replace with 97763', kind: 'choice', edits });
      }
      const range = chargeAnchor(charge);
      charges.push({ index: charge.index, range, regions, fixes, suppressed: note.suppressions.isSuppressed(ID, note.lines.lineAt(range.start)) });
    }
    return charges.length ? { patient, date, charges } : undefined;
  },
  // Notes of different patients never bear on each other: a changed note re-checks its patient only.
  partition: (summary) => summary.patient,
  // Which charge repeats which depends on patient, date, regions and suppression, not on where
  // the charges are written; ranges and fixes only flow into the findings of the notes involved.
  shape: (summary) => JSON.stringify([summary.patient, summary.date, summary.charges.map((c) => [c.index, c.regions, c.suppressed])]),
  checkWorkspace(notes, report) {
    type Billed = { digest: (typeof notes)[number]['digest']; order: number; date: string; charge: Summary['charges'][number]; pos: number };
    // Thousands of findings share a few messages: each is built once.
    const messages = new Map<string, string>();
    const byPatient = new Map<string, Billed[]>();
    notes.forEach(({ digest, summary }, order) => {
      let list = byPatient.get(summary.patient);
      if (!list) byPatient.set(summary.patient, (list = []));
      for (const charge of summary.charges) list.push({ digest, order, date: summary.date, charge, pos: 0 });
    });
    for (const list of byPatient.values()) {
      if (list.length < 2) continue;
      // ISO dates compare as plain strings.
      list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || a.order - b.order || a.charge.index - b.charge.index);
      // One pass: per region, the earliest 97760 and the earliest one of another note than that.
      const first = new Map<string, Billed>();
      const second = new Map<string, Billed>();
      list.forEach((later, pos) => {
        later.pos = pos;
        if (!later.charge.suppressed) {
          // The earliest 97760 of another note for an overlapping region.
          let earlier: Billed | undefined;
          for (const r of later.charge.regions) {
            const f = first.get(r);
            const candidate = f && f.digest !== later.digest ? f : second.get(r);
            if (candidate && (!earlier || candidate.pos < earlier.pos)) earlier = candidate;
          }
          if (earlier) reportRepeat(later, earlier);
        }
        for (const r of later.charge.regions) {
          const f = first.get(r);
          if (!f) first.set(r, later);
          else if (!second.has(r) && f.digest !== later.digest) second.set(r, later);
        }
      });
    }

    function reportRepeat(later: Billed, earlier: Billed): void {
      const same = earlier.date === later.date;
      const shared = later.charge.regions.length === 1 ? later.charge.regions : later.charge.regions.filter((r) => earlier.charge.regions.includes(r));
      const key = `${shared.join(',')}|${same ? '' : earlier.date}`;
      let message = messages.get(key);
      if (message === undefined) {
        const region = shared.map((r) => REGION_LABEL[r] ?? r).join(' and ');
        message = same
          ? `97760 is also billed for this patient's ${region} in another note of the same date: 97760 is billed once per device and region, so bill only one of them as 97760 (the other as 97763, unless it is a new device).`
          : `97760 was already billed for this patient's ${region} on ${earlier.date}: 97760 is billed once per device and region, so bill this visit as 97763 (unless it is a new device).`;
        messages.set(key, message);
      }
      let relatedMessage = messages.get(earlier.date);
      if (relatedMessage === undefined) messages.set(earlier.date, (relatedMessage = `First 97760 for this patient and region (${earlier.date}).`));
      report(later.digest, { range: later.charge.range, message, fixes: later.charge.fixes, related: [{ file: earlier.digest.file, range: earlier.charge.range, message: relatedMessage }] });
    }
  },
};
