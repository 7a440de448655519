/**
 * The web-worker build of the language server (dist/browser/server.js), run the way a browser
 * runs it: the bundle as a classic script in a fresh global scope (a `vm` context) that has only
 * what a worker has — postMessage/onmessage, timers, TextEncoder/TextDecoder — and no `require`,
 * `process` or file system. Its diagnostics must equal the Node server's for the same note.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { BROWSER_SERVER_BUNDLE as BUNDLE, startWorker } from '../helpers/browserWorker';
import { LspTestClient, readExample } from '../lsp/helpers/lspClient';

interface PublishedDiagnostics {
  uri: string;
  diagnostics: { range: unknown; severity?: number; code?: unknown; message: string; codeDescription?: { href: string } }[];
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

  it('gives the same diagnostics as the Node server for the example notes, without a notice', async () => {
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
      // Nothing it cannot do here: no notice pops up.
      assert.deepEqual(messages, []);
    } finally {
      connection.dispose();
      await node.stop();
    }
  });
});
