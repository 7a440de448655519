import { isSeq } from 'yaml';
import { replace } from '../../edit';
import { CHARGE_KEYS, FRONT_MATTER_KEYS, type Charge } from '../../parse/facts';
import type { FmValue } from '../../parse/frontMatter';
import type { Fix } from '../../types';
import type { NoteRule, RuleReport } from '../types';
import { isEmptyValue, nearest, readableFrontMatter } from './util';

interface Enum {
  key: string;
  values: string[];
  /** Common ways of writing a value, lower case → the valid value (offered first). */
  synonyms: Record<string, string>;
  what: string;
}

const ENUMS: Enum[] = [
  {
    key: 'discipline',
    values: ['PT', 'OT', 'SLP'],
    synonyms: { 'physical therapy': 'PT', physiotherapy: 'PT', 'physical therapist': 'PT', pta: 'PT', 'occupational therapy': 'OT', 'occupational therapist': 'OT', ota: 'OT', cota: 'OT', st: 'SLP', speech: 'SLP', 'speech therapy': 'SLP', 'speech-language pathology': 'SLP', 'speech language pathology': 'SLP' },
    what: 'the discipline of the treating provider',
  },
  {
    key: 'encounter',
    values: ['initial', 'subsequent'],
    synonyms: { init: 'initial', first: 'initial', 'initial encounter': 'initial', new: 'initial', 'follow-up': 'subsequent', 'follow up': 'subsequent', followup: 'subsequent', subseq: 'subsequent', 'subsequent encounter': 'subsequent', established: 'subsequent', return: 'subsequent' },
    what: 'the kind of orthotic/prosthetic encounter',
  },
  {
    key: 'furnished_by',
    values: ['therapist', 'assistant'],
    synonyms: { pt: 'therapist', ot: 'therapist', slp: 'therapist', pta: 'assistant', ota: 'assistant', cota: 'assistant', 'therapy assistant': 'assistant' },
    what: 'whether a therapist or an assistant furnished the service',
  },
];

const REGION: Enum = {
  key: 'region',
  values: ['upper', 'lower', 'trunk'],
  synonyms: { ue: 'upper', 'upper extremity': 'upper', arm: 'upper', hand: 'upper', wrist: 'upper', le: 'lower', 'lower extremity': 'lower', leg: 'lower', foot: 'lower', ankle: 'lower', knee: 'lower', spine: 'trunk', back: 'trunk', torso: 'trunk' },
  what: 'the body region of the device',
};

/** Unknown keys that are common ways of writing a known one. */
const KEY_SYNONYMS: Record<string, string> = {
  dos: 'date', date_of_service: 'date', service_date: 'date', mrn: 'patient', patient_id: 'patient', therapist: 'provider', clinician: 'provider',
  dx: 'diagnoses', diagnosis: 'diagnoses', icd10: 'diagnoses', total_minutes: 'total_treatment_minutes', total_time: 'total_treatment_minutes',
  total_treatment_time: 'total_treatment_minutes', treatment_minutes: 'total_treatment_minutes', charge: 'charges', codes: 'charges', insurance: 'payer',
  furnished: 'furnished_by', encounter_type: 'encounter',
};
const CHARGE_KEY_SYNONYMS: Record<string, string> = {
  cpt: 'code', hcpcs: 'code', modifier: 'modifiers', mods: 'modifiers', unit: 'units', qty: 'units', quantity: 'units', min: 'minutes', mins: 'minutes', minute: 'minutes', time: 'minutes', body_region: 'region',
};

function enumFixes(e: Enum, v: FmValue, written: string): Fix[] {
  const preferred = e.synonyms[written.trim().toLowerCase()];
  const order = preferred ? [preferred, ...e.values.filter((x) => x !== preferred)] : e.values;
  return order.map((value) => ({ title: `Set \`${e.key}: ${value}\``, kind: 'choice' as const, edits: [replace(v.range, value)] }));
}

/** Checks one enumerated value (case-insensitive). */
function checkEnum(e: Enum, v: FmValue | undefined, report: (r: RuleReport) => void): void {
  if (!v || v.placeholder || isEmptyValue(v)) return;
  const written = typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean' ? String(v.value) : '';
  if (written && e.values.some((x) => x.toLowerCase() === written.trim().toLowerCase())) return;
  report({
    range: v.range,
    message: `\`${e.key}\` must be one of ${e.values.join(', ')} (${e.what}).`,
    fixes: written ? enumFixes(e, v, written) : [],
  });
}

/** A leading whole number followed by a unit word (`31 min`, `2 units`): the number it means. */
function impliedCount(text: string): number | undefined {
  const m = /^\s*(\d+)(?:\s*(?:(?:min(?:ute)?s?|m|units?|u)\.?|\.))?\s*$/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

function checkCount(key: string, v: FmValue | undefined, what: string, report: (r: RuleReport) => void, emptyIsWrong: boolean): void {
  if (!v || v.placeholder) return;
  if (isEmptyValue(v)) {
    if (emptyIsWrong) report({ range: v.keyRange, message: `\`${key}\` has no value: enter ${what} as a whole number (0 or more), or remove the key.` });
    return;
  }
  if (typeof v.value === 'number' && Number.isInteger(v.value) && v.value >= 0) return;
  if (typeof v.value === 'string' && /^\s*\d+\s*$/.test(v.value)) return;
  const implied = typeof v.value === 'string' ? impliedCount(v.value) : undefined;
  report({
    range: v.range.end > v.range.start ? v.range : v.keyRange,
    message: `\`${key}\` must be a whole number of 0 or more (${what}); write only the number.`,
    fixes: implied !== undefined ? [{ title: `Set \`${key}: ${implied}\``, kind: 'safe', edits: [replace(v.range, String(implied))] }] : [],
  });
}

function renameFixes(v: FmValue, suggestion: string | undefined, taken: Map<string, FmValue>): Fix[] {
  if (!suggestion || taken.has(suggestion)) return [];
  return [{ title: `Rename to \`${suggestion}\``, kind: 'choice', edits: [replace(v.keyRange, suggestion)] }];
}

function checkCharge(charge: Charge, report: (r: RuleReport) => void): void {
  const n = charge.index + 1;
  if (!charge.isMapping) {
    report({
      range: charge.range,
      message: `Charge line ${n} is not written as \`key: value\` pairs: write it as \`- code: …\` with its modifiers, units and minutes.`,
    });
    return;
  }
  for (const [key, v] of charge.entries) {
    if ((CHARGE_KEYS as readonly string[]).includes(key)) continue;
    const suggestion = CHARGE_KEY_SYNONYMS[key] ?? nearest(key, CHARGE_KEYS);
    report({
      range: v.keyRange,
      message: `Charge line ${n} has an unknown key \`${key}\`: a charge line takes only ${CHARGE_KEYS.join(', ')}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}.`,
      fixes: renameFixes(v, suggestion, charge.entries),
    });
  }
  checkCount('units', charge.units, `billed units on charge line ${n}`, report, true);
  checkCount('minutes', charge.minutes, `timed minutes on charge line ${n}`, report, true);
  checkEnum(REGION, charge.region, report);
}

/** note-format.md §1: enumerated and numeric front-matter values, and the shape of `charges`. */
export const invalidFieldValue: NoteRule = {
  id: 'invalid-field-value',
  description: 'A front-matter value is not one the format allows (discipline, encounter, furnished_by, units, minutes, region, charge keys).',
  defaultSeverity: 'error',
  tags: ['structure'],
  fixable: true,
  scope: 'note',
  check({ note, report }) {
    if (!readableFrontMatter(note)) return;
    const entries = note.facts.entries;
    for (const e of ENUMS) checkEnum(e, entries.get(e.key), report);
    checkCount('total_treatment_minutes', entries.get('total_treatment_minutes'), 'total treatment time in minutes', report, false);

    const ch = note.facts.chargesValue;
    if (ch && !ch.placeholder && !isEmptyValue(ch)) {
      if (!ch.node || !isSeq(ch.node)) {
        report({
          range: ch.range.end > ch.range.start ? ch.range : ch.keyRange,
          message: '`charges` must be a list of charge lines, each starting with `- code:`.',
        });
      } else {
        for (const charge of note.facts.charges) {
          if (!charge.node) continue; // an empty `-` item: nothing written yet
          checkCharge(charge, report);
        }
      }
    }

    for (const [key, v] of entries) {
      if ((FRONT_MATTER_KEYS as readonly string[]).includes(key)) continue;
      const suggestion = KEY_SYNONYMS[key] ?? nearest(key, FRONT_MATTER_KEYS);
      report({
        range: v.keyRange,
        severity: 'info',
        message: `\`${key}\` is not a known front-matter key; the checker ignores it${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}.`,
        fixes: renameFixes(v, suggestion, entries),
      });
    }
  },
};
