import { replace } from '../../edit';
import type { Charge } from '../../parse/facts';
import type { Fix } from '../../types';
import { chargeAnchor, chargesWithCode } from '../shared';
import type { WorkspaceNote, WorkspaceRule } from '../types';
import { chargeRegions, replaceCode } from './util';

const REGION_LABEL: Record<string, string> = { upper: 'upper extremity', lower: 'lower extremity', trunk: 'trunk' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function patientOf(n: WorkspaceNote): string | undefined {
  const v = n.note.facts.entries.get('patient');
  if (!v || v.placeholder || v.value === null || v.value === undefined || typeof v.value === 'object') return undefined;
  const id = String(v.value).trim().toLowerCase();
  return id || undefined;
}

interface Billed {
  n: WorkspaceNote;
  order: number;
  date: string;
  charge: Charge;
  regions: Set<string>;
}

/**
 * 97760 covers the first encounter for a device and body region. An earlier note (by date of
 * service; same date: file order) for the same patient that already billed 97760 for the same
 * region makes a later 97760 a repeat: later visits bill 97763.
 */
export const repeatInitialEncounter: WorkspaceRule = {
  id: 'repeat-initial-encounter',
  description: '97760 is billed again for a patient and body region that an earlier note already billed 97760 for.',
  defaultSeverity: 'warning',
  tags: ['billing'],
  references: ['R-CPT-01'],
  fixable: true,
  scope: 'workspace',
  checkWorkspace(notes, report) {
    const byPatient = new Map<string, Billed[]>();
    notes.forEach((n, order) => {
      const patient = patientOf(n);
      const date = n.note.facts.date;
      if (!patient || !date || !ISO_DATE.test(date)) return;
      for (const charge of chargesWithCode(n.note, '97760')) {
        const regions = chargeRegions(n.note, charge);
        if (regions.size === 0) continue;
        const list = byPatient.get(patient) ?? [];
        list.push({ n, order, date, charge, regions });
        byPatient.set(patient, list);
      }
    });
    for (const list of byPatient.values()) {
      list.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order || a.charge.index - b.charge.index);
      list.forEach((later, i) => {
        // The earliest 97760 of another note for an overlapping region.
        const earlier = list.slice(0, i).find((e) => e.n !== later.n && [...e.regions].some((r) => later.regions.has(r)));
        if (!earlier) return;
        const note = later.n.note;
        const fixes: Fix[] = [];
        const edit = replaceCode(note, later.charge, '97763');
        if (edit) {
          const edits = [edit];
          // With no other first-encounter line left, the note becomes a subsequent encounter.
          const encounter = note.facts.entries.get('encounter');
          const others = chargesWithCode(note, '97760', '97761').filter((c) => c !== later.charge);
          if (note.facts.encounter === 'initial' && encounter && others.length === 0) edits.push(replace(encounter.range, 'subsequent'));
          fixes.push({ title: edits.length > 1 ? 'Replace with 97763 and set `encounter: subsequent`' : 'Replace with 97763', kind: 'choice', edits });
        }
        const region = [...later.regions].filter((r) => earlier.regions.has(r)).map((r) => REGION_LABEL[r] ?? r).join(' and ');
        report(later.n, {
          range: chargeAnchor(later.charge),
          message: `97760 was already billed for this patient's ${region} on ${earlier.date}: 97760 is billed once per device and region, so bill this visit as 97763 (unless it is a new device).`,
          fixes,
          related: [{ file: earlier.n.file, range: chargeAnchor(earlier.charge), message: `First 97760 for this patient and region (${earlier.date}).` }],
        });
      });
    }
  },
};
