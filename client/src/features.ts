/**
 * What the desktop client (extension.ts) and the browser client (browserExtension.ts) share: the
 * middleware, the commands, the status bar item and the checklist view. No Node module is imported
 * here or in what it imports (the browser bundle check fails otherwise); files are read through
 * `vscode.workspace.fs`.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, Middleware } from 'vscode-languageclient';
import { CHECKLIST_VIEW, ClientCommand, ServerCommand } from '../../shared/protocol';
import { ChecklistProvider, type ChecklistNode } from './checklist';
import { registerCommands, ruleDocumentationLink, type CommandState } from './commands';
import { NoteStatusBar } from './statusBar';

export const LANGUAGE_ID = 'therapy-note';

/** What `activate` returns: the extension's views, for the end-to-end tests (`extension.exports`). */
export interface TnoteApi {
  checklist: ChecklistProvider;
  statusBar: NoteStatusBar;
  commands: CommandState;
}

/**
 * Rule pages open as a rendered, read-only preview rather than as Markdown source: the "Show
 * documentation" action, and the rule links of the Problems panel and hovers, whose target (a
 * file: URL for other editors) becomes a command link here.
 */
export const middleware: Middleware = {
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
};

/** Registers the commands, the status bar item and the checklist view, starts the client, and returns the views. */
export async function startClient(context: vscode.ExtensionContext, client: BaseLanguageClient): Promise<TnoteApi> {
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
  );
  registerCommands(context, client, commands);
  await client.start();
  statusBar.refresh();
  void checklist.refresh();
  return { checklist, statusBar, commands };
}
