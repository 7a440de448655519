/**
 * Runs the web-worker build of the language server (dist/browser/server.js) the way a browser
 * runs it: the bundle as a classic script in a fresh global scope (a `vm` context) that has only
 * what a worker has — postMessage/onmessage, timers, TextEncoder/TextDecoder, atob/btoa — and no
 * `require`, `process` or file system. The returned connection is the client's side.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { AbstractMessageReader, AbstractMessageWriter, createMessageConnection, type DataCallback, type Disposable, type Message, type MessageConnection } from 'vscode-jsonrpc/node';
import { REPO_ROOT } from './paths';

export const BROWSER_SERVER_BUNDLE = path.join(REPO_ROOT, 'dist', 'browser', 'server.js');
const BUNDLE = BROWSER_SERVER_BUNDLE;

/** A worker's global scope in a vm context, wired to a JSON-RPC connection on this side. */
export function startWorker(): { connection: MessageConnection; scope: Record<string, unknown> } {
  let deliver: DataCallback | undefined;
  const scope: Record<string, unknown> = {
    location: { href: 'blob:https://host.example/6f1e' },
    tnoteExtensionUri: 'https://extension.example/tnote',
    postMessage: (m: Message) => deliver?.(m),
    addEventListener: () => undefined,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    TextEncoder,
    TextDecoder,
    atob,
    btoa,
    URL,
    console: { log() {}, info() {}, warn() {}, error() {} },
  };
  scope.self = scope;
  vm.createContext(scope);
  vm.runInContext(fs.readFileSync(BUNDLE, 'utf8'), scope, { filename: BUNDLE });
  class Reader extends AbstractMessageReader {
    listen(callback: DataCallback): Disposable {
      deliver = callback;
      return { dispose: () => (deliver = undefined) };
    }
  }
  class Writer extends AbstractMessageWriter {
    write(msg: Message): Promise<void> {
      (scope.onmessage as (e: { data: Message }) => void)({ data: structuredClone(msg) });
      return Promise.resolve();
    }
    end(): void {}
  }
  const connection = createMessageConnection(new Reader(), new Writer());
  connection.listen();
  return { connection, scope };
}
