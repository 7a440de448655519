/**
 * Reader for CMS's ICD-10-CM code list `icd10cm-codes-YYYY.txt` (one code a line, without the
 * dot, padded with spaces to 8 columns, then the description). The file itself is not shipped;
 * users point configuration at the edition matching their dates of service.
 */

/**
 * Largest code file read: CMS's icd10cm-codes file is under 10 MB. Only a regular file is read
 * (the path comes from a workspace's config: `/dev/zero` or a pipe must not be read at all).
 */
export const MAX_CODE_FILE_BYTES = 32 * 1024 * 1024;
import { isIcd10Shaped, normalizeIcd10 } from './icd10';

/**
 * Parse the file's text into a set of normalized, dotted codes (`A000` -> `A00.0`).
 * Blank lines are ignored; so are lines whose first field is not ICD-10-shaped (e.g. a header).
 * Tolerates CRLF line endings and a leading byte-order mark.
 */
export function parseIcd10CodeFile(text: string): Set<string> {
  const codes = new Set<string>();
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (const line of src.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    // The code occupies the first 8 columns; splitting on whitespace also copes with tabs.
    const first = line.trimStart().split(/\s+/, 1)[0] ?? '';
    if (first !== '' && isIcd10Shaped(first)) codes.add(normalizeIcd10(first));
  }
  return codes;
}

/** The codes of a code file's text; throws an Error naming the path when it holds none. */
export function icd10CodesOfFile(text: string, path: string): Set<string> {
  const codes = parseIcd10CodeFile(text);
  if (codes.size === 0) {
    throw new Error(`ICD-10-CM code file "${path}" contains no ICD-10-CM codes (expected CMS icd10cm-codes-YYYY.txt format)`);
  }
  return codes;
}

/** The Error for a code file that cannot be read. */
export function icd10CodeFileReadError(path: string, err: unknown): Error {
  const reason = err instanceof Error ? err.message : String(err);
  return new Error(`Cannot read ICD-10-CM code file "${path}": ${reason}`, { cause: err });
}
