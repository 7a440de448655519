/**
 * Finalizing a draft (note-format.md "Status"): a note becomes `status: final` only when, checked
 * as a final note, no error or warning would remain. Nothing here signs a note: the signature is
 * the writer's; the only offer is to date a `Signed:` line that names a signer but no date.
 */
import type { ResolvedConfig } from './config/types';
import { insertAt, setValue } from './edit';
import { lintText } from './lint';
import type { Note } from './parse/note';
import { datesIn } from './rules/consistency/util';
import { noteStatus } from './status';
import type { Finding, NoteStatus, TextEdit } from './types';

export interface FinalizeCheck {
  /** The note's status now. */
  status: NoteStatus;
  /** True when no error or warning would remain as a final note. */
  ready: boolean;
  /** The errors and warnings the note would have as a final note, in reading order. */
  remaining: Finding[];
  /** Sets `status: final` (present when `ready`; absent when the note already is final). */
  statusEdit?: TextEdit;
  /**
   * Adds `date` to the signature: present when `date` was given and the Signature section has a
   * filled `Signed:` line but no date on it and no filled `Date:` field.
   */
  signatureDateEdit?: TextEdit;
}

/** The edit that sets the front matter's `status` (replacing the value, or adding the key first). */
export function statusEdit(note: Note, status: NoteStatus): TextEdit | undefined {
  const fm = note.frontMatter;
  if (!fm?.isMapping || !fm.closed) return undefined;
  const v = note.facts.entries.get('status') ?? note.yamlFacts.entries.get('status');
  if (v) return setValue(note, v, status);
  // As the first key, where a reader looks for it.
  return insertAt(fm.contentRange.start, `status: ${status}${note.eol}`);
}

/** Where the signature lacks its date, the edit writing `date` after the signer (see {@link FinalizeCheck}). */
export function signatureDateEdit(note: Note, date: string): TextEdit | undefined {
  const section = note.section('signature');
  if (!section) return undefined;
  const signed = section.fields.find((f) => f.spec?.id === 'signed' && !f.missing);
  if (!signed) return undefined;
  if (section.fields.some((f) => f.spec?.id === 'date' && !f.missing)) return undefined;
  const value = note.text.slice(signed.valueRange.start, signed.valueRange.end);
  if (datesIn(value).length > 0) return undefined;
  // "Name, PT —" already has the dash: write the date after it.
  const dangling = /[—–-]\s*$/.test(value);
  return insertAt(signed.valueRange.end, dangling ? (/\s$/.test(value) ? date : ` ${date}`) : ` — ${date}`);
}

/**
 * Checks `text` as a final note. `extraFindings` are findings that do not come from the note
 * alone (the cross-note rules'); `date` (YYYY-MM-DD, the writer's today) enables the offer to
 * date the signature.
 */
export function finalizeCheck(text: string, config: ResolvedConfig, options: { extraFindings?: readonly Finding[]; date?: string } = {}): FinalizeCheck {
  const result = lintText(text, { ...config, forceFinal: true });
  const note = result.note;
  const remaining = [...result.findings, ...(options.extraFindings ?? [])]
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const status = noteStatus(note);
  const ready = remaining.length === 0;
  const out: FinalizeCheck = { status, ready, remaining };
  if (ready && (status !== 'final' || note.facts.status !== 'final')) out.statusEdit = statusEdit(note, 'final');
  if (options.date && /^\d{4}-\d{2}-\d{2}$/.test(options.date)) out.signatureDateEdit = signatureDateEdit(note, options.date);
  return out;
}
