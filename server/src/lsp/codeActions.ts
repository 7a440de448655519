/**
 * Code actions: the fix of each diagnostic (read from `Diagnostic.data`, no re-lint), "Fix all
 * <rule> problems in this note", `source.fixAll.tnote`, "Disable <rule> for this line" and "Show
 * rule documentation".
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ServerCommand } from '../../../shared/protocol';
import { applyFixes, lintText, safeFixes, type Finding, type Fix, type ResolvedConfig } from '../engine';
import { isDiagnosticData, SOURCE, type DataFix } from './diagnostics';
import { minimalEdit, toLspRange } from './positions';
import type { OpenNoteState } from './validation';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.tnote`;
export const SHOW_RULE_DOCS_COMMAND = ServerCommand.showRuleDocumentation;
/** The most passes of "fix all": a fix can reveal another (e.g. units after a modifier). */
export const MAX_FIX_PASSES = 5;

export interface EditSupport {
  documentChanges: boolean;
}

/** Builds a versioned edit when the client supports it, so a stale edit is rejected. */
export function workspaceEdit(doc: TextDocument, edits: LspTextEdit[], support: EditSupport): WorkspaceEdit {
  if (support.documentChanges) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
  return { changes: { [doc.uri]: edits } };
}

/**
 * Applies fixes pass after pass, re-linting in between, until nothing changes or `MAX_FIX_PASSES`
 * passes ran. `select` picks the fixes of one pass (first pass and later passes may differ).
 */
export function fixRepeatedly(text: string, config: ResolvedConfig, select: (findings: Finding[], pass: number) => Fix[], first?: Finding[]): string {
  let current = text;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const findings = pass === 0 && first ? first : lintText(current, config).findings;
    const fixes = select(findings, pass);
    if (fixes.length === 0) break;
    const next = applyFixes(current, fixes).text;
    if (next === current) break;
    current = next;
  }
  return current;
}

/** The whole `source.fixAll.tnote` edit: every safe fix, repeated until stable. */
export function fixAllEdits(doc: TextDocument, state: OpenNoteState): LspTextEdit[] {
  const text = doc.getText();
  const fixed = fixRepeatedly(text, state.config, (findings) => safeFixes(findings), state.version === doc.version ? state.result.findings : undefined);
  return textChange(state, text, fixed);
}

function textChange(state: OpenNoteState, before: string, after: string): LspTextEdit[] {
  const e = minimalEdit(before, after);
  return e ? [{ range: toLspRange(state.result.note.lines, e), newText: e.newText }] : [];
}

function preferredFix(f: Finding): Fix | undefined {
  return f.fixes.find((x) => x.kind === 'safe') ?? f.fixes[0];
}

/** "Fix all <rule> problems": each finding's preferred fix, then the rule's safe fixes until stable. */
function fixAllOfRuleEdits(doc: TextDocument, state: OpenNoteState, ruleId: string): LspTextEdit[] {
  const text = doc.getText();
  const fixed = fixRepeatedly(text, state.config, (findings, pass) => {
    const ofRule = findings.filter((f) => f.ruleId === ruleId);
    return pass === 0 ? ofRule.map(preferredFix).filter((x): x is Fix => !!x) : safeFixes(ofRule);
  }, state.result.findings);
  return textChange(state, text, fixed);
}

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The fixes of a diagnostic: from its data when it matches this version, else from the current lint. */
function fixesOf(d: Diagnostic, doc: TextDocument, state: OpenNoteState): DataFix[] {
  if (isDiagnosticData(d.data) && d.data.version === doc.version) return d.data.fixes;
  const lines = state.result.note.lines;
  const start = lines.offsetAt(d.range.start);
  const end = lines.offsetAt(d.range.end);
  const match = [...state.result.findings, ...state.workspaceFindings].find((f) => f.ruleId === d.code && f.range.start === start && f.range.end === end);
  return (match?.fixes ?? []).map((fix) => ({ title: fix.title, kind: fix.kind, edits: fix.edits.map((e) => ({ range: toLspRange(lines, e), newText: e.newText })) }));
}

/** The suppression comment to insert above the diagnostic's first line; undefined where none can go. */
function disableEdit(d: Diagnostic, state: OpenNoteState, ruleId: string): LspTextEdit | undefined {
  const note = state.result.note;
  const line = d.range.start.line;
  if (line >= note.lines.lineCount) return undefined;
  const lineStart = note.lines.lineStarts[line];
  const fm = note.frontMatter;
  if (fm && lineStart < fm.openRange.end) return undefined; // the opening `---` must stay on line 1
  const indent = /^[ \t]*/.exec(note.lines.lineText(line))![0];
  const inFrontMatter = !!fm && lineStart >= fm.contentRange.start && lineStart < note.bodyStart;
  const comment = inFrontMatter ? `# tnote-disable-next-line ${ruleId}` : `<!-- tnote-disable-next-line ${ruleId} -->`;
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${comment}${note.eol}` };
}

export function provideCodeActions(params: CodeActionParams, doc: TextDocument, state: OpenNoteState, support: EditSupport): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const ours = params.context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
  if (wants(only, CodeActionKind.QuickFix)) {
    // Order in the menu: the fixes, then "fix all" variants, then the docs, then suppression.
    const fixes: CodeAction[] = [];
    const fixAlls: CodeAction[] = [];
    const docs: CodeAction[] = [];
    const disables: CodeAction[] = [];
    // The same fix offered by several findings (e.g. one section insert for three missing
    // fields) is listed once, for all of them.
    const byKey = new Map<string, CodeAction>();
    const perRule = new Set<string>();
    const perLine = new Set<string>();
    for (const d of ours) {
      const ruleId = d.code as string;
      let preferredGiven = false;
      for (const fix of fixesOf(d, doc, state)) {
        const key = `${fix.title}\u0000${JSON.stringify(fix.edits)}`;
        const seen = byKey.get(key);
        if (seen) {
          seen.diagnostics!.push(d);
          continue;
        }
        const preferred = fix.kind === 'safe' && !preferredGiven;
        if (preferred) preferredGiven = true;
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: preferred || undefined, edit: workspaceEdit(doc, fix.edits, support) };
        byKey.set(key, action);
        fixes.push(action);
      }
      if (!perRule.has(ruleId)) {
        perRule.add(ruleId);
        const fixable = state.result.findings.filter((f) => f.ruleId === ruleId && f.fixes.length > 0);
        if (fixable.length >= 2) {
          const edits = fixAllOfRuleEdits(doc, state, ruleId);
          if (edits.length) fixAlls.push({ title: `Fix all ${ruleId} problems in this note`, kind: CodeActionKind.QuickFix, diagnostics: ours.filter((x) => x.code === ruleId), edit: workspaceEdit(doc, edits, support) });
        }
      }
      const lineKey = `${ruleId}@${d.range.start.line}`;
      if (!perLine.has(lineKey)) {
        perLine.add(lineKey);
        docs.push({ title: `Show documentation for ${ruleId}`, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: `Show documentation for ${ruleId}`, command: SHOW_RULE_DOCS_COMMAND, arguments: [ruleId] } });
        const edit = disableEdit(d, state, ruleId);
        if (edit) disables.push({ title: `Disable ${ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: workspaceEdit(doc, [edit], support) });
      }
    }
    // Every safe fix of the note at once, in the quick-fix menu too (the source action is only
    // in the Source Action menu and on save).
    const safeCount = safeFixes(state.result.findings).length;
    if (ours.length > 0 && safeCount >= 2) {
      const edits = fixAllEdits(doc, state);
      if (edits.length) fixAlls.push({ title: `Fix all ${safeCount} auto-fixable problems in this note`, kind: CodeActionKind.QuickFix, diagnostics: [], edit: workspaceEdit(doc, edits, support) });
    }
    actions.push(...fixes, ...fixAlls, ...docs, ...disables);
  }
  // Offered when asked for explicitly (on save, "Fix All") or when the note has something to fix.
  if (only ? wants(only, FIX_ALL_KIND) || only.includes(CodeActionKind.SourceFixAll) : ours.length > 0) {
    const edits = fixAllEdits(doc, state);
    if (edits.length) actions.push({ title: 'Fix all auto-fixable tnote problems', kind: FIX_ALL_KIND, diagnostics: [], edit: workspaceEdit(doc, edits, support) });
  }
  return actions;
}
