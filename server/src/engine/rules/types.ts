import type { Note } from '../parse/note';
import type { ResolvedConfig } from '../config/types';
import type { Fix, Profile, Range, RelatedInfo, Severity, SeveritySetting } from '../types';

export type RuleTag = 'structure' | 'documentation' | 'modifiers' | 'billing' | 'time' | 'diagnoses';

export interface RuleMeta {
  /** Stable kebab-case id; never changes once released. */
  id: string;
  /** One line: what the rule checks. */
  description: string;
  defaultSeverity: Severity;
  /** Severity per payer profile where it differs from the default ('off' = does not apply). */
  severityByProfile?: Partial<Record<Profile, SeveritySetting>>;
  tags: RuleTag[];
  /** Cross-references into domain-97760.md (R-… ids). */
  references?: string[];
  /** True when the rule offers a fix. */
  fixable: boolean;
}

export interface RuleReport {
  range: Range;
  message: string;
  fixes?: Fix[];
  related?: RelatedInfo[];
  /** A variant's own default severity (e.g. info instead of error); configuration still wins. */
  severity?: Severity;
}

export interface RuleContext {
  note: Note;
  profile: Profile;
  config: ResolvedConfig;
  report(r: RuleReport): void;
}

export interface NoteRule extends RuleMeta {
  scope: 'note';
  check(ctx: RuleContext): void;
}

export interface WorkspaceNote {
  /** Path (CLI) or URI (editor). */
  file: string;
  note: Note;
  profile: Profile;
  config: ResolvedConfig;
}

export interface WorkspaceRule extends RuleMeta {
  scope: 'workspace';
  /** Runs over every note of one check; reports against individual notes. */
  checkWorkspace(notes: readonly WorkspaceNote[], report: (target: WorkspaceNote, r: RuleReport) => void): void;
}

export type Rule = NoteRule | WorkspaceRule;

export const DOCS_BASE = 'docs/rules';
export function docsPath(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`;
}
