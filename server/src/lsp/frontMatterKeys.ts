/** Front-matter keys of a note (note-format.md §1) with their meaning and allowed values, for completion and hover. */
export interface KeyInfo {
  key: string;
  meaning: string;
  values?: { value: string; meaning: string }[];
  /** What to insert after `key: ` (a snippet). */
  snippet?: string;
}

export const FRONT_MATTER_KEY_INFO: readonly KeyInfo[] = [
  { key: 'patient', meaning: 'Patient identifier (MRN or chart id) — never a name.', snippet: 'patient: ${1:MRN-}' },
  { key: 'date', meaning: 'Date of service, `YYYY-MM-DD`.', snippet: 'date: ${1:YYYY-MM-DD}' },
  {
    key: 'discipline',
    meaning: 'Discipline of the treating provider; decides the plan-of-care modifier (GP, GO, GN).',
    values: [
      { value: 'PT', meaning: 'physical therapy (modifier GP)' },
      { value: 'OT', meaning: 'occupational therapy (modifier GO)' },
      { value: 'SLP', meaning: 'speech-language pathology (modifier GN)' },
    ],
  },
  { key: 'provider', meaning: 'Name and credentials of the treating provider, e.g. `Alex Rivera, PT, DPT`.' },
  {
    key: 'furnished_by',
    meaning: 'Whether a therapy assistant furnished the service in whole or in part (default `therapist`).',
    values: [
      { value: 'therapist', meaning: 'the therapist furnished the whole service' },
      { value: 'assistant', meaning: 'a PTA/OTA furnished it in whole or in part (CQ/CO may apply)' },
    ],
  },
  {
    key: 'encounter',
    meaning: 'Orthotic/prosthetic encounter kind; required with a 97760, 97761 or 97763 charge.',
    values: [
      { value: 'initial', meaning: 'first encounter (97760 orthotic, 97761 prosthetic)' },
      { value: 'subsequent', meaning: 'later encounter (97763)' },
    ],
  },
  {
    key: 'payer',
    meaning: 'Payer; selects a payer profile of the configuration.',
    values: [
      { value: 'medicare', meaning: 'Medicare rules (8-minute rule, KX threshold, CQ/CO)' },
      { value: 'commercial', meaning: 'commercial payer profile' },
    ],
  },
  { key: 'diagnoses', meaning: 'ICD-10-CM codes supporting medical necessity; required when 97760 is billed.', snippet: 'diagnoses: [${1}]' },
  { key: 'charges', meaning: 'Charge lines billed for this date of service (code, modifiers, units, minutes, region).', snippet: 'charges:\n  - code: ${1}\n    modifiers: [${2}]\n    units: ${3:1}\n    minutes: ${4}' },
  { key: 'total_treatment_minutes', meaning: 'Total treatment time in minutes, timed plus untimed.', snippet: 'total_treatment_minutes: ${1}' },
];

export const CHARGE_KEY_INFO: readonly KeyInfo[] = [
  { key: 'code', meaning: 'CPT code (5 digits) or HCPCS code (letter + 4 digits, e.g. L1971).' },
  { key: 'modifiers', meaning: 'Modifiers of the charge line, e.g. `[GP]`; order does not matter.', snippet: 'modifiers: [${1}]' },
  { key: 'units', meaning: 'Billed units (15-minute units for timed codes).' },
  { key: 'minutes', meaning: 'Timed minutes spent on this code (timed codes only).' },
  {
    key: 'region',
    meaning: 'Body region the charge applies to; links a 97760 to a device.',
    values: [
      { value: 'upper', meaning: 'upper extremity' },
      { value: 'lower', meaning: 'lower extremity' },
      { value: 'trunk', meaning: 'trunk' },
    ],
  },
];

export function keyInfo(key: string, inCharge: boolean): KeyInfo | undefined {
  const k = key.trim().toLowerCase();
  return (inCharge ? CHARGE_KEY_INFO : FRONT_MATTER_KEY_INFO).find((i) => i.key === k);
}
