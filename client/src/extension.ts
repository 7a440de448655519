/**
 * The VS Code client: starts the language server over IPC for `therapy-note` documents, adds the
 * commands and the status bar item. No rule logic lives here — everything comes from the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ServerCommand } from '../../shared/protocol';
import { registerCommands } from './commands';
import { NoteStatusBar } from './statusBar';

export const LANGUAGE_ID = 'therapy-note';
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  if (!fs.existsSync(serverModule)) {
    void vscode.window.showErrorMessage('Therapy Notes: the language server is missing (dist/server.js). Rebuild the extension.');
    return;
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
      // Rule pages open as a rendered, read-only preview rather than as Markdown source.
      executeCommand: async (command, args: unknown[], next): Promise<unknown> => {
        const ruleId = args[0];
        if (command !== ServerCommand.showRuleDocumentation || typeof ruleId !== 'string' || !/^[a-z0-9-]+$/.test(ruleId)) return next(command, args);
        const page = vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules', `${ruleId}.md`)));
        try {
          await vscode.commands.executeCommand('markdown.showPreview', page);
        } catch {
          return next(command, args);
        }
      },
    },
  };
  client = new LanguageClient('tnote', 'Therapy Notes', serverOptions, clientOptions);
  const statusBar = new NoteStatusBar(client);
  context.subscriptions.push(statusBar);
  registerCommands(context, client);
  await client.start();
  statusBar.refresh();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
