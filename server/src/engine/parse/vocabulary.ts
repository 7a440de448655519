/**
 * The section and field vocabulary of a 97760 note (note-format.md §2): canonical ids, display
 * titles and aliases. Matching is case-insensitive and ignores surrounding spaces; configuration
 * may add aliases (see `config/`).
 */

export type SectionId = 'device' | 'medical-necessity' | 'instruction' | 'functional-training' | 'assessment' | 'time' | 'plan' | 'signature';

export interface FieldSpec {
  id: string;
  /** Label written by fixes and snippets. */
  label: string;
  aliases: string[];
  /** Short meaning, for hovers and completion. */
  meaning: string;
}

export interface SectionSpec {
  id: SectionId;
  title: string;
  aliases: string[];
  meaning: string;
  fields: FieldSpec[];
}

export const SECTIONS: readonly SectionSpec[] = [
  {
    id: 'device',
    title: 'Device',
    aliases: ['Orthosis', 'Orthotic Device'],
    meaning: 'Which orthosis was managed and for which body region and side.',
    fields: [
      { id: 'type', label: 'Type', aliases: ['Device'], meaning: 'Kind of orthosis (e.g. ankle-foot orthosis, wrist-hand orthosis).' },
      { id: 'region', label: 'Region', aliases: ['Body region'], meaning: 'Upper extremity, lower extremity or trunk.' },
      { id: 'side', label: 'Side', aliases: ['Laterality'], meaning: 'Right, left or bilateral.' },
      { id: 'l-code', label: 'L-code', aliases: ['HCPCS', 'Lcode', 'L code'], meaning: 'HCPCS L-code of the device, billed separately from 97760.' },
      { id: 'fit', label: 'Fit', aliases: ['Fabrication', 'Off-the-shelf', 'Custom'], meaning: 'Off-the-shelf, prefabricated custom-fitted, or custom fabricated.' },
    ],
  },
  {
    id: 'medical-necessity',
    title: 'Medical Necessity',
    aliases: ['Necessity', 'Indication'],
    meaning: 'Why the orthosis and the training are needed.',
    fields: [
      { id: 'diagnosis', label: 'Diagnosis', aliases: ['Diagnoses', 'Dx'], meaning: 'ICD-10-CM diagnoses supporting the orthosis.' },
      { id: 'rationale', label: 'Rationale', aliases: ['Reason'], meaning: 'The functional problem the orthosis and training address.' },
    ],
  },
  {
    id: 'instruction',
    title: 'Instruction',
    aliases: ['Patient Education', 'Education'],
    meaning: 'Instruction in the use, care and safety of the orthosis.',
    fields: [
      { id: 'use', label: 'Use', aliases: ['Donning/doffing', 'Donning and doffing', 'Wear schedule', 'Wearing schedule'], meaning: 'Donning and doffing, wearing schedule.' },
      { id: 'care', label: 'Care', aliases: ['Maintenance', 'Cleaning'], meaning: 'Cleaning and maintenance of the orthosis.' },
      { id: 'safety', label: 'Safety', aliases: ['Precautions', 'Skin checks', 'Skin check'], meaning: 'Skin checks, precautions, when to stop wearing it.' },
      { id: 'understanding', label: 'Understanding', aliases: ['Teach-back', 'Teach back'], meaning: 'How the patient or caregiver showed they learned it.' },
    ],
  },
  {
    id: 'functional-training',
    title: 'Functional Training',
    aliases: ['Training', 'Gait Training'],
    meaning: 'Functional activities practised with the orthosis.',
    fields: [
      { id: 'activity', label: 'Activity', aliases: ['Gait', 'Transfers', 'ADLs', 'ADL', 'Activities'], meaning: 'What was practised with the orthosis (gait, transfers, ADLs…).' },
      { id: 'assistance', label: 'Assistance', aliases: ['Assist', 'Level of assistance'], meaning: 'Level of assistance needed.' },
      { id: 'response', label: 'Response', aliases: [], meaning: 'How the patient responded.' },
    ],
  },
  {
    id: 'assessment',
    title: 'Assessment',
    aliases: ['Initial Assessment', 'Fitting'],
    meaning: 'Initial assessment, fitting and goals tied to the plan of care.',
    fields: [
      { id: 'assessment-date', label: 'Assessment date', aliases: ['Date'], meaning: 'Date of the initial orthotic assessment.' },
      { id: 'fitting', label: 'Fitting', aliases: ['Fit check'], meaning: 'Fit check: trim lines, pressure areas, adjustments.' },
      { id: 'goals', label: 'Goals', aliases: ['Goal'], meaning: 'Functional goals with the orthosis, tied to the plan of care.' },
    ],
  },
  {
    id: 'time',
    title: 'Time',
    aliases: ['Timing', 'Minutes'],
    meaning: 'Direct one-on-one time of the encounter.',
    fields: [
      { id: 'direct-contact', label: 'Direct contact', aliases: ['Face-to-face', 'Face to face'], meaning: 'Minutes of direct one-on-one contact with the patient.' },
      { id: 'timed-minutes', label: 'Timed minutes', aliases: ['Total timed minutes', 'Timed code minutes'], meaning: 'Total minutes of 15-minute timed services.' },
      { id: 'total-treatment-time', label: 'Total treatment time', aliases: ['Total time', 'Treatment time'], meaning: 'Timed plus untimed treatment minutes.' },
    ],
  },
  {
    id: 'plan',
    title: 'Plan',
    aliases: ['Treatment Plan'],
    meaning: 'Follow-up; later visits use 97763.',
    fields: [{ id: 'next-visit', label: 'Next visit', aliases: ['Follow-up', 'Follow up'], meaning: 'When and what the next visit is.' }],
  },
  {
    id: 'signature',
    title: 'Signature',
    aliases: [],
    meaning: 'Authentication by the treating provider, with credentials.',
    fields: [
      { id: 'signed', label: 'Signed', aliases: ['Electronically signed by', 'Signed by', 'E-signed'], meaning: 'Name and credentials of the signer.' },
      { id: 'date', label: 'Date', aliases: [], meaning: 'Date signed.' },
      {
        id: 'co-signed',
        label: 'Co-signed',
        aliases: ['Cosigned', 'Co-signed by', 'Cosigned by', 'Supervising therapist'],
        meaning: 'The supervising therapist’s co-signature (name, credentials, date); needed when the signer is a student.',
      },
      {
        id: 'supervision',
        label: 'Supervision',
        aliases: ['Supervising therapist present'],
        meaning: 'Statement that the supervising therapist was in the room directing the whole session (Medicare Part B, student notes).',
      },
    ],
  },
];

/** Empty, or words joined by single plain spaces (no other blank anywhere). */
const PLAIN_NAME = /^(?:\S+(?: \S+)*)?$/;

/** Normalizes a heading or label for matching: case-insensitive, inner spaces collapsed. */
export function normalizeName(name: string): string {
  // Most names already have single inner spaces and no outer blanks: only the case changes.
  if (isPlainName(name)) return name.toLowerCase();
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** `PLAIN_NAME.test(name)`, by a scan for plain ASCII text (the regex for anything else). */
function isPlainName(name: string): boolean {
  let prevSpace = true;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c > 126) return PLAIN_NAME.test(name);
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
    } else if (c >= 9 && c <= 13) return false;
    else prevSpace = false;
  }
  return !prevSpace || name.length === 0;
}

export interface Vocabulary {
  sectionByName: Map<string, SectionSpec>;
  /** Per section id: normalized label → field spec. */
  fieldByName: Map<SectionId, Map<string, FieldSpec>>;
  sections: readonly SectionSpec[];
}

export interface ExtraAliases {
  sections?: Record<string, string[]>;
  fields?: Record<string, Record<string, string[]>>;
}

export function buildVocabulary(extra?: ExtraAliases): Vocabulary {
  const sectionByName = new Map<string, SectionSpec>();
  const fieldByName = new Map<SectionId, Map<string, FieldSpec>>();
  for (const s of SECTIONS) {
    for (const n of [s.title, ...s.aliases, ...(extra?.sections?.[s.id] ?? [])]) sectionByName.set(normalizeName(n), s);
    const fields = new Map<string, FieldSpec>();
    for (const f of s.fields) {
      for (const n of [f.label, ...f.aliases, ...(extra?.fields?.[s.id]?.[f.id] ?? [])]) fields.set(normalizeName(n), f);
    }
    fieldByName.set(s.id, fields);
  }
  return { sectionByName, fieldByName, sections: SECTIONS };
}

export const DEFAULT_VOCABULARY = buildVocabulary();

export function sectionSpec(id: SectionId): SectionSpec {
  const s = SECTIONS.find((x) => x.id === id);
  if (!s) throw new Error(`unknown section id ${id}`);
  return s;
}

export function fieldSpec(section: SectionId, field: string): FieldSpec {
  const f = sectionSpec(section).fields.find((x) => x.id === field);
  if (!f) throw new Error(`unknown field ${section}/${field}`);
  return f;
}
