import type { Finding, Fix, TextEdit } from './types';

/**
 * Applies non-overlapping edits (offsets into `text`). Overlapping edits are skipped — the
 * earlier one wins — so one pass never corrupts text; callers re-lint and repeat if needed.
 * Insertions at the same offset are applied in the given order.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: TextEdit[]; skipped: TextEdit[] } {
  const ordered = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let out = '';
  let pos = 0;
  for (const { e } of ordered) {
    if (e.start < pos || e.end < e.start || e.end > text.length) {
      skipped.push(e);
      continue;
    }
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
    applied.push(e);
  }
  return { text: out + text.slice(pos), applied, skipped };
}

/** Applies whole fixes: a fix whose edits would overlap an already chosen fix is left out. */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: Fix[]; skipped: Fix[] } {
  const chosen: Fix[] = [];
  const skipped: Fix[] = [];
  const taken: TextEdit[] = [];
  const overlaps = (a: TextEdit, b: TextEdit) =>
    a.start < b.end && b.start < a.end
      ? true
      : a.start === b.start && a.end === b.end && a.start !== a.end
        ? true
        : a.start === a.end && b.start === b.end && a.start === b.start && a.newText === b.newText;
  for (const f of fixes) {
    if (f.edits.some((e) => taken.some((t) => overlaps(e, t)))) {
      skipped.push(f);
      continue;
    }
    chosen.push(f);
    taken.push(...f.edits);
  }
  const r = applyEdits(
    text,
    chosen.flatMap((f) => f.edits),
  );
  return { text: r.text, applied: chosen, skipped };
}

/** The safe fix of each finding (what `--fix` and "fix all" apply). */
export function safeFixes(findings: readonly Finding[]): Fix[] {
  const out: Fix[] = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.kind === 'safe');
    if (fix) out.push(fix);
  }
  return out;
}
