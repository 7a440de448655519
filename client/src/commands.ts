/**
 * Commands: New Therapy Note from Template…, Next / Previous Item, Finalize Note, Fix All Problems,
 * Check All Notes in Workspace, Open Configuration, and the helpers behind the checklist entries
 * (go to a place) and rule links (open a rule's page rendered). The work is done by the server
 * (`tnote/*` requests and its `tnote.server.*` commands, which the language client registers).
 * No Node module: files go through `vscode.workspace.fs`, so the desktop and the browser client
 * register the same commands.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import {
  ClientCommand,
  FinalizeCheckRequest,
  NoteItemsRequest,
  ServerCommand,
  type FinalizeResult,
  type FixAllResult,
  type NoteItem,
  type RemainingProblem,
  type WorkspaceTotals,
} from '../../shared/protocol';
import { isNote } from './checklist';
import { CONFIG_FILE_NAMES, createConfigFile, exists } from './createConfig';
import { findTemplate, openNoteFromTemplate, templatePicks, type TemplatePick } from './templates';

type LspRange = NoteItem['range'];

/** What the commands share with the rest of the client (and what the tests read). */
export interface CommandState {
  /** The quick pick of the last Finalize Note that found problems left (for tests). */
  finalizePick?: vscode.QuickPick<vscode.QuickPickItem & { range: LspRange }>;
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, state: CommandState): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(ClientCommand.newNoteFromTemplate, (templateId?: unknown) => newNoteFromTemplate(context, client, typeof templateId === 'string' ? templateId : undefined)),
    vscode.commands.registerCommand(ClientCommand.nextItem, () => moveToItem(client, 1)),
    vscode.commands.registerCommand(ClientCommand.previousItem, () => moveToItem(client, -1)),
    vscode.commands.registerCommand(ClientCommand.finalizeNote, () => finalizeNote(client, state)),
    vscode.commands.registerCommand(ClientCommand.goTo, (uri: unknown, range: unknown, select: unknown) => goTo(uri, range, select === true)),
    vscode.commands.registerCommand(ClientCommand.openRuleDocumentation, (ruleId: unknown) => openRuleDocumentation(context, ruleId)),
    vscode.commands.registerCommand(ClientCommand.fixAll, () => fixAll(client)),
    vscode.commands.registerCommand(ClientCommand.checkWorkspace, () => checkWorkspace(client)),
    vscode.commands.registerCommand(ClientCommand.openConfiguration, () => openConfiguration(context)),
    vscode.commands.registerCommand(ClientCommand.createConfig, (target?: unknown) => createConfigFile(context.extensionUri, target)),
  );
}

/**
 * Opens a new untitled note (a draft) from a template chosen in a quick pick. With `templateId`
 * (a template file name without `.tnote`, e.g. `97760-pt`, or a snippet prefix, e.g.
 * `tnote-97760-pt`) the quick pick is skipped: for keybindings (`"args": "97760-pt"`) and tests.
 * Resolves to the new document (undefined when nothing was created).
 */
async function newNoteFromTemplate(context: vscode.ExtensionContext, client: LanguageClient, templateId?: string): Promise<vscode.TextDocument | undefined> {
  const picks = await templatePicks(context);
  let pick: TemplatePick | undefined;
  if (templateId !== undefined) {
    pick = findTemplate(picks, templateId);
    if (!pick) {
      void vscode.window.showErrorMessage(`Therapy Notes: no template "${templateId}" (known: ${picks.map((p) => p.ids[0]).join(', ') || 'none'}).`);
      return undefined;
    }
  } else {
    if (picks.length === 0) {
      void vscode.window.showWarningMessage('Therapy Notes: no templates found: add .tnote files to a templates/ folder of the workspace, or turn on tnote.templates.showBundled.');
      return undefined;
    }
    pick = await vscode.window.showQuickPick(picks, { placeHolder: 'Choose a template for the new therapy note (your templates first)', matchOnDescription: true, matchOnDetail: true });
  }
  return pick ? openNoteFromTemplate(client, pick.file) : undefined;
}

function toRange(r: LspRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** Shows a place in an editor: a placeholder selected whole (typing replaces it), else the caret at its start. */
function reveal(editor: vscode.TextEditor, range: vscode.Range, select: boolean): void {
  editor.selection = select ? new vscode.Selection(range.start, range.end) : new vscode.Selection(range.start, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * Next Item (`direction` 1) / Previous Item (-1): selects the next placeholder or to-do location
 * after (before) the selection, in reading order, wrapping at the end. Resolves to the item.
 */
async function moveToItem(client: LanguageClient, direction: 1 | -1): Promise<NoteItem | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isNote(editor.document)) {
    void vscode.window.showInformationMessage('Open a therapy note (.tnote) to move through its items.');
    return undefined;
  }
  if (!client.isRunning()) return undefined;
  const r = await client.sendRequest(NoteItemsRequest.type, { uri: editor.document.uri.toString() });
  if (!r || r.items.length === 0) {
    vscode.window.setStatusBarMessage(r?.status === 'draft' ? 'Therapy Notes: no items left — Finalize Note when you are done.' : 'Therapy Notes: no items left to fill.', 4000);
    return undefined;
  }
  const at = editor.selection.start;
  const ranges = r.items.map((i) => toRange(i.range));
  let index = direction === 1 ? ranges.findIndex((x) => x.start.isAfter(at)) : ranges.map((x) => x.start.isBefore(at)).lastIndexOf(true);
  const wrapped = index === -1;
  if (wrapped) index = direction === 1 ? 0 : ranges.length - 1;
  const item = r.items[index];
  reveal(editor, ranges[index], item.kind === 'placeholder');
  const where = `${index + 1} of ${r.items.length}${wrapped ? ', wrapped around' : ''}`;
  vscode.window.setStatusBarMessage(`Therapy Notes: item ${where} — ${item.message.split('\n')[0]}`, 6000);
  return item;
}

/** A place in a note (from a checklist entry): `uri`, an LSP range, whether to select it whole. */
async function goTo(uri: unknown, range: unknown, select: boolean): Promise<void> {
  if (typeof uri !== 'string' || !isLspRange(range)) return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(doc);
  reveal(editor, toRange(range), select);
}

function isLspRange(x: unknown): x is LspRange {
  const r = x as LspRange | null;
  return !!r && typeof r === 'object' && typeof r.start?.line === 'number' && typeof r.start.character === 'number' && typeof r.end?.line === 'number' && typeof r.end.character === 'number';
}

/** Today in the writer's time zone, YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Finalize Note: when no error or warning would remain as a final note, sets `status: final` — and
 * when the `Signed:` line has no date, asks whether to add today's (never the signer). Otherwise
 * the note stays a draft and a quick pick lists what is left; picking one goes there. Resolves to
 * the server's answer (undefined when there is no note).
 */
async function finalizeNote(client: LanguageClient, state: CommandState): Promise<FinalizeResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isNote(editor.document)) {
    void vscode.window.showInformationMessage('Open a therapy note (.tnote) to finalize it.');
    return undefined;
  }
  if (!client.isRunning()) return undefined;
  const doc = editor.document;
  const date = today();
  const r = await client.sendRequest(FinalizeCheckRequest.type, { uri: doc.uri.toString(), date });
  if (!r) return undefined;
  if (r.status === 'template') {
    void vscode.window.showInformationMessage('Therapy Notes: this file is a template (status: template). Start a note from it with "New Therapy Note from Template…".');
    return r;
  }
  if (!r.ready) {
    showRemaining(editor, r.remaining, state);
    return r;
  }
  const edits: vscode.TextEdit[] = [];
  if (r.statusEdit) edits.push(new vscode.TextEdit(toRange(r.statusEdit.range), r.statusEdit.newText));
  if (r.signatureDateEdit) {
    const add = 'Add Date and Finalize';
    const choice = await vscode.window.showInformationMessage(
      `The note is ready to be final. The signature has no date: add today's date (${date}) after the signer?`,
      { modal: true, detail: 'Only the date is written; the signer is yours to write.' },
      add,
      'Finalize Without Date',
    );
    if (!choice) return r;
    if (choice === add) edits.push(new vscode.TextEdit(toRange(r.signatureDateEdit.range), r.signatureDateEdit.newText));
  }
  if (edits.length > 0) {
    if (doc.version !== r.version) {
      void vscode.window.showWarningMessage('Therapy Notes: the note changed while it was being checked; run Finalize Note again.');
      return r;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, edits);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('Therapy Notes: the note could not be changed.');
      return r;
    }
  }
  vscode.window.setStatusBarMessage('Therapy Notes: the note is final (status: final).', 5000);
  return r;
}

/** The problems that keep a note from being final, in a quick pick that goes to the one picked. */
function showRemaining(editor: vscode.TextEditor, remaining: RemainingProblem[], state: CommandState): void {
  state.finalizePick?.dispose();
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { range: LspRange }>();
  state.finalizePick = pick;
  pick.title = `Not final yet: ${count(remaining.length, 'problem')} would remain — the note stays a draft`;
  pick.placeholder = 'Pick one to go there';
  pick.matchOnDescription = true;
  pick.items = remaining.map((p) => ({
    label: `$(${p.severity === 'error' ? 'error' : 'warning'}) ${p.message}`,
    description: `line ${p.range.start.line + 1} · ${p.ruleId}`,
    range: p.range,
  }));
  pick.onDidAccept(() => {
    const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
    pick.hide();
    if (chosen) void vscode.window.showTextDocument(editor.document, editor.viewColumn).then((e) => reveal(e, toRange(chosen.range), false));
  });
  pick.onDidHide(() => {
    if (state.finalizePick === pick) state.finalizePick = undefined;
    pick.dispose();
  });
  pick.show();
}

/** A rule's page, rendered (the Problems panel's rule links and "Show documentation" both come here). */
async function openRuleDocumentation(context: vscode.ExtensionContext, ruleId: unknown): Promise<boolean> {
  if (typeof ruleId !== 'string' || !/^[a-z0-9-]+$/.test(ruleId)) return false;
  const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`);
  if (!(await exists(page))) {
    void vscode.window.showWarningMessage(`Therapy Notes: no documentation page for ${ruleId}.`);
    return false;
  }
  await vscode.commands.executeCommand('markdown.showPreview', page);
  return true;
}

/** The URI the Problems panel and hovers open for a rule's link: runs {@link openRuleDocumentation}. */
export function ruleDocumentationLink(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`command:${ClientCommand.openRuleDocumentation}?${encodeURIComponent(JSON.stringify([ruleId]))}`);
}

async function fixAll(client: LanguageClient): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'therapy-note') {
    void vscode.window.showInformationMessage('Open a therapy note (.tnote) to fix its problems.');
    return;
  }
  if (!client.isRunning()) return;
  const r = await vscode.commands.executeCommand<FixAllResult | null>(ServerCommand.fixAll, doc.uri.toString());
  // The same fixes as the light bulb's "Fix all" entries and source.fixAll.tnote: the safe ones.
  if (r?.applied) vscode.window.setStatusBarMessage(`Therapy Notes: fixed ${count(r.fixed ?? 0, 'problem')}.`, 4000);
  else if (r?.needChoice) {
    void vscode.window.showInformationMessage(
      `Therapy Notes: nothing to fix automatically. ${count(r.needChoice, 'problem')} ${r.needChoice === 1 ? 'has a fix' : 'have fixes'} that need your choice or clinical content: use Quick Fix (Ctrl+.) on ${r.needChoice === 1 ? 'it' : 'each'}.`,
    );
  } else vscode.window.setStatusBarMessage('Therapy Notes: nothing to fix automatically.', 4000);
}

async function checkWorkspace(client: LanguageClient): Promise<void> {
  if (!client.isRunning()) return;
  const totals = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking therapy notes…' }, () =>
    vscode.commands.executeCommand<WorkspaceTotals | null>(ServerCommand.checkWorkspace),
  );
  if (!totals) return;
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  void vscode.window.showInformationMessage(
    `Therapy Notes: ${count(totals.notes, 'note')} checked — ${count(totals.errors, 'error')}, ${count(totals.warnings, 'warning')}, ${count(totals.infos, 'info')}.`,
  );
}

/** The folder a URI is in (a root is its own folder). */
function parentOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

/** Opens the nearest `.tnoterc.yaml` (the `tnote.configFile` setting first), or offers to create one. */
async function openConfiguration(context: vscode.ExtensionContext): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  const configured = vscode.workspace.getConfiguration('tnote', active ?? folder?.uri).get<string>('configFile');
  const candidates: vscode.Uri[] = [];
  if (configured) {
    const absolute = /^(?:\/|[a-z]:[\\/]|\\\\)/i.test(configured);
    if (absolute && (folder?.uri.scheme ?? 'file') === 'file') candidates.push(vscode.Uri.file(configured));
    else if (folder) candidates.push(absolute ? folder.uri.with({ path: configured }) : vscode.Uri.joinPath(folder.uri, configured));
  }
  // From the note's folder up to its workspace folder (to the root for a note outside the workspace).
  if (active && active.scheme !== 'untitled') {
    const stop = folder?.uri.path;
    for (let d = parentOf(active); ; d = parentOf(d)) {
      for (const n of CONFIG_FILE_NAMES) candidates.push(vscode.Uri.joinPath(d, n));
      if (d.path === stop || parentOf(d).path === d.path) break;
    }
  }
  if (folder) for (const n of CONFIG_FILE_NAMES) candidates.push(vscode.Uri.joinPath(folder.uri, n));
  let existing: vscode.Uri | undefined;
  for (const c of candidates) {
    if (await exists(c)) {
      existing = c;
      break;
    }
  }
  if (existing) {
    await vscode.window.showTextDocument(existing);
    return;
  }
  const create = folder ? 'Create .tnoterc.yaml' : undefined;
  const choice = await vscode.window.showInformationMessage('No .tnoterc.yaml found for this note.', ...(create ? [create] : []), 'Open Settings');
  if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'tnote.');
  } else if (choice === create && folder) {
    await createConfigFile(context.extensionUri, folder.uri);
  }
}

/** `1 error`, `2 errors`. */
export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
