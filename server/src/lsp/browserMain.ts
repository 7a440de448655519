/**
 * Entry point of the web-worker language server (dist/browser/server.js), for VS Code in the
 * browser (vscode.dev, github.dev, code-server's web extension host). The same engine and LSP
 * layer as the Node server; messages come through the worker's postMessage, and files are read
 * through the client's `vscode.workspace.fs` (server/src/browser/clientFs.ts): `.tnoterc.yaml`
 * files, the ICD-10-CM code file and the workspace index work as on the desktop, for files inside
 * the workspace folders.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { browserRuntime } from '../browser/browserRuntime';
import { clientFileAccess } from '../browser/clientFs';
import { WorkspaceUris } from '../browser/workspaceUris';
import { describeError } from './log';
import { startServer } from './server';

/** The worker's global scope, as far as used here (the project compiles without the WebWorker lib). */
interface WorkerScope {
  location?: { href: string };
  /** The extension's URI, set by the client before this script runs (browserExtension.ts). */
  tnoteExtensionUri?: string;
  addEventListener(type: 'error', listener: (e: { error: unknown }) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (e: { reason: unknown }) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

const connection = createConnection(new BrowserMessageReader(globalThis as never), new BrowserMessageWriter(globalThis as never));
scope.addEventListener('error', (e) => connection.console.error(`tnote: uncaught ${describeError(e.error)}`));
scope.addEventListener('unhandledrejection', (e) => connection.console.error(`tnote: unhandled rejection ${describeError(e.reason)}`));
const uris = new WorkspaceUris();
startServer(connection, {
  fs: clientFileAccess((type, params) => connection.sendRequest(type.method, params), uris),
  runtime: browserRuntime(scope.tnoteExtensionUri, uris),
  foldersChanged: (folderUris) => uris.setFolders(folderUris),
});
