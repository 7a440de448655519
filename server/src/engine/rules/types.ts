import type { Note } from '../parse/note';
import type { ResolvedConfig } from '../config/types';
import type { Fix, Profile, Range, RelatedInfo, RuleKind, Severity, SeveritySetting } from '../types';

export type RuleTag = 'structure' | 'documentation' | 'modifiers' | 'billing' | 'time' | 'diagnoses' | 'consistency';

export interface RuleMeta {
  /** Stable kebab-case id; never changes once released. */
  id: string;
  /** One line: what the rule checks. */
  description: string;
  defaultSeverity: Severity;
  /** Severity per payer profile where it differs from the default ('off' = does not apply). */
  severityByProfile?: Partial<Record<Profile, SeveritySetting>>;
  tags: RuleTag[];
  /** The sources the rule relies on: ids of knowledge/sources.ts (its docs page links them). */
  references?: string[];
  /** True when the rule offers a fix. */
  fixable: boolean;
  /**
   * `completeness`: something is not written yet (a section, field, element, required key,
   * placeholder, signature). `correctness`: something written is wrong (a code, modifier, units,
   * date, conflict, format). In a draft note completeness findings become "to do" items.
   */
  kind: RuleKind;
}

export interface RuleReport {
  range: Range;
  message: string;
  fixes?: Fix[];
  related?: RelatedInfo[];
  /** A variant's own default severity (e.g. info instead of error); configuration still wins. */
  severity?: Severity;
  /** A variant's own kind where it differs from the rule's (e.g. a correctness rule's "not written yet" case). */
  kind?: RuleKind;
  /** Which part of a multi-part element the report is about (e.g. `safety`); see {@link Finding.part}. */
  part?: string;
}

export interface RuleContext {
  note: Note;
  profile: Profile;
  config: ResolvedConfig;
  report: (r: RuleReport) => void;
}

export interface NoteRule extends RuleMeta {
  scope: 'note';
  check(ctx: RuleContext): void;
}

/**
 * What one note contributes to the cross-note checks: its file, profile and configuration, and
 * per workspace rule a small summary computed once from the parsed note. Digests hold no note
 * text or parse tree, so thousands of them fit in a few megabytes (CLI runs, workspace index).
 */
export interface NoteDigest {
  /** Path (CLI) or URI (editor). */
  file: string;
  profile: Profile;
  config: ResolvedConfig;
  /** Summary per workspace rule id; absent when the note takes no part in that rule. */
  summaries: Map<string, unknown>;
}

export interface WorkspaceRule<S = unknown> extends RuleMeta {
  scope: 'workspace';
  /**
   * The facts of one note this rule needs across notes (ranges, fixes and suppression already
   * resolved against the note), or undefined when the note takes no part. Plain JSON data (no
   * Map, Set or undefined inside): a CLI run keeps it as JSON text (CrossNoteBatch in pipeline.ts).
   */
  summarize(note: Note, profile: Profile, config: ResolvedConfig): S | undefined;
  /**
   * Optional: a key of a summary such that notes with different keys never bear on each other's
   * findings (for `repeat-initial-encounter`, the patient). The cross-note stage then checks each
   * key's notes on their own, and after a change only the key(s) the changed note had and has.
   */
  partition?(summary: S): string;
  /**
   * Optional, for rules whose findings are local: a note's findings depend only on the note itself
   * and on the notes its findings name in `related`; removing other notes never adds a finding;
   * and which notes get findings, relating to which notes, depends only on each summary's `shape`
   * (its summary without positions: ranges, fixes) and the notes' order. Then a note whose digest
   * changed but whose shape did not (a keystroke that only moved text) is checked again together
   * with the notes its findings relate to and the notes whose findings relate to it, not with its
   * whole partition.
   */
  shape?(summary: S): string;
  /** Runs over the digests of every note of one check (of one partition); reports against individual notes. */
  checkWorkspace(notes: readonly { digest: NoteDigest; summary: S }[], report: (target: NoteDigest, r: RuleReport) => void): void;
}

/**
 * An id the engine reports itself, from its input checks (engine/limits.ts: size limits, binary
 * text, stray characters). Those checks always run, before and after parsing, whatever rules a
 * caller chose; the rule holds the id's metadata, docs and configurable severity, and has no check
 * of its own.
 */
export interface InputRule extends RuleMeta {
  scope: 'input';
}

export type Rule = NoteRule | WorkspaceRule | InputRule;

export const DOCS_BASE = 'docs/rules';
export function docsPath(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`;
}
