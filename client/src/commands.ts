/**
 * Commands: New Therapy Note from Template…, Fix All Problems, Check All Notes in Workspace,
 * Open Configuration. The work is done by the server's commands (`tnote.server.*`), which the
 * language client registers automatically.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClientCommand, ServerCommand, type FixAllResult, type WorkspaceTotals } from '../../shared/protocol';

interface TemplatePick extends vscode.QuickPickItem {
  /** Names the command's optional argument accepts: the template file name without `.tnote`, or the snippet's name and prefixes. */
  ids: string[];
  text: string;
  snippet: boolean;
}

const CONFIG_FILE_NAMES = ['.tnoterc.yaml', '.tnoterc.yml'];

/** What each bundled template is for, in the clinician's terms. */
const TEMPLATE_TITLES: Record<string, string> = {
  '97760-pt': '97760 · PT — first orthotic management and training visit (GP)',
  '97760-ot': '97760 · OT — first orthotic management and training visit (GO)',
  '97763-followup': '97763 — later orthotic or prosthetic visit',
  '97761-prosthetic': '97761 — first prosthetic training visit',
};

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(ClientCommand.newNoteFromTemplate, (templateId?: unknown) => newNoteFromTemplate(context, typeof templateId === 'string' ? templateId : undefined)),
    vscode.commands.registerCommand(ClientCommand.fixAll, () => fixAll(client)),
    vscode.commands.registerCommand(ClientCommand.checkWorkspace, () => checkWorkspace(client)),
    vscode.commands.registerCommand(ClientCommand.openConfiguration, () => openConfiguration()),
  );
}

/** Templates: `templates/*.tnote` of the extension and of each workspace folder, plus whole-note snippets. */
async function templatePicks(context: vscode.ExtensionContext): Promise<TemplatePick[]> {
  const picks: TemplatePick[] = [];
  const dirs = [context.asAbsolutePath('templates'), ...(vscode.workspace.workspaceFolders ?? []).map((f) => path.join(f.uri.fsPath, 'templates'))];
  const seen = new Set<string>();
  for (const dir of dirs) {
    if (seen.has(dir) || !fs.existsSync(dir)) continue;
    seen.add(dir);
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.tnote')).sort()) {
      const id = name.replace(/\.tnote$/, '');
      const bundled = dir === context.asAbsolutePath('templates');
      picks.push({
        ids: [id],
        label: `$(file) ${TEMPLATE_TITLES[id] ?? id}`,
        description: bundled ? 'template' : `template · ${path.basename(path.dirname(dir))}/templates`,
        text: fs.readFileSync(path.join(dir, name), 'utf8'),
        snippet: false,
      });
    }
  }
  const snippetsFile = context.asAbsolutePath(path.join('snippets', 'tnote.code-snippets.json'));
  if (fs.existsSync(snippetsFile)) {
    try {
      const snippets = JSON.parse(fs.readFileSync(snippetsFile, 'utf8')) as Record<string, { body: string | string[]; description?: string; prefix?: string | string[] }>;
      for (const [name, s] of Object.entries(snippets)) {
        const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
        if (!body.startsWith('---') || !/^## /m.test(body)) continue; // whole notes only (not the front-matter snippet)
        picks.push({ ids: [name, ...(s.prefix === undefined ? [] : Array.isArray(s.prefix) ? s.prefix : [s.prefix])], label: `$(symbol-snippet) ${name}`, description: 'snippet · Tab moves through the fields', detail: s.description, text: body, snippet: true });
      }
    } catch {
      // A malformed snippets file only hides the snippet templates.
    }
  }
  return picks;
}

/**
 * Opens a new untitled note from a template chosen in a quick pick. With `templateId` (a template
 * file name without `.tnote`, e.g. `97760-pt`, or a snippet's name or prefix, e.g. `tnote-97760-pt`) the quick
 * pick is skipped: for keybindings (`"args": "tnote-97760-pt"`) and the end-to-end tests. Resolves
 * to the new document (undefined when nothing was created).
 */
async function newNoteFromTemplate(context: vscode.ExtensionContext, templateId?: string): Promise<vscode.TextDocument | undefined> {
  const picks = await templatePicks(context);
  if (picks.length === 0) {
    void vscode.window.showWarningMessage('No therapy-note templates found.');
    return undefined;
  }
  let pick: TemplatePick | undefined;
  if (templateId !== undefined) {
    pick = picks.find((p) => p.ids.includes(templateId));
    if (!pick) {
      void vscode.window.showErrorMessage(`Therapy Notes: no template "${templateId}" (known: ${picks.map((p) => p.ids[p.ids.length - 1]).join(', ')}).`);
      return undefined;
    }
  } else {
    pick = await vscode.window.showQuickPick(picks, { placeHolder: 'Choose a template for the new therapy note', matchOnDescription: true, matchOnDetail: true });
  }
  if (!pick) return undefined;
  const doc = await vscode.workspace.openTextDocument({ language: 'therapy-note', content: pick.snippet ? '' : pick.text });
  const editor = await vscode.window.showTextDocument(doc);
  if (pick.snippet) await editor.insertSnippet(new vscode.SnippetString(pick.text));
  return editor.document;
}

async function fixAll(client: LanguageClient): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'therapy-note') {
    void vscode.window.showInformationMessage('Open a therapy note (.tnote) to fix its problems.');
    return;
  }
  if (!client.isRunning()) return;
  const r = await vscode.commands.executeCommand<FixAllResult | null>(ServerCommand.fixAll, doc.uri.toString());
  if (!r?.applied) void vscode.window.setStatusBarMessage('Therapy Notes: nothing to fix automatically', 3000);
}

async function checkWorkspace(client: LanguageClient): Promise<void> {
  if (!client.isRunning()) return;
  const totals = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking therapy notes…' }, () =>
    vscode.commands.executeCommand<WorkspaceTotals | null>(ServerCommand.checkWorkspace),
  );
  if (!totals) return;
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  void vscode.window.showInformationMessage(`Therapy Notes: ${count(totals.notes, 'note')} checked — ${count(totals.errors, 'error')}, ${count(totals.warnings, 'warning')}, ${count(totals.infos, 'info')}.`);
}

/** Opens the nearest `.tnoterc.yaml` (the `tnote.configFile` setting first), or offers to create one. */
async function openConfiguration(): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  const configured = vscode.workspace.getConfiguration('tnote', active ?? folder?.uri).get<string>('configFile');
  const candidates: string[] = [];
  if (configured) candidates.push(path.isAbsolute(configured) ? configured : path.join(folder?.uri.fsPath ?? '', configured));
  if (active?.scheme === 'file') {
    const stop = folder?.uri.fsPath;
    for (let d = path.dirname(active.fsPath); ; d = path.dirname(d)) {
      for (const n of CONFIG_FILE_NAMES) candidates.push(path.join(d, n));
      if (d === stop || path.dirname(d) === d) break;
    }
  }
  if (folder) for (const n of CONFIG_FILE_NAMES) candidates.push(path.join(folder.uri.fsPath, n));
  const existing = candidates.find((c) => fs.existsSync(c));
  if (existing) {
    await vscode.window.showTextDocument(vscode.Uri.file(existing));
    return;
  }
  const create = folder ? 'Create .tnoterc.yaml' : undefined;
  const choice = await vscode.window.showInformationMessage('No .tnoterc.yaml found for this note.', ...(create ? [create] : []), 'Open Settings');
  if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'tnote.');
  } else if (choice === create && folder) {
    const file = vscode.Uri.joinPath(folder.uri, '.tnoterc.yaml');
    const text = ['# Therapy-note linter configuration (schema: schemas/tnoterc.schema.json)', '# profile: medicare', '# rules:', '#   missing-discipline-modifier: error', ''].join('\n');
    await vscode.workspace.fs.writeFile(file, Buffer.from(text, 'utf8'));
    await vscode.window.showTextDocument(file);
  }
}

/** `1 error`, `2 errors`. */
export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
