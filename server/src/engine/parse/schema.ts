/**
 * The front-matter schema of a note (note-format.md §1, v2): every top-level key and every
 * charge-line key, with its type, allowed values and their meanings, a one-line meaning, and when
 * it is required. This table is the only place these facts live: the parser's key lists,
 * `invalid-field-value`, `missing-required-field`, editor completion and hover, the generated
 * front-matter reference (`docs/front-matter.md`, `schemas/tnote-front-matter.schema.json`) and
 * the snippet tests all read it.
 *
 * Matching of keys and enum values is case-insensitive and ignores surrounding spaces.
 */

/** How a value is written. */
export type ValueType =
  /** Free text. */
  | 'text'
  /** An ISO date, `YYYY-MM-DD`. */
  | 'date'
  /** One of `values`. */
  | 'enum'
  /** A whole number, 0 or more. */
  | 'count'
  /** A list of ICD-10-CM codes. */
  | 'diagnosis-list'
  /** A list of charge lines (mappings with the charge keys). */
  | 'charge-list'
  /** A CPT or HCPCS code. */
  | 'code'
  /** A list of modifiers. */
  | 'modifier-list';

export interface AllowedValue {
  value: string;
  /** Short meaning, for completion and hover. */
  meaning: string;
}

/** When a key must be written. */
export type RequiredWhen =
  | { when: 'always' }
  | { when: 'never' }
  /** When the note bills one of `codes`; `because` completes "the note bills 97760, …". */
  | { when: 'codes'; codes: readonly string[]; because: string }
  /** When the note bills a 15-minute timed code (charge keys: on a timed code's line). */
  | { when: 'timed' };

export interface KeySpec {
  key: string;
  type: ValueType;
  /** One-line meaning (hover, completion, reference). */
  meaning: string;
  /** How messages name the value, a noun phrase: "the discipline of the treating provider". */
  noun: string;
  /**
   * For `enum`: the only valid values. For `text`: common values, offered by completion but not
   * enforced (e.g. `payer`, which configuration may map to a profile).
   */
  values?: readonly AllowedValue[];
  /** Common ways of writing an enum value, lower case → the valid value (offered first as a fix). */
  valueSynonyms?: Readonly<Record<string, string>>;
  /** Other names people give this key (lower case); invalid-field-value offers to rename them. */
  keySynonyms?: readonly string[];
  required: RequiredWhen;
  /**
   * The rule that reports the key when it is required and absent or empty; absent = no rule does
   * yet. `alternative` names what else satisfies it.
   */
  missing?: { rule: string; alternative?: string };
  /** For `count`: an empty value (`key:`) is reported by invalid-field-value, not left to `missing`. */
  emptyIsInvalid?: boolean;
  /** The value assumed when the key is absent. */
  default?: string;
  /** Label of the placeholder that fixes insert (`{{label}}`); enums use their values. */
  placeholder?: string;
  /** Completion insert text in snippet syntax (default `key: `). */
  snippet?: string;
  /** Format version that added the key. */
  since: 1 | 2;
}

const TIMED = { when: 'timed' } as const;
const NEVER = { when: 'never' } as const;
const ALWAYS = { when: 'always' } as const;

/** Top-level front-matter keys, in the order notes write them. */
export const FRONT_MATTER_SCHEMA: readonly KeySpec[] = [
  {
    key: 'patient',
    type: 'text',
    meaning: 'Patient identifier (MRN or chart id) — never a name.',
    noun: "the patient's chart id (MRN), never a name",
    keySynonyms: ['mrn', 'patient_id'],
    required: ALWAYS,
    missing: { rule: 'missing-required-field' },
    placeholder: 'patient id',
    snippet: 'patient: ${1:MRN-}',
    since: 1,
  },
  {
    key: 'date',
    type: 'date',
    meaning: 'Date of service, `YYYY-MM-DD`.',
    noun: 'the date of service (YYYY-MM-DD)',
    keySynonyms: ['dos', 'date_of_service', 'service_date'],
    required: ALWAYS,
    missing: { rule: 'missing-date-of-service' },
    placeholder: 'YYYY-MM-DD',
    snippet: 'date: ${1:YYYY-MM-DD}',
    since: 1,
  },
  {
    key: 'discipline',
    type: 'enum',
    meaning: 'Discipline of the treating provider; decides the plan-of-care modifier (GP, GO, GN).',
    noun: 'the discipline of the treating provider',
    values: [
      { value: 'PT', meaning: 'physical therapy (modifier GP)' },
      { value: 'OT', meaning: 'occupational therapy (modifier GO)' },
      { value: 'SLP', meaning: 'speech-language pathology (modifier GN)' },
    ],
    valueSynonyms: {
      'physical therapy': 'PT',
      physiotherapy: 'PT',
      'physical therapist': 'PT',
      pta: 'PT',
      'occupational therapy': 'OT',
      'occupational therapist': 'OT',
      ota: 'OT',
      cota: 'OT',
      st: 'SLP',
      speech: 'SLP',
      'speech therapy': 'SLP',
      'speech-language pathology': 'SLP',
      'speech language pathology': 'SLP',
    },
    required: ALWAYS,
    missing: { rule: 'missing-required-field' },
    since: 1,
  },
  {
    key: 'provider',
    type: 'text',
    meaning: 'Name and credentials of the treating provider, e.g. `Alex Rivera, PT, DPT`.',
    noun: "the treating provider's name and credentials",
    keySynonyms: ['therapist', 'clinician'],
    required: ALWAYS,
    missing: { rule: 'missing-required-field' },
    placeholder: 'name, credentials',
    since: 1,
  },
  {
    key: 'furnished_by',
    type: 'enum',
    meaning: 'Whether a therapy assistant (PTA/OTA) furnished the service in whole or in part.',
    noun: 'whether a therapist or an assistant furnished the service',
    values: [
      { value: 'therapist', meaning: 'the therapist furnished the whole service' },
      { value: 'assistant', meaning: 'a PTA/OTA furnished it in whole or in part (CQ/CO may apply)' },
    ],
    valueSynonyms: { pt: 'therapist', ot: 'therapist', slp: 'therapist', pta: 'assistant', ota: 'assistant', cota: 'assistant', 'therapy assistant': 'assistant' },
    keySynonyms: ['furnished'],
    required: NEVER,
    default: 'therapist',
    since: 1,
  },
  {
    key: 'encounter',
    type: 'enum',
    meaning: 'Orthotic/prosthetic encounter kind; required with a 97760, 97761 or 97763 charge.',
    noun: 'the kind of orthotic/prosthetic encounter',
    values: [
      { value: 'initial', meaning: 'first encounter (97760 orthotic, 97761 prosthetic)' },
      { value: 'subsequent', meaning: 'later encounter (97763)' },
    ],
    valueSynonyms: {
      init: 'initial',
      first: 'initial',
      'initial encounter': 'initial',
      new: 'initial',
      'follow-up': 'subsequent',
      'follow up': 'subsequent',
      followup: 'subsequent',
      subseq: 'subsequent',
      'subsequent encounter': 'subsequent',
      established: 'subsequent',
      return: 'subsequent',
    },
    keySynonyms: ['encounter_type'],
    required: { when: 'codes', codes: ['97760', '97761', '97763'], because: 'which depends on the encounter kind' },
    missing: { rule: 'missing-required-field' },
    since: 1,
  },
  {
    key: 'payer',
    type: 'text',
    meaning: 'Payer; selects a payer profile of the configuration.',
    noun: 'the payer',
    values: [
      { value: 'medicare', meaning: 'Medicare rules (8-minute rule, KX threshold, CQ/CO)' },
      { value: 'commercial', meaning: 'commercial payer profile' },
    ],
    keySynonyms: ['insurance'],
    required: NEVER,
    since: 1,
  },
  {
    key: 'diagnoses',
    type: 'diagnosis-list',
    meaning: 'ICD-10-CM codes supporting medical necessity; required when 97760 is billed.',
    noun: 'the ICD-10-CM codes supporting medical necessity',
    keySynonyms: ['dx', 'diagnosis', 'icd10'],
    required: { when: 'codes', codes: ['97760'], because: 'which needs a supporting diagnosis' },
    missing: { rule: 'no-supporting-diagnosis', alternative: 'a `Diagnosis` field in the Medical Necessity section' },
    placeholder: 'ICD-10-CM code',
    snippet: 'diagnoses: [${1}]',
    since: 1,
  },
  {
    key: 'charges',
    type: 'charge-list',
    meaning: 'Charge lines billed for this date of service (code, modifiers, units, minutes, region, assistant_minutes).',
    noun: 'the charge lines billed for this date of service',
    keySynonyms: ['charge', 'codes'],
    required: NEVER,
    snippet: 'charges:\n  - code: ${1}\n    modifiers: [${2}]\n    units: ${3:1}\n    minutes: ${4}',
    since: 1,
  },
  {
    key: 'total_treatment_minutes',
    type: 'count',
    meaning: 'Total treatment time in minutes, timed plus untimed.',
    noun: 'total treatment time in minutes',
    keySynonyms: ['total_minutes', 'total_time', 'total_treatment_time', 'treatment_minutes'],
    required: TIMED,
    missing: { rule: 'missing-total-treatment-time', alternative: 'a `Total treatment time` field in the Time section' },
    placeholder: 'total treatment minutes',
    snippet: 'total_treatment_minutes: ${1}',
    since: 1,
  },
  {
    key: 'status',
    type: 'enum',
    meaning: 'Where the note is in its life: being written, ready to sign and bill, or a template.',
    noun: 'where the note is in its life',
    values: [
      { value: 'draft', meaning: 'being written: what is not written yet shows as "to do"; what is wrong keeps its severity' },
      { value: 'final', meaning: 'ready to sign and bill: every finding at its configured severity' },
      { value: 'template', meaning: 'a note template: placeholders are expected; its structure is checked' },
    ],
    valueSynonyms: { 'in progress': 'draft', 'in-progress': 'draft', wip: 'draft', unsigned: 'draft', signed: 'final', complete: 'final', completed: 'final', done: 'final' },
    keySynonyms: ['note_status'],
    required: NEVER,
    default: 'final',
    since: 2,
  },
];

/** Keys of one charge line (an item of `charges`). */
export const CHARGE_SCHEMA: readonly KeySpec[] = [
  {
    key: 'code',
    type: 'code',
    meaning: 'CPT code (5 digits) or HCPCS code (letter + 4 digits, e.g. L1971).',
    noun: 'the CPT or HCPCS code billed',
    keySynonyms: ['cpt', 'hcpcs'],
    required: ALWAYS,
    placeholder: 'code',
    since: 1,
  },
  {
    key: 'modifiers',
    type: 'modifier-list',
    meaning: 'Modifiers of the charge line, e.g. `[GP]`; order does not matter.',
    noun: 'the modifiers of the charge line',
    keySynonyms: ['modifier', 'mods'],
    required: NEVER,
    snippet: 'modifiers: [${1}]',
    since: 1,
  },
  {
    key: 'units',
    type: 'count',
    meaning: 'Billed units (15-minute units for timed codes).',
    noun: 'billed units',
    keySynonyms: ['unit', 'qty', 'quantity'],
    required: TIMED,
    missing: { rule: 'units-not-matching-minutes' },
    emptyIsInvalid: true,
    placeholder: 'units',
    since: 1,
  },
  {
    key: 'minutes',
    type: 'count',
    meaning: 'Timed minutes spent on this code (timed codes only).',
    noun: 'timed minutes',
    keySynonyms: ['min', 'mins', 'minute', 'time'],
    required: TIMED,
    missing: { rule: 'missing-total-timed-minutes', alternative: 'a `Timed minutes` total in the Time section' },
    emptyIsInvalid: true,
    placeholder: 'minutes',
    since: 1,
  },
  {
    key: 'region',
    type: 'enum',
    meaning: 'Body region the charge applies to; links a 97760 to a device.',
    noun: 'the body region of the device',
    values: [
      { value: 'upper', meaning: 'upper extremity' },
      { value: 'lower', meaning: 'lower extremity' },
      { value: 'trunk', meaning: 'trunk' },
    ],
    valueSynonyms: {
      ue: 'upper',
      'upper extremity': 'upper',
      arm: 'upper',
      hand: 'upper',
      wrist: 'upper',
      le: 'lower',
      'lower extremity': 'lower',
      leg: 'lower',
      foot: 'lower',
      ankle: 'lower',
      knee: 'lower',
      spine: 'trunk',
      back: 'trunk',
      torso: 'trunk',
    },
    keySynonyms: ['body_region'],
    required: NEVER,
    since: 1,
  },
  {
    key: 'assistant_minutes',
    type: 'count',
    meaning: 'Minutes of this line that an assistant (PTA/OTA) furnished apart from the therapist; decides whether the line needs CQ/CO.',
    noun: 'minutes an assistant furnished apart from the therapist',
    keySynonyms: ['pta_minutes', 'ota_minutes', 'assistant_time'],
    required: NEVER,
    emptyIsInvalid: true,
    default: '0',
    since: 2,
  },
];

export const FRONT_MATTER_KEYS: readonly string[] = FRONT_MATTER_SCHEMA.map((k) => k.key);
export const CHARGE_KEYS: readonly string[] = CHARGE_SCHEMA.map((k) => k.key);

/** The spec of a key (case-insensitive), top-level or in a charge line. */
export function keySpec(key: string, inCharge = false): KeySpec | undefined {
  const k = key.trim().toLowerCase();
  return (inCharge ? CHARGE_SCHEMA : FRONT_MATTER_SCHEMA).find((s) => s.key === k);
}

/** The allowed value matching `written` (case-insensitive, spaces ignored), as the table writes it. */
export function allowedValue(spec: KeySpec, written: string): AllowedValue | undefined {
  const w = written.trim().toLowerCase();
  return spec.values?.find((v) => v.value.toLowerCase() === w);
}

/** The key that an unknown key is a common name for (`dos` → `date`). */
export function keyForSynonym(key: string, inCharge = false): string | undefined {
  const k = key.trim().toLowerCase();
  return (inCharge ? CHARGE_SCHEMA : FRONT_MATTER_SCHEMA).find((s) => s.keySynonyms?.includes(k))?.key;
}

/** "PT, OT or SLP". */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** What to write for a key, for messages ("add `discipline:` with PT, OT or SLP"). */
export function whatToWrite(spec: KeySpec): string {
  return spec.type === 'enum' && spec.values ? orList(spec.values.map((v) => v.value)) : spec.noun;
}

/** The label of the placeholder a fix inserts for a key. */
export function placeholderLabel(spec: KeySpec): string {
  return spec.placeholder ?? (spec.type === 'enum' && spec.values ? orList(spec.values.map((v) => v.value)) : spec.key);
}

const TYPE_TEXT: Record<ValueType, string> = {
  text: 'text',
  date: 'date, `YYYY-MM-DD`',
  enum: 'one of the values',
  count: 'whole number, 0 or more',
  'diagnosis-list': 'list of ICD-10-CM codes',
  'charge-list': 'list of charge lines',
  code: 'CPT or HCPCS code',
  'modifier-list': 'list of modifiers',
};

/** How a value of this type is written, in words. */
export function typeText(spec: KeySpec): string {
  return spec.type === 'enum' && spec.values ? spec.values.map((v) => `\`${v.value}\``).join(' | ') : TYPE_TEXT[spec.type];
}

/** When the key is required, in words ("yes", "no (default `final`)", "when 97760 is billed"). */
export function requiredText(spec: KeySpec, inCharge = false): string {
  const r = spec.required;
  const alt = spec.missing?.alternative ? ` (or ${spec.missing.alternative})` : '';
  switch (r.when) {
    case 'always':
      return 'yes';
    case 'never':
      return spec.default !== undefined ? `no (default \`${spec.default}\`)` : 'no';
    case 'codes':
      return `when ${orList(r.codes)} is billed${alt}`;
    case 'timed':
      return `${inCharge ? "on a timed code's line" : 'when a timed code is billed'}${alt}`;
  }
}
