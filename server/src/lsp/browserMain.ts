/**
 * Entry point of the web-worker language server (dist/browser/server.js), for VS Code in the
 * browser (vscode.dev, github.dev, code-server's web extension host). The same engine and LSP
 * layer as the Node server; messages come through the worker's postMessage, and there is no file
 * system: notes are checked one by one (see server/src/browser/noFiles.ts).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { browserRuntime } from '../browser/browserRuntime';
import { noFileAccess } from '../browser/noFiles';
import { describeError } from './log';
import { startServer } from './server';

/** Says once, in the output channel and as a message, what the browser build does not do. */
export const BROWSER_NOTICE =
  'Therapy Notes in the browser checks each note on its own: .tnoterc.yaml files are not read (the defaults and your tnote.* settings apply), and rules across notes see only the notes open in the editor. Use the desktop extension or `tnote check` for whole folders.';

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
startServer(connection, { fs: noFileAccess(), runtime: browserRuntime(scope.tnoteExtensionUri), notice: BROWSER_NOTICE });
