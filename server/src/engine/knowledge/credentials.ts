/**
 * Student credentials (rules.md v2 item 10): a signer whose only credential is a student one needs
 * the supervising therapist's co-signature, and under Medicare Part B the therapist must have been
 * in the room directing the whole session.
 *
 * Sources (looked at 2026-11-29):
 * - "SPT" and "SPTA" are APTA's designations for physical therapist and physical therapist
 *   assistant students up to graduation (SRC-APTA-SPT-SPTA).
 * - Under Part B, services of a student are not billed on their own; the therapist may bill when
 *   present in the room for the whole session, directing it, not treating anyone else, and signing
 *   the note (SRC-APTA-STUDENT-MEDICARE; SRC-PTCOM-STUDENTS-PARTB restating Pub. 100-02 ch. 15
 *   §230.B, which itself was not found in the stored corpora; SLP: SRC-ASHA-STUDENTS).
 * - "OTS" and "OTAS" (occupational therapy / OT assistant student) and the SLP student wordings
 *   are in common use but NO AOTA or ASHA page defining them was found: `verified: false`.
 */
import type { Discipline } from './modifiers';

export interface StudentCredential {
  /** The designation as written after a name. */
  designation: string;
  discipline: Discipline;
  /** Our own words. */
  meaning: string;
  /** Credentials of a licensed clinician who may co-sign for this student (therapist first). */
  supervisors: readonly string[];
  verified: boolean;
  sources: readonly string[];
}

function cred(designation: string, discipline: Discipline, meaning: string, supervisors: string[], verified: boolean, sources: string[]): StudentCredential {
  return Object.freeze({ designation, discipline, meaning, supervisors: Object.freeze(supervisors), verified, sources: Object.freeze(sources) });
}

const PART_B = ['SRC-APTA-STUDENT-MEDICARE', 'SRC-PTCOM-STUDENTS-PARTB'];

/**
 * Student designations. Supervisors: for PT/OT students the therapist; assistant students may
 * also be supervised by an assistant (as the Part B restatement says "the therapist or the
 * assistant who is supervising"), but only a therapist's co-signature satisfies rules.md v2 item 10.
 */
export const STUDENT_CREDENTIALS: readonly StudentCredential[] = Object.freeze([
  cred('SPT', 'PT', 'physical therapist student', ['PT'], true, ['SRC-APTA-SPT-SPTA', ...PART_B]),
  cred('SPTA', 'PT', 'physical therapist assistant student', ['PT', 'PTA'], true, ['SRC-APTA-SPT-SPTA', ...PART_B]),
  cred('OTS', 'OT', 'occupational therapy student', ['OT', 'OTR', 'OTR/L', 'OTL'], false, PART_B),
  cred('OTAS', 'OT', 'occupational therapy assistant student', ['OT', 'OTR', 'OTR/L', 'OTL', 'COTA', 'OTA'], false, PART_B),
  cred('SLP student', 'SLP', 'speech-language pathology (graduate) student', ['SLP', 'CCC-SLP'], false, ['SRC-ASHA-STUDENTS']),
  cred('SLP-S', 'SLP', 'speech-language pathology student (variant)', ['SLP', 'CCC-SLP'], false, ['SRC-ASHA-STUDENTS']),
  cred('SSLP', 'SLP', 'speech-language pathology student (variant)', ['SLP', 'CCC-SLP'], false, ['SRC-ASHA-STUDENTS']),
  cred('graduate student clinician', 'SLP', 'speech-language pathology graduate student clinician', ['SLP', 'CCC-SLP'], false, ['SRC-ASHA-STUDENTS']),
]);

/** Word-like designations (SPT, SPTA, OTS, OTAS, SLP-S, SSLP) match as whole tokens, upper case. */
const TOKEN_DESIGNATIONS = new Map(STUDENT_CREDENTIALS.filter((c) => !c.designation.includes(' ')).map((c) => [c.designation, c]));
/** Phrases (SLP student, graduate student clinician) match case-insensitively. */
const PHRASES = STUDENT_CREDENTIALS.filter((c) => c.designation.includes(' '));
/** Other spelled-out student wordings, mapped to the entry they mean. */
const SPELLED: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bPTA\s+student\b/i, 'SPTA'],
  [/\bPT\s+student\b/i, 'SPT'],
  [/\bphysical\s+therapy\s+student\b/i, 'SPT'],
  [/\b(?:COTA|OTA)\s+student\b/i, 'OTAS'],
  [/\bOT\s+student\b/i, 'OTS'],
  [/\boccupational\s+therapy\s+student\b/i, 'OTS'],
  [/\bspeech(?:-language)?\s+(?:pathology\s+)?student\b/i, 'SLP student'],
];

/**
 * Student credentials named in a signer's credential text (e.g. "SPT", "Jo Lee, SPTA",
 * "OT student", "SLP graduate student clinician"). Tokens are split on spaces, commas, slashes
 * and semicolons; "SPT" inside "SPTA" or a word does not count. Returns [] when none.
 */
export function studentCredentialsIn(text: string): StudentCredential[] {
  const found = new Map<string, StudentCredential>();
  for (const token of text.split(/[\s,;/()]+/)) {
    const hit = TOKEN_DESIGNATIONS.get(token.replace(/\.$/, ''));
    if (hit !== undefined) found.set(hit.designation, hit);
  }
  // Every phrase and spelled-out wording contains the word "student": without it, none can match.
  const lower = text.toLowerCase();
  if (!lower.includes('student')) return [...found.values()];
  for (const p of PHRASES) {
    if (lower.includes(p.designation.toLowerCase())) found.set(p.designation, p);
  }
  for (const [re, designation] of SPELLED) {
    if (!re.test(text)) continue;
    const c = STUDENT_CREDENTIALS.find((s) => s.designation === designation);
    if (c !== undefined && !(designation === 'SLP student' && found.has('graduate student clinician'))) found.set(designation, c);
  }
  return [...found.values()];
}

/** true when the text names at least one student credential. */
export function hasStudentCredential(text: string): boolean {
  return studentCredentialsIn(text).length > 0;
}
