/**
 * Properties every engine result must have, whatever the input: findings and fix edits inside the
 * document, and fixes that never touch text outside the ranges they name.
 */
import { applyEdits, applyFixes, type Finding, type Fix, type LintResult, type TextEdit } from '../../server/src/engine';

const SEVERITIES = new Set(['error', 'warning', 'info']);

function inBounds(r: { start: number; end: number }, length: number): boolean {
  return Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.end >= r.start && r.end <= length;
}

/** Violations of the result invariants (empty = fine). */
export function resultViolations(text: string, result: LintResult): string[] {
  const out: string[] = [];
  if (result.note.text !== text) out.push('note.text is not the linted text');
  for (const f of result.findings) {
    const id = `${f.ruleId}@${f.range.start}-${f.range.end}`;
    if (!f.ruleId || !/^[a-z0-9-]+$/.test(f.ruleId)) out.push(`bad rule id ${JSON.stringify(f.ruleId)}`);
    if (!SEVERITIES.has(f.severity)) out.push(`${id}: bad severity ${f.severity}`);
    if (typeof f.message !== 'string' || f.message.trim() === '') out.push(`${id}: empty message`);
    if (!inBounds(f.range, text.length)) out.push(`${id}: range outside [0, ${text.length}]`);
    for (const r of f.related ?? []) if (!r.file && !inBounds(r.range, text.length)) out.push(`${id}: related range ${r.range.start}-${r.range.end} outside the document`);
    for (const fix of f.fixes) {
      if (!['safe', 'scaffold', 'choice'].includes(fix.kind)) out.push(`${id}: fix "${fix.title}" has kind ${fix.kind}`);
      for (const e of fix.edits) {
        if (!inBounds(e, text.length)) out.push(`${id}: fix "${fix.title}" edit ${e.start}-${e.end} outside [0, ${text.length}]`);
        if (typeof e.newText !== 'string') out.push(`${id}: fix "${fix.title}" edit without text`);
      }
    }
  }
  return out;
}

export function allFixes(findings: readonly Finding[]): Fix[] {
  return findings.flatMap((f) => f.fixes);
}

/**
 * Applies `fixes` and checks that every original line that no applied edit touches is still
 * there, unchanged, at its mapped position. Returns the new text and violations.
 */
export function applyAndCheckLines(text: string, fixes: readonly Fix[]): { text: string; violations: string[] } {
  const violations: string[] = [];
  const r = applyFixes(text, fixes);
  const edits: TextEdit[] = r.applied.flatMap((f) => f.edits);
  const direct = applyEdits(text, edits);
  if (direct.text !== r.text) violations.push('applyFixes and applyEdits of its chosen fixes disagree');
  const applied = [...direct.applied].sort((a, b) => a.start - b.start || a.end - b.end);
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    const touched = applied.some((e) => (e.start < lineEnd && e.end > lineStart) || (e.start === e.end && e.start > lineStart && e.start < lineEnd));
    if (!touched) {
      let delta = 0;
      for (const e of applied) if (e.end <= lineStart) delta += e.newText.length - (e.end - e.start);
      const at = lineStart + delta;
      const original = text.slice(lineStart, lineEnd);
      if (direct.text.slice(at, at + original.length) !== original) {
        violations.push(`line at offset ${lineStart} (${JSON.stringify(original.slice(0, 60))}) changed though no edit touches it`);
        break;
      }
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  return { text: direct.text, violations };
}
