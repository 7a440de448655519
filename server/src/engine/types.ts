/**
 * Core data types of the engine. Everything here is plain data: offsets into the note's text
 * (UTF-16 code units, end exclusive). Lines and columns are computed only at the edges
 * (CLI output, LSP adapter) with {@link LineIndex}.
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type Profile = 'medicare' | 'commercial';
export const PROFILES: readonly Profile[] = ['medicare', 'commercial'];

export interface Range {
  start: number;
  end: number;
}

export interface TextEdit extends Range {
  newText: string;
}

/**
 * How much judgment a fix needs.
 * - `safe`: the fix follows from facts already in the note (e.g. the modifier for the note's
 *   discipline, units from minutes). Applied by `tnote check --fix` and by "fix all".
 * - `scaffold`: inserts a skeleton with placeholders that the clinician must fill in. It never
 *   silently completes clinical content, so it is only offered as a quick fix.
 * - `choice`: one of several valid corrections; the user picks it.
 */
export type FixKind = 'safe' | 'scaffold' | 'choice';

export interface Fix {
  title: string;
  kind: FixKind;
  edits: TextEdit[];
}

export interface RelatedInfo {
  /** Path (CLI) or URI (editor) of another note; absent = the same note. */
  file?: string;
  range: Range;
  message: string;
}

/** What a finding is about: something not written yet, or something written that is wrong. */
export type RuleKind = 'completeness' | 'correctness';
export const RULE_KINDS: readonly RuleKind[] = ['completeness', 'correctness'];

/** Where a note is in its life (front-matter `status`; absent = final). */
export type NoteStatus = 'draft' | 'final' | 'template';
export const NOTE_STATUSES: readonly NoteStatus[] = ['draft', 'final', 'template'];

export interface Finding {
  ruleId: string;
  severity: Severity;
  kind: RuleKind;
  /** True for a completeness finding shown as a "to do" item of a draft note (severity info). */
  todo?: boolean;
  /**
   * For rules that report one finding per part of an element: which part (missing-instruction-elements:
   * `use` | `care` | `safety`; missing-assessment-elements: `assessment-date` | `fitting` | `goals`;
   * missing-subsequent-elements: `device` | `reason` | `training` | `response` | `checked` | `time`).
   * The note's checklist (engine/checklist.ts) reads it; absent for other rules.
   */
  part?: string;
  message: string;
  range: Range;
  /** Ordered: the first fix is the preferred one. */
  fixes: Fix[];
  related?: RelatedInfo[];
}
