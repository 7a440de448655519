import { parseNote, unparsedNote, type Note } from './parse/note';
import { defaultConfig, profileFor, type ResolvedConfig } from './config/types';
import { RULES } from './rules/registry';
import { precheck, scanCharacters, type InputProblem } from './limits';
import { LineIndex } from './text';
import { applyStatus, noteStatus } from './status';
import type { NoteDigest, NoteRule, Rule, RuleContext, RuleMeta, RuleReport, WorkspaceRule } from './rules/types';
import type { Finding, Profile, Severity } from './types';

export interface LintResult {
  note: Note;
  profile: Profile;
  findings: Finding[];
}

/** The severity a rule's report gets, or undefined when the rule is off for this note. */
export function effectiveSeverity(rule: RuleMeta, profile: Profile, config: ResolvedConfig, variant?: Severity): Severity | undefined {
  const configured = config.rules[rule.id];
  if (configured === 'off') return undefined;
  if (configured) return configured;
  const byProfile = rule.severityByProfile?.[profile];
  if (byProfile === 'off') return undefined;
  return variant ?? byProfile ?? rule.defaultSeverity;
}

function toFinding(rule: RuleMeta, r: RuleReport, severity: Severity): Finding {
  const f: Finding = { ruleId: rule.id, severity, kind: r.kind ?? rule.kind, message: r.message, range: r.range, fixes: r.fixes ?? [], related: r.related };
  if (r.part !== undefined) f.part = r.part;
  return f;
}

function isActive(rule: RuleMeta, profile: Profile, config: ResolvedConfig): boolean {
  return effectiveSeverity(rule, profile, config) !== undefined;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
}

/**
 * Runs the note rules with one context object per note (not one per rule): `report` reads the
 * rule being run from `current`. Rules report synchronously from `check`.
 */
function runNoteRules(note: Note, profile: Profile, config: ResolvedConfig, rules: readonly Rule[]): Finding[] {
  const findings: Finding[] = [];
  let current: NoteRule | undefined;
  const ctx: RuleContext = {
    note,
    profile,
    config,
    report(r) {
      const rule = current;
      if (!rule) throw new Error('a rule reported after its check returned');
      const severity = effectiveSeverity(rule, profile, config, r.severity);
      if (!severity) return;
      if (note.suppressions.isSuppressed(rule.id, note.lines.lineAt(r.range.start))) return;
      findings.push(toFinding(rule, r, severity));
    },
  };
  for (const rule of rules) {
    if (rule.scope !== 'note' || !isActive(rule, profile, config)) continue;
    current = rule;
    rule.check(ctx);
  }
  current = undefined;
  return findings;
}

/**
 * Parses and checks one note with every note-scoped rule (the cross-note rules run in engine/pipeline.ts).
 * Binary or over-large text is not parsed: only the reason is reported (engine/limits.ts).
 */
export function lintText(text: string, config: ResolvedConfig = defaultConfig(), rules: readonly Rule[] = RULES): LintResult {
  const lines = new LineIndex(text);
  const pre = precheck(text, lines);
  if (pre.skip) {
    const note = unparsedNote(text, lines);
    return { note, profile: config.profile, findings: sortFindings(inputFindings(pre.problems, note, config.profile, config, rules)) };
  }
  const note = parseNote(text, config.vocabulary, lines);
  const profile = profileFor(note.facts.payer, config);
  const findings = runNoteRules(note, profile, config, rules);
  findings.push(...inputFindings(scanCharacters(text, note.lines), note, profile, config, rules));
  const status = config.forceFinal ? 'final' : noteStatus(note);
  return { note, profile, findings: sortFindings(applyStatus(note, unsafeWhileYamlBroken(note, findings), status)) };
}

/**
 * While the front matter has YAML problems the parser's recovery may drop keys, so a fix that
 * edits the front matter cannot be known to be right (and re-linting would offer it again: fix-all
 * would insert the same line on every pass). Such fixes stay on offer as a choice, never applied
 * automatically.
 */
function unsafeWhileYamlBroken(note: Note, findings: Finding[]): Finding[] {
  const fm = note.frontMatter;
  if (!fm || fm.problems.length === 0) return findings;
  const inFrontMatter = (e: { start: number }) => e.start < fm.bodyStart || e.start <= fm.contentRange.end;
  for (const f of findings) {
    // front-matter-shape's fixes are made for broken YAML: they only add quotes, brackets and
    // commas, or swap indenting tabs for spaces, so they stay safe.
    if (f.ruleId === 'front-matter-shape') continue;
    if (!f.fixes.some((x) => x.kind === 'safe' && x.edits.some(inFrontMatter))) continue;
    f.fixes = f.fixes.map((x) => (x.kind === 'safe' && x.edits.some(inFrontMatter) ? { ...x, kind: 'choice' } : x));
  }
  return findings;
}

/**
 * Findings of the engine's input checks, as the input-scoped rules of `rules` they name (a caller
 * running a chosen subset gets them only when it chose those rules), honouring configuration and
 * suppressions.
 */
function inputFindings(problems: readonly InputProblem[], note: Note, profile: Profile, config: ResolvedConfig, rules: readonly Rule[]): Finding[] {
  const out: Finding[] = [];
  for (const r of problems) {
    const rule = rules.find((x) => x.scope === 'input' && x.id === r.ruleId);
    if (!rule) continue;
    const severity = effectiveSeverity(rule, profile, config, r.severity);
    if (!severity) continue;
    if (note.suppressions.isSuppressed(rule.id, note.lines.lineAt(r.range.start))) continue;
    out.push(toFinding(rule, { range: r.range, message: r.message }, severity));
  }
  return out;
}

/** The digest of a parsed note for the workspace rules (see {@link NoteDigest}). */
export function digestNote(file: string, note: Note, profile: Profile, config: ResolvedConfig, rules: readonly Rule[] = RULES): NoteDigest {
  const summaries = new Map<string, unknown>();
  for (const rule of rules) {
    if (rule.scope !== 'workspace' || !isActive(rule, profile, config)) continue;
    const summary = rule.summarize(note, profile, config);
    if (summary !== undefined) summaries.set(rule.id, summary);
  }
  return { file, profile, config, summaries };
}

/**
 * Runs the workspace rules over note digests; returns findings per digest (same order).
 * Suppression comments were already applied when each summary was made.
 */
export function runWorkspaceRules(digests: readonly NoteDigest[], rules: readonly Rule[] = RULES): Finding[][] {
  const out: Finding[][] = digests.map(() => []);
  const index = new Map(digests.map((n, i) => [n, i]));
  for (const rule of rules) {
    if (rule.scope !== 'workspace') continue;
    runWorkspaceRule(rule, digests, (target, f) => {
      const i = index.get(target);
      if (i !== undefined) out[i].push(f);
    });
  }
  return out;
}

/**
 * Runs one workspace rule over the digests that take part in it; `found` gets each finding (with
 * its configured severity) and the digest it is for.
 */
export function runWorkspaceRule(rule: WorkspaceRule, digests: Iterable<NoteDigest>, found: (target: NoteDigest, finding: Finding) => void): void {
  const items: { digest: NoteDigest; summary: unknown }[] = [];
  for (const digest of digests) {
    const summary = digest.summaries.get(rule.id);
    if (summary !== undefined) items.push({ digest, summary });
  }
  if (items.length === 0) return;
  rule.checkWorkspace(items, (target, r) => {
    const severity = effectiveSeverity(rule, target.profile, target.config, r.severity);
    if (severity) found(target, toFinding(rule, r, severity));
  });
}
