/**
 * The web-worker build of the language server (dist/browser/server.js), run the way a browser
 * runs it: the bundle as a classic script in a fresh global scope (a `vm` context) that has only
 * what a worker has — postMessage/onmessage, timers, TextEncoder/TextDecoder — and no `require`,
 * `process` or file system. Its diagnostics must equal the Node server's for the same note.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { AbstractMessageReader, AbstractMessageWriter, createMessageConnection, type DataCallback, type Disposable, type Message, type MessageConnection } from 'vscode-jsonrpc';
import { REPO_ROOT } from '../helpers/paths';
import { LspTestClient, readExample } from '../lsp/helpers/lspClient';

const BUNDLE = path.join(REPO_ROOT, 'dist', 'browser', 'server.js');

interface PublishedDiagnostics {
  uri: string;
  diagnostics: { range: unknown; severity?: number; code?: unknown; message: string; codeDescription?: { href: string } }[];
}

/** A worker's global scope in a vm context, wired to a JSON-RPC connection on this side. */
function startWorker(): { connection: MessageConnection; scope: Record<string, unknown> } {
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

/** The diagnostics without their rule-page links (which differ by host), as plain JSON (the worker's objects come from another realm). */
function withoutLinks(p: PublishedDiagnostics): unknown {
  return JSON.parse(JSON.stringify(p.diagnostics.map(({ codeDescription: _href, ...d }) => d))) as unknown;
}

describe('web-worker language server (dist/browser/server.js)', function () {
  this.timeout(20000);

  it('runs without Node: no require, process or module in its scope', () => {
    const text = fs.readFileSync(BUNDLE, 'utf8');
    assert.doesNotMatch(text, /\brequire\(\s*["'](?:node:)?(?:fs|path|os|child_process|url|process)["']/);
  });

  it('gives the same diagnostics as the Node server for the example notes, and says once what it cannot do', async () => {
    const { connection } = startWorker();
    const published = new Map<string, PublishedDiagnostics>();
    const messages: string[] = [];
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => void published.set(p.uri, p));
    connection.onRequest('window/showMessageRequest', (p: { message: string }) => {
      messages.push(p.message);
      return null;
    });
    connection.onNotification('window/logMessage', () => undefined);
    const init = await connection.sendRequest<{ capabilities: { hoverProvider?: boolean } }>('initialize', { processId: null, rootUri: null, capabilities: {} });
    assert.equal(init.capabilities.hoverProvider, true);
    await connection.sendNotification('initialized', {});
    const node = await LspTestClient.start({ capabilities: {} });
    try {
      for (const name of ['pt-afo-flawed.tnote', 'ot-whfo-flawed.tnote', 'pt-afo-clean.tnote']) {
        const uri = `vscode-test-web://mount/${name}`;
        const text = readExample(name);
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'therapy-note', version: 1, text } });
        await node.open(uri, text);
        const expected = await node.waitForDiagnostics(uri);
        const deadline = Date.now() + 8000;
        while (!published.has(uri) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        const got = published.get(uri);
        assert.ok(got, `the browser server published diagnostics for ${name}`);
        assert.deepEqual(withoutLinks(got), withoutLinks(expected as PublishedDiagnostics), name);
        if (name.includes('flawed')) assert.ok(got.diagnostics.length > 0, `${name} has findings`);
        // Rule pages are linked next to the bundle, inside the extension.
        for (const d of got.diagnostics) assert.match(d.codeDescription?.href ?? '', /^https:\/\/extension\.example\/tnote\/docs\/rules\/[a-z0-9-]+\.md$/);
      }
      assert.equal(messages.length, 1, 'one notice');
      assert.match(messages[0], /\.tnoterc\.yaml files are not read/);
    } finally {
      connection.dispose();
      await node.stop();
    }
  });
});
