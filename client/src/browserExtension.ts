/**
 * The VS Code client in the browser (vscode.dev, github.dev, code-server's web extension host):
 * starts the web-worker build of the language server (dist/browser/server.js) for `therapy-note`
 * documents of any scheme. Diagnostics, quick fixes, completion, hover, outline, folding and code
 * lenses come from the same server code as on the desktop; commands that need files on disk say
 * that they are not available here.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/browser';
import { ClientCommand, ServerCommand, type FixAllResult } from '../../shared/protocol';
import { createConfigFile } from './createConfig';

const LANGUAGE_ID = 'therapy-note';
let client: LanguageClient | undefined;

/** The web worker host's globals used here (the client compiles without the DOM lib). */
declare const Worker: new (url: string) => Extract<ServerOptions, { postMessage: unknown }>;
declare const Blob: new (parts: (string | Uint8Array)[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string };

/**
 * The script the server worker starts from: it tells the server where the extension is (for links
 * to rule pages), then runs dist/browser/server.js. VS Code's web worker host refuses to start a
 * worker from a remote extension's URI (`vscode-remote:`, e.g. code-server), so there the script's
 * bytes are read through the workspace file system and run from a blob.
 */
async function serverWorkerUrl(extensionUri: vscode.Uri): Promise<string> {
  const serverMain = vscode.Uri.joinPath(extensionUri, 'dist', 'browser', 'server.js');
  const prelude = `self.tnoteExtensionUri = ${JSON.stringify(extensionUri.toString(true))};\n`;
  const body = serverMain.scheme === 'vscode-remote' ? await vscode.workspace.fs.readFile(serverMain) : `importScripts(${JSON.stringify(serverMain.toString(true))});`;
  return URL.createObjectURL(new Blob([prelude, body], { type: 'application/javascript' }));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    outputChannelName: 'Therapy Notes',
    middleware: {
      // Rule pages open as a rendered preview from the extension's own files.
      executeCommand: async (command, args: unknown[], next): Promise<unknown> => {
        const ruleId = args[0];
        if (command !== ServerCommand.showRuleDocumentation || typeof ruleId !== 'string' || !/^[a-z0-9-]+$/.test(ruleId)) return next(command, args);
        try {
          await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`));
        } catch {
          return next(command, args);
        }
      },
    },
  };
  client = new LanguageClient('tnote', 'Therapy Notes', new Worker(await serverWorkerUrl(context.extensionUri)), clientOptions);
  const notHere = (what: string) => () =>
    void vscode.window.showInformationMessage(`Therapy Notes: ${what} is not available in the browser (it needs files on disk). Use the desktop extension or \`tnote check\`.`);
  context.subscriptions.push(
    vscode.commands.registerCommand(ClientCommand.fixAll, () => fixAll()),
    vscode.commands.registerCommand(ClientCommand.checkWorkspace, notHere('Check All Notes in Workspace')),
    vscode.commands.registerCommand(ClientCommand.newNoteFromTemplate, notHere('New Therapy Note from Template (use the note snippets instead)')),
    vscode.commands.registerCommand(ClientCommand.createConfig, (target?: unknown) => createConfigFile(context.extensionUri, target)),
    vscode.commands.registerCommand(ClientCommand.openConfiguration, notHere('Open Configuration (.tnoterc.yaml files are not read; use the tnote.* settings)')),
  );
  await client.start();
}

async function fixAll(): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== LANGUAGE_ID) {
    void vscode.window.showInformationMessage('Open a therapy note (.tnote) to fix its problems.');
    return;
  }
  if (!client?.isRunning()) return;
  const r = await vscode.commands.executeCommand<FixAllResult | null>(ServerCommand.fixAll, doc.uri.toString());
  if (!r?.applied) void vscode.window.setStatusBarMessage('Therapy Notes: nothing to fix automatically', 3000);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
