/**
 * Workspace index: a workspace rule across two notes on disk (only one open), file watching
 * (dynamic registration + didChangeWatchedFiles), indexing progress and "check all notes".
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, ExecuteCommandRequest, FileChangeType } from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../helpers/paths';
import { fileUri, LspTestClient } from './helpers/lspClient';

const CLEAN = fs.readFileSync(path.join(REPO_ROOT, 'test', 'lsp', 'fixtures', 'clean-97760-pt.tnote'), 'utf8');
const RULE = 'repeat-initial-encounter';

describe('LSP: workspace index', function () {
  let dir: string;
  let client: LspTestClient;
  let earlier: string;
  let later: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-lsp-ws-'));
    fs.mkdirSync(path.join(dir, 'notes', 'november'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    earlier = path.join(dir, 'notes', 'november', 'first.tnote');
    later = path.join(dir, 'notes', 'second.tnote');
    fs.writeFileSync(earlier, CLEAN);
    fs.writeFileSync(later, CLEAN.replace(/2026-11-20/g, '2026-12-01'));
    // Notes under node_modules are never indexed.
    fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', 'ignored.tnote'), CLEAN.replace(/2026-11-20/g, '2026-10-01'));
    client = await LspTestClient.start({ workspaceFolders: [dir], initializationOptions: { progressThreshold: 1 } });
  });
  afterEach(() => {
    client.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports the later 97760 against the earlier note on disk, with related information', async () => {
    const uri = fileUri(later);
    await client.open(uri, fs.readFileSync(later, 'utf8'));
    const p = await client.waitForCurrentDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === RULE));
    const d = p.diagnostics.find((x) => x.code === RULE)!;
    assert.equal(d.relatedInformation?.length, 1);
    assert.equal(d.relatedInformation[0].location.uri, fileUri(earlier));
    assert.equal(d.relatedInformation[0].location.range.start.line, 9); // `  - code: 97760` of the earlier note
    assert.ok(client.progressTokens.length >= 1, 'indexing reported work-done progress');
  });

  it('registers file watchers and follows changes on disk', async () => {
    const uri = fileUri(later);
    await client.open(uri, fs.readFileSync(later, 'utf8'));
    await client.waitForCurrentDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === RULE));
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.ok(watch, 'didChangeWatchedFiles registered dynamically');
    assert.ok(JSON.stringify(watch.registerOptions).includes('*.tnote'));
    // The earlier note now belongs to another patient: the finding goes away.
    fs.writeFileSync(earlier, CLEAN.replace('MRN-004211', 'MRN-999999'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(earlier), type: FileChangeType.Changed }] });
    await client.waitForCurrentDiagnostics(uri, (x) => !x.diagnostics.some((d) => d.code === RULE));
    // Back to the same patient, then deleted.
    fs.writeFileSync(earlier, CLEAN);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(earlier), type: FileChangeType.Changed }] });
    await client.waitForCurrentDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === RULE));
    fs.rmSync(earlier);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(earlier), type: FileChangeType.Deleted }] });
    await client.waitForCurrentDiagnostics(uri, (x) => !x.diagnostics.some((d) => d.code === RULE));
  });

  it('an open note replaces its copy on disk', async () => {
    const uri = fileUri(later);
    await client.open(uri, fs.readFileSync(later, 'utf8'));
    await client.waitForCurrentDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === RULE));
    const e = fileUri(earlier);
    const text = fs.readFileSync(earlier, 'utf8');
    await client.open(e, text);
    // Unsaved edit in the earlier note: another patient.
    const line = text.split('\n').findIndex((l) => l.startsWith('patient:'));
    await client.change(e, [{ range: { start: { line, character: 9 }, end: { line, character: 19 } }, text: 'MRN-777777' }]);
    await client.waitForDiagnostics(uri, (x) => !x.diagnostics.some((d) => d.code === RULE));
  });

  it('"check all notes" publishes diagnostics for notes that are not open and returns totals', async () => {
    const totals = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'tnote.server.checkWorkspace', arguments: [] })) as { notes: number; warnings: number };
    assert.equal(totals.notes, 2);
    assert.ok(totals.warnings >= 1);
    const p = await client.waitForDiagnostics(fileUri(later), (x) => x.diagnostics.some((d) => d.code === RULE));
    assert.equal(p.version, undefined);
    await client.waitForDiagnostics(fileUri(earlier), (x) => x.diagnostics.length === 0);
  });
});
