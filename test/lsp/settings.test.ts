/** Settings (section `tnote`, pulled per resource): rule severities, run on save, config file; didChangeConfiguration re-validates. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity, DidChangeConfigurationNotification } from 'vscode-languageserver-protocol/node';
import { LspTestClient, readExample } from './helpers/lspClient';

const URI = 'file:///virtual/settings.tnote';
const RULE = 'missing-discipline-modifier';

describe('LSP: settings', function () {
  let client: LspTestClient;
  let settings: Record<string, unknown>;
  const scopes: (string | undefined)[] = [];
  beforeEach(async () => {
    settings = {};
    scopes.length = 0;
    client = await LspTestClient.start({
      settings: (scope) => {
        scopes.push(scope);
        return settings;
      },
    });
  });
  afterEach(() => client.kill());

  it('pulls settings for the note’s own URI and re-validates on didChangeConfiguration', async () => {
    await client.open(URI, readExample('pt-afo-flawed.tnote'));
    const before = await client.waitForCurrentDiagnostics(URI);
    assert.equal(before.diagnostics.find((d) => d.code === RULE)?.severity, DiagnosticSeverity.Error);
    assert.ok(scopes.includes(URI), 'settings requested with the note as scope');
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));

    settings = { rules: { [RULE]: 'warning' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const warned = await client.waitForCurrentDiagnostics(URI, (p) => p.diagnostics.find((d) => d.code === RULE)?.severity === DiagnosticSeverity.Warning);
    assert.ok(warned);

    settings = { rules: { [RULE]: 'off' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitForCurrentDiagnostics(URI, (p) => !p.diagnostics.some((d) => d.code === RULE));
  });

  it('with tnote.run = onSave checks on open and save, not on change', async () => {
    settings = { run: 'onSave' };
    await client.open(URI, readExample('pt-afo-flawed.tnote'));
    await client.waitForCurrentDiagnostics(URI, (p) => p.diagnostics.some((d) => d.code === RULE));
    await client.change(URI, [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: '    modifiers: [GP]\n' }]);
    await client.save(URI);
    const p = await client.waitForCurrentDiagnostics(URI);
    assert.equal(p.version, 2);
    assert.ok(!p.diagnostics.some((d) => d.code === RULE));
    // A further change without a save publishes nothing for version 3; the save of version 4 does.
    await client.change(URI, [{ range: { start: { line: 30, character: 0 }, end: { line: 30, character: 0 } }, text: 'x' }]);
    await client.change(URI, [{ range: { start: { line: 30, character: 0 }, end: { line: 30, character: 1 } }, text: '' }]);
    await client.save(URI);
    const saved = await client.waitForCurrentDiagnostics(URI);
    assert.equal(saved.version, 4);
  });

  it('tnote.configFile points at a config file whose rule settings apply', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-lsp-cfg-'));
    try {
      const cfg = path.join(dir, 'team.tnoterc.yaml');
      fs.writeFileSync(cfg, `rules:\n  ${RULE}: info\n`);
      settings = { configFile: cfg };
      await client.open(URI, readExample('pt-afo-flawed.tnote'));
      const p = await client.waitForCurrentDiagnostics(URI);
      assert.equal(p.diagnostics.find((d) => d.code === RULE)?.severity, DiagnosticSeverity.Information);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ignores malformed settings', async () => {
    settings = { run: 42, profile: 'nope', rules: { [RULE]: 'loud', other: null }, configFile: 7 };
    await client.open(URI, readExample('pt-afo-flawed.tnote'));
    const p = await client.waitForCurrentDiagnostics(URI);
    assert.equal(p.diagnostics.find((d) => d.code === RULE)?.severity, DiagnosticSeverity.Error);
  });
});
