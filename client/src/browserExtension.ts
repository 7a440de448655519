/**
 * The VS Code client in the browser (vscode.dev, github.dev, code-server's web extension host):
 * starts the web-worker build of the language server (dist/browser/server.js) for `therapy-note`
 * documents of any scheme. Diagnostics, quick fixes, completion, hover, outline, folding and code
 * lenses come from the same server code as on the desktop, and the commands, status bar item and
 * checklist from the same client code (features.ts); the server reads files through
 * `vscode.workspace.fs` (fileAccess.ts).
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/browser';
import { LANGUAGE_ID, middleware, startClient, type TnoteApi } from './features';
import { registerFileAccess } from './fileAccess';

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

export async function activate(context: vscode.ExtensionContext): Promise<TnoteApi> {
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    outputChannelName: 'Therapy Notes',
    middleware,
  };
  client = new LanguageClient('tnote', 'Therapy Notes', new Worker(await serverWorkerUrl(context.extensionUri)), clientOptions);
  // The server reads .tnoterc.yaml files, code files and the workspace's notes through these.
  context.subscriptions.push(...registerFileAccess(client, { fs: vscode.workspace.fs, parse: (uri) => vscode.Uri.parse(uri, true), inWorkspace: (uri) => !!vscode.workspace.getWorkspaceFolder(uri) }));
  return startClient(context, client);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
