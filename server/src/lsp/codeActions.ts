/**
 * Code actions: the fix of each diagnostic (read from `Diagnostic.data`, no re-lint), "Fix all
 * <rule> problems in this note", `source.fixAll.tnote`, "Disable <rule> for this line" and "Show
 * rule documentation".
 *
 * The fix-all actions re-lint the note up to {@link MAX_FIX_PASSES} times. For a client that
 * resolves code actions (`codeAction/resolve` with `edit`), the ones merely listed in a menu are
 * sent without their edit, which is computed only when the user picks one; the source action
 * asked for explicitly (`only: ['source.fixAll…']`, e.g. on save) comes with its edit.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ServerCommand } from '../../../shared/protocol';
import { fixAll, safeFixes } from '../engine';
import { isDiagnosticData, SOURCE, type DataFix } from './diagnostics';
import { minimalEdit, toLspRange } from './positions';
import type { OpenNoteState } from './validation';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.tnote`;
export const SHOW_RULE_DOCS_COMMAND = ServerCommand.showRuleDocumentation;

export interface EditSupport {
  documentChanges: boolean;
  /** The client fills in a code action's `edit` through `codeAction/resolve`. */
  resolveEdit?: boolean;
}

/** What a fix-all action sent without its edit carries until `codeAction/resolve`. */
export interface FixAllData {
  tnoteFixAll: 'note' | 'rule';
  uri: string;
  /** For 'rule': the rule whose problems are fixed. */
  ruleId?: string;
}

export function isFixAllData(x: unknown): x is FixAllData {
  const d = x as FixAllData | null;
  return !!d && typeof d === 'object' && (d.tnoteFixAll === 'note' || d.tnoteFixAll === 'rule') && typeof d.uri === 'string' && (d.tnoteFixAll === 'note' || typeof d.ruleId === 'string');
}

/** Builds a versioned edit when the client supports it, so a stale edit is rejected. */
export function workspaceEdit(doc: TextDocument, edits: LspTextEdit[], support: EditSupport): WorkspaceEdit {
  if (support.documentChanges) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
  return { changes: { [doc.uri]: edits } };
}

/** The whole `source.fixAll.tnote` edit: every safe fix, repeated until stable. */
export function fixAllEdits(doc: TextDocument, state: OpenNoteState): LspTextEdit[] {
  const text = doc.getText();
  const fixed = fixAll(text, state.config, { findings: state.version === doc.version ? state.result.findings : undefined });
  return textChange(state, text, fixed.text);
}

function textChange(state: OpenNoteState, before: string, after: string): LspTextEdit[] {
  const e = minimalEdit(before, after);
  return e ? [{ range: toLspRange(state.result.note.lines, e), newText: e.newText }] : [];
}

/**
 * "Fix all <rule> problems": the rule's safe fixes, until stable. Like every "fix all" (the note's,
 * `source.fixAll.tnote`, the Fix All Problems command, `tnote check --fix`) it applies only safe
 * fixes: a fix that needs a choice or clinical content is offered one problem at a time.
 */
function fixAllOfRuleEdits(doc: TextDocument, state: OpenNoteState, ruleId: string): LspTextEdit[] {
  const text = doc.getText();
  const fixed = fixAll(text, state.config, {
    findings: state.result.findings,
    select: (findings) => safeFixes(findings.filter((f) => f.ruleId === ruleId)),
  });
  return textChange(state, text, fixed.text);
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
        const fixable = state.result.findings.filter((f) => f.ruleId === ruleId && f.fixes.some((x) => x.kind === 'safe'));
        if (fixable.length >= 2) {
          const action: CodeAction = { title: `Fix all ${ruleId} problems in this note`, kind: CodeActionKind.QuickFix, diagnostics: ours.filter((x) => x.code === ruleId) };
          if (support.resolveEdit) fixAlls.push({ ...action, data: { tnoteFixAll: 'rule', uri: doc.uri, ruleId } satisfies FixAllData });
          else {
            const edits = fixAllOfRuleEdits(doc, state, ruleId);
            if (edits.length) fixAlls.push({ ...action, edit: workspaceEdit(doc, edits, support) });
          }
        }
      }
      const lineKey = `${ruleId}@${d.range.start.line}`;
      if (!perLine.has(lineKey)) {
        perLine.add(lineKey);
        docs.push({
          title: `Show documentation for ${ruleId}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          command: { title: `Show documentation for ${ruleId}`, command: SHOW_RULE_DOCS_COMMAND, arguments: [ruleId] },
        });
        const edit = disableEdit(d, state, ruleId);
        if (edit) disables.push({ title: `Disable ${ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: workspaceEdit(doc, [edit], support) });
      }
    }
    // Every safe fix of the note at once, in the quick-fix menu too (the source action is only
    // in the Source Action menu and on save).
    const safeCount = safeFixes(state.result.findings).length;
    if (ours.length > 0 && safeCount >= 2) {
      const action: CodeAction = { title: `Fix all ${safeCount} auto-fixable problems in this note`, kind: CodeActionKind.QuickFix, diagnostics: [] };
      if (support.resolveEdit) fixAlls.push({ ...action, data: { tnoteFixAll: 'note', uri: doc.uri } satisfies FixAllData });
      else {
        const edits = fixAllEdits(doc, state);
        if (edits.length) fixAlls.push({ ...action, edit: workspaceEdit(doc, edits, support) });
      }
    }
    actions.push(...fixes, ...fixAlls, ...docs, ...disables);
  }
  // Offered when asked for explicitly (on save, "Fix All") or when the note has something to fix.
  const explicit = !!only && (wants(only, FIX_ALL_KIND) || only.includes(CodeActionKind.SourceFixAll));
  if (explicit || (!only && ours.length > 0)) {
    const action: CodeAction = { title: 'Fix all auto-fixable tnote problems', kind: FIX_ALL_KIND, diagnostics: [] };
    if (support.resolveEdit && !explicit) {
      if (safeFixes(state.result.findings).length > 0) actions.push({ ...action, data: { tnoteFixAll: 'note', uri: doc.uri } satisfies FixAllData });
    } else {
      const edits = fixAllEdits(doc, state);
      if (edits.length) actions.push({ ...action, edit: workspaceEdit(doc, edits, support) });
    }
  }
  return actions;
}

/** `codeAction/resolve`: computes the edit of a fix-all action sent without it (on the note's current text). */
export function resolveCodeAction(action: CodeAction, doc: TextDocument, state: OpenNoteState, support: EditSupport): CodeAction {
  const data: unknown = action.data;
  if (!isFixAllData(data) || action.edit) return action;
  const edits = data.tnoteFixAll === 'rule' ? fixAllOfRuleEdits(doc, state, data.ruleId!) : fixAllEdits(doc, state);
  return { ...action, edit: workspaceEdit(doc, edits, support) };
}
