import { insertAt, insertFields, insertSection, placeholder, replace } from '../../edit';
import type { Field } from '../../parse/body';
import type { Note } from '../../parse/note';
import { fieldSpec } from '../../parse/vocabulary';
import type { Fix } from '../../types';
import { STUDENT_CREDENTIALS, studentCredentialsIn } from '../../knowledge/credentials';
import type { Section } from '../../parse/body';
import { absentSectionFix } from '../shared';
import type { NoteRule, RuleReport } from '../types';
import { hasCredential, isIsoCalendarDate, nameOf } from './util';

/** Student wordings (SPT, SPTA, OTS, OTAS, SLP-S, SSLP, "PT student", "SLP graduate student clinician" …), removed to see what else a signer line names. */
const STUDENT_WORDING =
  /\b(?:(?:PTA|PT|COTA|OTA|OT|SLP|physical\s+therap(?:y|ist)|occupational\s+therap(?:y|ist)|speech(?:-language)?(?:\s+pathology)?)\s+)?(?:graduate\s+)?student(?:\s+clinician)?\b|\b(?:SPTA|SPT|OTAS|OTS|SLP-S|SSLP)\b\.?/gi;

/**
 * The student credentials of a signer line whose only credentials are student ones (v2 item 10,
 * knowledge/credentials.ts), e.g. ["SPT"] for "Jo Lee, SPT"; [] when it names none or also a
 * licensed credential ("Jo Lee, SPT / Alex Rivera, PT").
 */
export function onlyStudentCredentials(signer: string): string[] {
  const students = studentCredentialsIn(signer);
  if (students.length === 0) return [];
  return hasCredential(signer.replace(STUDENT_WORDING, ' ')) ? [] : students.map((c) => c.designation);
}

/** Assistant credentials (PTA, COTA, OTA, SLPA …), written in capitals. */
const ASSISTANT_WORDING = /\b(?:L?PTA|COTA(?:\/L)?|OTA(?:\/L)?|LOTA|SLP-?A)\b|\b(?:physical|occupational)\s+therap(?:y|ist)\s+assistant\b|\bspeech[-\s](?:language\s+)?pathology\s+assistant\b/gi;

/**
 * A co-signer line that names a licensed (non-student) credential: a therapist's, or — when every
 * student is an assistant student (SPTA, OTAS), whom an assistant may supervise
 * (knowledge/credentials.ts) — an assistant's.
 */
function licensedSigner(text: string, assistantMayCosign = false): boolean {
  const licensed = text.replace(STUDENT_WORDING, ' ');
  return assistantMayCosign ? hasCredential(licensed) : hasCredential(licensed.replace(ASSISTANT_WORDING, ' '));
}

const NOT_BILLABLE_ALONE = 'a co-signature alone does not make the visit billable';

/** The provider from the front matter when it carries a credential (only then can it sign). */
function credentialedProvider(note: Note): string | undefined {
  const v = note.facts.entries.get('provider');
  if (!v || v.placeholder || typeof v.value !== 'string') return undefined;
  const p = v.value.trim();
  return p && hasCredential(p) ? p : undefined;
}

/** `<provider> — <date>` from the front matter (the date only when it is a real ISO date). */
function signerLine(note: Note, provider: string): string {
  const date = note.facts.date && isIsoCalendarDate(note.facts.date) ? note.facts.date : undefined;
  return date ? `${provider} — ${date}` : provider;
}

/** R-DOC-02: the note is authenticated by a signer whose professional credential is given. */
export const missingSignatureCredentials: NoteRule = {
  id: 'missing-signature-credentials',
  description: 'The note has no Signature section or Signed field, or the signer has no professional credential.',
  defaultSeverity: 'error',
  kind: 'completeness',
  tags: ['structure'],
  references: ['SRC-CMS-BPM-CH15', 'SRC-NORIDIAN-THERAPY-DOCS', 'SRC-NORIDIAN-STUDENTS', 'SRC-PTCOM-STUDENTS-PARTB', 'SRC-APTA-SPT-SPTA'],
  fixable: true,
  scope: 'note',
  check({ note, config, profile, report }) {
    const provider = credentialedProvider(note);
    const label = fieldSpec('signature', 'signed').label;
    const section = note.section('signature');
    if (!section) {
      const insert: Fix = provider
        ? { title: `Insert a Signature section signed by the provider`, kind: 'choice', edits: [insertSection(note, 'signature', [`${label}: ${signerLine(note, provider)}`])] }
        : { title: 'Insert a Signature section', kind: 'scaffold', edits: [insertSection(note, 'signature', [`${label}: ${placeholder('name, credentials')} — ${placeholder('date')}`])] };
      const { fixes, hint } = absentSectionFix(note, config, 'signature', insert);
      report({
        range: note.anchor,
        message: `The note has no Signature section: add \`## Signature\` with \`Signed:\` giving the name, professional credentials (e.g. PT, OTR/L, CCC-SLP) and date.${hint}`,
        fixes,
      });
      return;
    }
    const signed = section.fields.filter((f) => f.spec?.id === 'signed');
    if (signed.length === 0) {
      const fixes: Fix[] = provider
        ? [{ title: 'Insert `Signed:` from the provider', kind: 'choice', edits: [insertFields(note, section, [`${label}: ${signerLine(note, provider)}`])] }]
        : [{ title: 'Insert `Signed:`', kind: 'scaffold', edits: [insertFields(note, section, [`${label}: ${placeholder('name, credentials')} — ${placeholder('date')}`])] }];
      report({
        range: section.headingRange,
        message: 'The Signature section has no `Signed:` line: add the signer’s name, professional credentials and date.',
        fixes,
      });
      return;
    }
    for (const f of signed) checkSigner(note, f, provider, report);
    checkStudent(note, section, signed, provider, profile, report);
  },
};

/**
 * v2 item 10: a note signed only by a student needs the supervising therapist's `Co-signed:`
 * (error); under Medicare Part B also a `Supervision:` statement that the therapist was in the room
 * directing the whole session (warning), since a co-signature alone does not make it billable.
 */
function checkStudent(note: Note, section: Section, signed: Field[], provider: string | undefined, profile: string, report: (r: RuleReport) => void): void {
  const filled = signed.filter((f) => !f.missing);
  if (filled.length === 0) return;
  const students = filled.map((f) => onlyStudentCredentials(f.value));
  if (students.some((s) => s.length === 0)) return; // a licensed clinician signed too
  const who = [...new Set(students.flat())].join('/');
  const student = filled[0];
  const medicare = profile === 'medicare';
  const cosigned = section.fields.filter((f) => f.spec?.id === 'co-signed');
  const cosignLabel = fieldSpec('signature', 'co-signed').label;
  // Assistant students (SPTA, OTAS) may be co-signed by a supervising assistant; the others by a therapist.
  const assistantMayCosign = students.flat().every((d) => STUDENT_CREDENTIALS.find((c) => c.designation === d)?.supervisors.some((x) => /^(?:PTA|COTA|OTA)$/.test(x)));
  const supervisor = provider && licensedSigner(provider) ? provider : undefined;
  const cosignText = supervisor ? signerLine(note, supervisor) : `${placeholder('supervising therapist, credentials')} — ${placeholder('date')}`;
  if (!cosigned.some((f) => !f.missing && licensedSigner(f.value, assistantMayCosign))) {
    const bad = cosigned.find((f) => !f.missing);
    const empty = cosigned.find((f) => f.missing && !f.placeholder);
    if (bad) {
      report({
        range: bad.range,
        message: licensedSigner(bad.value, true)
          ? `The co-signer's credential is an assistant's: a note signed by a student (${who}) is co-signed by the supervising therapist (e.g. PT, OTR/L, CCC-SLP).`
          : `The co-signer has no therapist credential: a note signed by a student (${who}) is co-signed by the supervising therapist with their professional credentials (e.g. PT, OTR/L, CCC-SLP).`,
      });
    } else if (empty) {
      report({
        range: empty.range,
        message: `The \`${empty.label}\` line is empty: a note signed by a student (${who}) needs the supervising therapist’s co-signature with name, professional credentials and date.`,
        fixes: supervisor ? [{ title: 'Co-sign with the provider from the front matter', kind: 'choice', edits: [fillField(note, empty, cosignText)] }] : [],
      });
    } else if (!cosigned.some((f) => f.placeholder)) {
      report({
        range: student.range,
        message: `The note is signed only by a student (${who}): add \`${cosignLabel}:\` with the supervising therapist’s name, professional credentials and date.`,
        fixes: [
          supervisor
            ? { title: `Insert \`${cosignLabel}:\` for the provider`, kind: 'choice', edits: [insertFields(note, section, [`${cosignLabel}: ${cosignText}`])] }
            : { title: `Insert \`${cosignLabel}:\``, kind: 'scaffold', edits: [insertFields(note, section, [`${cosignLabel}: ${cosignText}`])] },
        ],
      });
    }
  }
  if (!medicare) return;
  const supervision = section.fields.filter((f) => f.spec?.id === 'supervision');
  if (supervision.some((f) => !f.missing || f.placeholder)) return;
  const label = fieldSpec('signature', 'supervision').label;
  const target = supervision[0];
  report({
    range: target ? target.range : student.range,
    severity: 'warning',
    message: `The note is signed by a student (${who}) and has no \`${label}:\` statement: under Medicare Part B the supervising therapist must be in the room directing the whole session, and ${NOT_BILLABLE_ALONE}; state that the therapist was present and directing.`,
    fixes: target
      ? []
      : [
          {
            title: `Insert \`${label}:\``,
            kind: 'scaffold',
            edits: [insertFields(note, section, [`${label}: ${placeholder('supervising therapist present in the room and directing the whole session')}`])],
          },
        ],
  });
}

function checkSigner(note: Note, f: Field, provider: string | undefined, report: (r: { range: Field['range']; message: string; fixes?: Fix[] }) => void): void {
  if (f.missing) {
    const fix: Fix[] = provider && !f.placeholder ? [{ title: 'Sign with the provider from the front matter', kind: 'choice', edits: [fillField(note, f, signerLine(note, provider))] }] : [];
    if (f.placeholder) return; // unresolved-placeholder reports the unfilled template
    report({ range: f.range, message: `The \`${f.label}\` line is empty: write the signer’s name, professional credentials and date.`, fixes: fix });
    return;
  }
  if (hasCredential(f.value)) return;
  // The signer is the provider, written without credentials: add the provider's credentials after the name.
  const fixes: Fix[] = [];
  if (provider) {
    const name = nameOf(provider);
    const credentials = provider.slice(provider.indexOf(',')).trim();
    const at = name ? note.text.slice(f.valueRange.start, f.valueRange.end).toLowerCase().indexOf(name.toLowerCase()) : -1;
    if (at !== -1 && credentials.startsWith(',')) {
      fixes.push({ title: `Add the provider’s credentials after the name`, kind: 'safe', edits: [insertAt(f.valueRange.start + at + name.length, credentials)] });
    }
  }
  report({
    range: f.range,
    message: 'The signer has no professional credential: add it after the name (e.g. PT, DPT, PTA, OTR/L, COTA, CCC-SLP).',
    fixes,
  });
}

function fillField(note: Note, f: Field, text: string): ReturnType<typeof replace> {
  if (f.valueRange.end > f.valueRange.start) return replace(f.valueRange, text);
  const colon = note.text.lastIndexOf(':', f.valueRange.start);
  const after = note.text[colon + 1];
  return after === ' ' || after === '\t' ? insertAt(colon + 2, text) : insertAt(colon + 1, ` ${text}`);
}
