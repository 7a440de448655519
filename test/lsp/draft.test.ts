/**
 * From template to signed note over LSP, through the real server: `tnote/noteItems` (next item),
 * `tnote/checklist`, `tnote/finalizeCheck`, the `tnote.server.finalize` command, the status-bar
 * summary, and "fix all" that agrees between the command and the light bulb.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeActionRequest, ExecuteCommandRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ChecklistRequest, FinalizeCheckRequest, NoteFromTemplateRequest, NoteItemsRequest, NoteSummaryRequest, ServerCommand, type FinalizeResult, type FixAllResult } from '../../shared/protocol';
import { REPO_ROOT } from '../helpers/paths';
import { LspTestClient, readExample, withDeadline } from './helpers/lspClient';

const URI = 'file:///virtual/draft.tnote';
const FILL = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'e2e', 'template-fill.json'), 'utf8')) as { fill: [string, string][] }).fill.map(([re, v]) => [new RegExp(re, 'i'), v] as const);

function draft(): string {
  return fs.readFileSync(path.join(REPO_ROOT, 'templates', '97760-pt.tnote'), 'utf8').replace(/^status: template$/m, 'status: draft');
}

describe('LSP: draft, checklist and finalize', function () {
  let client: LspTestClient;
  beforeEach(async () => {
    client = await LspTestClient.start();
  });
  afterEach(() => client.kill());

  async function openDraft(text = draft()): Promise<void> {
    await client.open(URI, text);
    await client.waitForCurrentDiagnostics(URI);
  }

  it('a draft from the template: no error or warning; the summary counts the items left', async () => {
    await openDraft();
    const p = await client.waitForCurrentDiagnostics(URI);
    assert.deepEqual(
      p.diagnostics.filter((d) => d.severity !== 3).map((d) => d.code),
      [],
    );
    const summary = await client.connection.sendRequest(NoteSummaryRequest.type, { uri: URI });
    assert.ok(summary);
    assert.equal(summary.status, 'draft');
    assert.equal(summary.title, '97760 note');
    const items = await client.connection.sendRequest(NoteItemsRequest.type, { uri: URI });
    assert.ok(items);
    assert.equal(summary.itemsLeft, items.items.length);
    assert.ok(summary.itemsLeft > 20);
  });

  it('tnote/noteItems: placeholders in reading order, each range exactly the placeholder; typing over one removes it', async () => {
    await openDraft();
    const r = await client.connection.sendRequest(NoteItemsRequest.type, { uri: URI });
    assert.ok(r);
    const doc = client.documents.get(URI)!;
    assert.equal(r.version, doc.version);
    const texts = r.items.map((i) => doc.getText(i.range));
    assert.ok(
      texts.every((t) => /^(?:\{\{[^{}]*\}\}|\$\{[^}]*\})$/.test(t)),
      texts.join(' | '),
    );
    const lines = r.items.map((i) => i.range.start.line);
    assert.deepEqual(
      lines,
      [...lines].sort((a, b) => a - b),
    );
    assert.equal(doc.getText(r.items[0].range), '{{patient MRN}}');
    const safety = r.items.find((i) => i.label.startsWith('skin checks'))!;
    assert.deepEqual(safety.rules, ['missing-instruction-elements']);
    // Replace the first item as typing over the selection would.
    await client.change(URI, [{ range: r.items[0].range, text: 'MRN-1' }]);
    await client.waitForCurrentDiagnostics(URI);
    const after = await client.connection.sendRequest(NoteItemsRequest.type, { uri: URI });
    assert.equal(after!.items.length, r.items.length - 1);
    assert.equal(after!.version, client.documents.get(URI)!.version);
  });

  it('tnote/checklist: the elements of a 97760 note and the claim, without raw placeholders', async () => {
    await openDraft();
    const c = await client.connection.sendRequest(ChecklistRequest.type, { uri: URI });
    assert.ok(c);
    assert.equal(c.title, '97760 note');
    assert.ok(c.elements.length >= 15);
    assert.ok(c.elements.every((e) => e.state === 'todo'));
    const safety = c.elements.find((e) => e.id === 'instruction-safety')!;
    assert.equal(safety.group, 'Instruction');
    assert.ok(safety.target?.placeholder);
    assert.equal(client.documents.get(URI)!.getText(safety.target.range), '{{skin checks and precautions; when to stop wearing and call}}');
    assert.ok(c.claim.some((r) => r.label === 'L-code: to fill (modifiers: to fill) × 1 unit'));
    assert.ok(c.claim.every((r) => !/\{\{|\$\{/.test(r.label)));
  });

  it('tnote/checklist: a finished note, every element done, the claim with the 8-minute-rule arithmetic', async () => {
    await openDraft(readExample('pt-afo-clean.tnote'));
    const c = await client.connection.sendRequest(ChecklistRequest.type, { uri: URI });
    assert.ok(c);
    assert.equal(c.status, 'final');
    assert.deepEqual(
      c.elements.filter((e) => e.state !== 'done').map((e) => e.id),
      [],
    );
    assert.deepEqual(c.claim.map((r) => r.label).slice(0, 2), ['97760-GP × 2 units (32 min)', 'L1971-RT × 1 unit']);
    assert.ok(c.claim.some((r) => r.label === '8-minute rule: 32 timed min → 2 units (as billed)'));
    assert.equal(c.itemsLeft, 0);
  });

  it('a wrong modifier typed into the draft is an error at once, and its claim line and element are wrong', async () => {
    await openDraft();
    const doc = client.documents.get(URI)!;
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l === '    modifiers: [GP]');
    await client.change(URI, [{ range: { start: { line, character: 16 }, end: { line, character: 18 } }, text: 'GO' }]);
    const p = await client.waitForCurrentDiagnostics(URI);
    const d = p.diagnostics.find((x) => x.code === 'discipline-modifier-mismatch');
    assert.ok(d, p.diagnostics.map((x) => x.code).join(', '));
    assert.equal(d.severity, 1);
    const c = await client.connection.sendRequest(ChecklistRequest.type, { uri: URI });
    assert.equal(c!.claim[0].state, 'wrong');
  });

  it('tnote/finalizeCheck on the unfilled draft: not ready, with the remaining errors and warnings; nothing changes', async () => {
    await openDraft();
    const before = client.documents.get(URI)!.getText();
    const r = await client.connection.sendRequest(FinalizeCheckRequest.type, { uri: URI, date: '2026-11-21' });
    assert.ok(r);
    assert.equal(r.ready, false);
    assert.equal(r.status, 'draft');
    assert.equal(r.statusEdit, undefined);
    assert.ok(r.remaining.length > 10);
    assert.ok(r.remaining.some((x) => x.ruleId === 'missing-instruction-elements' && x.severity === 'warning'));
    assert.ok(r.remaining.some((x) => x.severity === 'error'));
    assert.equal(client.documents.get(URI)!.getText(), before);
  });

  it('filled in item by item and finalized: status: final, the signature dated only on request, no problem left', async () => {
    await openDraft();
    // Fill every item, first to last, re-asking the server after each (as Next Item does).
    for (let guard = 0; guard < 100; guard++) {
      const r = await client.connection.sendRequest(NoteItemsRequest.type, { uri: URI });
      const item = r!.items[0];
      if (!item) break;
      assert.equal(item.kind, 'placeholder');
      const value = FILL.find(([re]) => re.test(item.label))?.[1];
      assert.ok(value, `no value for ${item.label}`);
      await client.change(URI, [{ range: item.range, text: value }]);
      await client.waitForCurrentDiagnostics(URI);
    }
    // Leave the signature undated, to see the offer.
    const doc = client.documents.get(URI)!;
    const signed = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('Signed:'));
    await client.change(URI, [{ range: { start: { line: signed, character: 'Signed: Alex Rivera, PT, DPT'.length }, end: { line: signed, character: 1000 } }, text: '' }]);
    await client.waitForCurrentDiagnostics(URI);
    const r = await client.connection.sendRequest(FinalizeCheckRequest.type, { uri: URI, date: '2026-11-21' });
    assert.ok(r);
    assert.deepEqual(
      r.remaining.map((x) => `${x.ruleId}: ${x.message}`),
      [],
    );
    assert.ok(r.ready && r.statusEdit && r.signatureDateEdit);
    const text = TextDocument.applyEdits(client.documents.get(URI)!, [r.statusEdit, r.signatureDateEdit]);
    assert.match(text, /^---\nstatus: final\n/);
    assert.match(text, /^Signed: Alex Rivera, PT, DPT — 2026-11-21$/m);
    // Through the command (editors without the VS Code client): applies the status only.
    const result = (await withDeadline(client.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommand.finalize, arguments: [URI] }), 5000, 'finalize')) as FinalizeResult;
    assert.equal(result.applied, true);
    const p = await client.waitForCurrentDiagnostics(URI);
    assert.deepEqual(p.diagnostics, []);
    assert.match(client.documents.get(URI)!.getText(), /^---\nstatus: final\n[\s\S]*^Signed: Alex Rivera, PT, DPT$/m);
    const summary = await client.connection.sendRequest(NoteSummaryRequest.type, { uri: URI });
    assert.equal(summary!.status, 'final');
    assert.equal(summary!.itemsLeft, 0);
  });

  it('the finalize command leaves a note that is not ready as it is', async () => {
    await openDraft();
    const result = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommand.finalize, arguments: [URI] })) as FinalizeResult;
    assert.equal(result.ready, false);
    assert.equal(result.applied, false);
    assert.match(client.documents.get(URI)!.getText(), /^status: draft$/m);
  });

  it('tnote/noteFromTemplate: the template as a draft, and as a snippet of tab stops', async () => {
    const template = fs.readFileSync(path.join(REPO_ROOT, 'templates', '97760-pt.tnote'), 'utf8');
    const r = await client.connection.sendRequest(NoteFromTemplateRequest.type, { text: template });
    assert.ok(r);
    assert.equal(r.text, draft());
    assert.match(r.snippet, /^---\nstatus: draft\npatient: "\$\{1:\{\{patient MRN\\\}\\\}\}"\n/);
    assert.equal(await client.connection.sendRequest(NoteFromTemplateRequest.method, { text: 5 }), null);
    assert.equal(await client.connection.sendRequest(NoteFromTemplateRequest.method, null), null);
  });

  it('the requests answer null for a note the server does not have, and for malformed parameters', async () => {
    for (const method of [NoteItemsRequest.method, ChecklistRequest.method, FinalizeCheckRequest.method]) {
      assert.equal(await client.connection.sendRequest(method, { uri: 'file:///virtual/not-open.tnote' }), null);
      assert.equal(await client.connection.sendRequest(method, { uri: 7 }), null);
      assert.equal(await client.connection.sendRequest(method, null), null);
    }
  });

  it('fix all agrees: the light bulb offers no "Fix all" for fixes that need a choice, and the command says so', async () => {
    // Three missing Instruction fields: each finding's fix inserts its own placeholder line (a scaffold).
    const text = readExample('pt-afo-clean.tnote').replace(/^(Use|Care|Safety):.*\n/gm, '');
    await openDraft(text);
    const p = await client.waitForCurrentDiagnostics(URI);
    const missing = p.diagnostics.filter((x) => x.code === 'missing-instruction-elements');
    assert.equal(missing.length, 3);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: missing[0].range, context: { diagnostics: missing } })) as CodeAction[];
    assert.ok(
      actions.some((a) => a.title.startsWith('Insert')),
      'each problem keeps its own fix',
    );
    assert.deepEqual(
      actions.filter((a) => a.title.startsWith('Fix all')).map((a) => a.title),
      [],
    );
    const r = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommand.fixAll, arguments: [URI] })) as FixAllResult;
    assert.deepEqual(r, { applied: false, fixed: 0, needChoice: 3 });
    // With safe fixes the command applies what the light bulb's "Fix all 3 …" lists.
    await client.close(URI);
    await openDraft(readExample('pt-afo-flawed.tnote'));
    const flawed = await client.waitForCurrentDiagnostics(URI);
    const listed = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: flawed.diagnostics[0].range,
      context: { diagnostics: flawed.diagnostics },
    })) as CodeAction[];
    assert.ok(listed.some((a) => a.title === 'Fix all 3 auto-fixable problems in this note'));
    const applied = (await client.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommand.fixAll, arguments: [URI] })) as FixAllResult;
    assert.equal(applied.applied, true);
    assert.equal(applied.fixed, 3);
  });
});
