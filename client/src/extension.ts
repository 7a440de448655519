/**
 * The VS Code client: starts the language server over IPC for `therapy-note` documents, adds the
 * commands, the status bar item and the checklist view. No rule logic lives here — everything
 * comes from the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CHECKLIST_VIEW, ClientCommand, ServerCommand } from '../../shared/protocol';
import { ChecklistProvider, type ChecklistNode } from './checklist';
import { createConfigFile } from './createConfig';
import { registerCommands, ruleDocumentationLink, type CommandState } from './commands';
import { NoteStatusBar } from './statusBar';

export const LANGUAGE_ID = 'therapy-note';
let client: LanguageClient | undefined;

/** What `activate` returns: the extension's views, for the end-to-end tests (`extension.exports`). */
export interface TnoteApi {
  checklist: ChecklistProvider;
  statusBar: NoteStatusBar;
  commands: CommandState;
}

export async function activate(context: vscode.ExtensionContext): Promise<TnoteApi | undefined> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  if (!fs.existsSync(serverModule)) {
    void vscode.window.showErrorMessage('Therapy Notes: the language server is missing (dist/server.js). Rebuild the extension.');
    return undefined;
  }
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: LANGUAGE_ID },
      { scheme: 'untitled', language: LANGUAGE_ID },
    ],
    outputChannelName: 'Therapy Notes',
    middleware: {
      // Rule pages open as a rendered, read-only preview rather than as Markdown source: the
      // "Show documentation" action, and the rule links of the Problems panel and hovers, whose
      // target (a file: URL for other editors) becomes a command link here.
      executeCommand: async (command, args: unknown[], next): Promise<unknown> => {
        if (command !== ServerCommand.showRuleDocumentation || typeof args[0] !== 'string') return next(command, args);
        return vscode.commands.executeCommand(ClientCommand.openRuleDocumentation, args[0]);
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        for (const d of diagnostics) {
          if (d.source === 'tnote' && typeof d.code === 'object' && typeof d.code.value === 'string' && /^[a-z0-9-]+$/.test(d.code.value)) {
            d.code = { value: d.code.value, target: ruleDocumentationLink(d.code.value) };
          }
        }
        next(uri, diagnostics);
      },
    },
  };
  client = new LanguageClient('tnote', 'Therapy Notes', serverOptions, clientOptions);
  const statusBar = new NoteStatusBar(client);
  const checklist = new ChecklistProvider(client);
  const view = vscode.window.createTreeView<ChecklistNode>(CHECKLIST_VIEW, { treeDataProvider: checklist, showCollapseAll: false });
  checklist.attach(view);
  const commands: CommandState = {};
  context.subscriptions.push(
    statusBar,
    checklist,
    view,
    vscode.commands.registerCommand(ClientCommand.refreshChecklist, () => checklist.refresh()),
    vscode.commands.registerCommand(ClientCommand.createConfig, (target?: unknown) => createConfigFile(context.extensionUri, target)),
  );
  registerCommands(context, client, commands);
  await client.start();
  statusBar.refresh();
  void checklist.refresh();
  return { checklist, statusBar, commands };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
