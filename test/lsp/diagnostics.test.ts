/** Initialize, didOpen → diagnostics, incremental didChange, stale versions, robustness, shutdown/exit. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, HoverRequest, TextDocumentSyncKind, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../helpers/paths';
import { LspTestClient, readExample, withDeadline } from './helpers/lspClient';

const URI = 'file:///virtual/pt-afo-flawed.tnote';

function byRule(diags: Diagnostic[], rule: string): Diagnostic[] {
  return diags.filter((d) => d.code === rule);
}

describe('LSP: diagnostics', function () {
  let client: LspTestClient;
  beforeEach(async () => {
    client = await LspTestClient.start();
  });
  afterEach(() => client.kill());

  it('declares incremental sync and its features on initialize', () => {
    const caps = client.initializeResult.capabilities;
    const sync = caps.textDocumentSync;
    assert.ok(sync && typeof sync === 'object' && sync.change === TextDocumentSyncKind.Incremental);
    assert.ok(caps.codeActionProvider && caps.completionProvider && caps.hoverProvider && caps.documentSymbolProvider && caps.foldingRangeProvider && caps.codeLensProvider);
    assert.equal(client.initializeResult.serverInfo?.name, 'tnote-language-server');
  });

  it('publishes diagnostics on didOpen with rule id, docs link, source, tight range and fix data', async () => {
    await client.open(URI, readExample('pt-afo-flawed.tnote'));
    const p = await client.waitForCurrentDiagnostics(URI);
    const [d] = byRule(p.diagnostics, 'missing-discipline-modifier');
    assert.ok(d, `expected missing-discipline-modifier among ${p.diagnostics.map((x) => x.code).join(', ')}`);
    assert.equal(d.source, 'tnote');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.deepEqual(d.range.start, { line: 9, character: 10 }); // the `97760` of the charge line
    const href = d.codeDescription!.href;
    assert.ok(href.startsWith('file://') && href.endsWith('/docs/rules/missing-discipline-modifier.md'), href);
    assert.equal(new URL(href).pathname, path.join(REPO_ROOT, 'docs/rules/missing-discipline-modifier.md'));
    const data = d.data as { version: number; fixes: { title: string; kind: string; edits: unknown[] }[] };
    assert.equal(data.version, 1);
    assert.equal(data.fixes[0].kind, 'safe');
    assert.ok(data.fixes[0].edits.length > 0);
  });

  it('updates diagnostics after an incremental change', async () => {
    await client.open(URI, readExample('pt-afo-flawed.tnote'));
    await client.waitForCurrentDiagnostics(URI, (p) => byRule(p.diagnostics, 'missing-discipline-modifier').length === 1);
    // Insert `    modifiers: [GP]` after `  - code: 97760` (line 10, 0-based 9).
    await client.change(URI, [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: '    modifiers: [GP]\n' }]);
    const p = await client.waitForCurrentDiagnostics(URI);
    assert.equal(p.version, 2);
    assert.equal(byRule(p.diagnostics, 'missing-discipline-modifier').length, 0);
  });

  it("publishes only for the newest version after a burst of changes, with that version's diagnostics", async () => {
    // A check waits for the note's settings (workspace/configuration) before it lints. Hold that
    // reply while 20 changes arrive: every waiting check but the newest must find its version
    // stale and publish nothing, and what is published must be the newest text's diagnostics.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    client.settings = () => {
      asked++;
      return held.then(() => ({}));
    };
    const text = readExample('pt-afo-flawed.tnote');
    const heading = text.split('\n').indexOf('## Instruction'); // 0-based line of a body finding
    assert.ok(heading > 20);
    await client.open(URI, text);
    // Each change inserts a line above the heading, so version v has the finding on heading + v - 1.
    const insertLine = () => client.change(URI, [{ range: { start: { line: 19, character: 0 }, end: { line: 19, character: 0 } }, text: '\n' }]);
    for (let i = 0; i < 20; i++) await insertLine();
    const newest = client.documents.get(URI)!.version;
    assert.equal(newest, 21);
    // The server handles messages in order: once it answers this request (about a note that is not
    // open, so it needs no settings), every change above has started its check.
    await withDeadline(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///virtual/not-open.tnote' }, position: { line: 0, character: 0 } }), 5000, 'hover');
    assert.ok(asked >= 1, 'the server never asked for settings, so no check was waiting');
    assert.deepEqual(
      client.publications.filter((p) => p.uri === URI),
      [],
      'published while the settings were held',
    );
    release();
    await client.waitForDiagnostics(URI, (p) => p.version === newest);
    // One more change, checked with the settings at hand, fences off any late stale publication.
    await insertLine();
    await client.waitForCurrentDiagnostics(URI);
    const published = client.publications.filter((p) => p.uri === URI);
    assert.deepEqual(
      published.map((p) => p.version),
      [newest, newest + 1],
    );
    for (const p of published) {
      const lines = byRule(p.diagnostics, 'missing-instruction-elements').map((d) => d.range.start.line);
      assert.deepEqual(lines, [heading + p.version! - 1], `version ${p.version} carries the diagnostics of another version`);
    }
  });

  it('survives documents that are not notes at all and keeps answering', async () => {
    const bad = [
      '',
      '---',
      '---\n: : :\n  - [\n---\n## \n',
      '\u0000\uFFFF\uD800 binary \r\r\n---\n',
      `---\ncharges: ${'['.repeat(200)}\n---\n`,
      '---\ncharges:\n  - code: 97760\n    modifiers: *x\n---\n## Device\nType: &a [1, *a]\n',
      fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
    ];
    for (let i = 0; i < bad.length; i++) {
      const uri = `file:///virtual/bad-${i}.tnote`;
      await client.open(uri, bad[i]);
      await client.waitForCurrentDiagnostics(uri);
    }
    await client.open(URI, readExample('pt-afo-flawed.tnote'));
    const p = await client.waitForCurrentDiagnostics(URI);
    assert.ok(p.diagnostics.length > 0);
  });

  it('never logs note text', async () => {
    const secret = 'MRN-PRIVATE-31337';
    const text = readExample('pt-afo-flawed.tnote').replace('MRN-006127', secret).replace('Left toe catch', 'Confidential narrative xyzzy');
    await client.open(URI, text);
    await client.waitForCurrentDiagnostics(URI);
    await client.open('file:///virtual/broken.tnote', `---\npatient: ${secret}\n  bad: [\n---\nConfidential narrative xyzzy\n`);
    await client.waitForCurrentDiagnostics('file:///virtual/broken.tnote');
    const logs = client.logMessages.join('\n') + client.stderr;
    assert.ok(!logs.includes(secret) && !logs.includes('xyzzy'), 'a log line carried note text');
  });

  it('clears diagnostics on close', async () => {
    await client.open(URI, readExample('pt-afo-flawed.tnote'));
    await client.waitForCurrentDiagnostics(URI, (p) => p.diagnostics.length > 0);
    await client.close(URI);
    await client.waitForDiagnostics(URI, (p) => p.diagnostics.length === 0);
  });

  it('shuts down and exits with code 0', async () => {
    assert.equal(await client.stop(), 0);
  });
});
