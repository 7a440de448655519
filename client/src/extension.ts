/**
 * The VS Code client: starts the language server over IPC for `therapy-note` documents, adds the
 * commands, the status bar item and the checklist view (features.ts, shared with the browser
 * client). No rule logic lives here — everything comes from the server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { LANGUAGE_ID, middleware, startClient, type TnoteApi } from './features';

export { LANGUAGE_ID, type TnoteApi } from './features';
let client: LanguageClient | undefined;

/**
 * Schemes whose notes the Node server checks: files on disk (with their .tnoterc.yaml and the
 * other notes), untitled notes, and the GitHub / Azure Repos virtual file system (`vscode-vfs`),
 * whose notes are checked on their own text (the Node server reads only files on disk).
 */
export const DOCUMENT_SCHEMES = ['file', 'untitled', 'vscode-vfs'];

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
    documentSelector: DOCUMENT_SCHEMES.map((scheme) => ({ scheme, language: LANGUAGE_ID })),
    outputChannelName: 'Therapy Notes',
    // The server saves its workspace index in this workspace's storage folder (never note text)
    // and restores it on the next start; without a workspace there is none and nothing is saved.
    initializationOptions: { storagePath: context.storageUri?.scheme === 'file' ? context.storageUri.fsPath : undefined },
    middleware,
  };
  client = new LanguageClient('tnote', 'Therapy Notes', serverOptions, clientOptions);
  return startClient(context, client);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
