/** Quick fix → apply → diagnostic gone; fix all of a rule; source.fixAll.tnote; disable for this line; rule docs. */
import * as assert from 'node:assert/strict';
import { CodeActionRequest, CodeActionResolveRequest, ExecuteCommandRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { CLIENT_CAPABILITIES, LspTestClient, readExample, withDeadline } from './helpers/lspClient';

const URI = 'file:///virtual/actions.tnote';
const RULE = 'missing-discipline-modifier';

describe('LSP: code actions', function () {
  let client: LspTestClient;
  beforeEach(async () => {
    client = await LspTestClient.start();
  });
  afterEach(() => client.kill());

  async function actionsFor(d: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    const r = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d], only } });
    return (r ?? []) as CodeAction[];
  }

  async function openFlawed(): Promise<Diagnostic> {
    await client.open(URI, readExample('pt-afo-flawed.tnote'));
    const p = await client.waitForCurrentDiagnostics(URI);
    const d = p.diagnostics.find((x) => x.code === RULE);
    assert.ok(d, 'no missing-discipline-modifier diagnostic');
    return d;
  }

  it('lists a fix shared by several diagnostics once, and orders fixes, fix-all, docs, then suppression', async () => {
    const text = readExample('pt-afo-clean.tnote').replace(/\n## Instruction\n[\s\S]*?\n## /, '\n## ');
    await client.open(URI, text);
    const p = await client.waitForCurrentDiagnostics(URI);
    const missing = p.diagnostics.filter((x) => x.code === 'missing-instruction-elements');
    assert.equal(missing.length, 3, 'one diagnostic per missing part');
    const r = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: missing[0].range, context: { diagnostics: missing } })) as CodeAction[];
    const inserts = r.filter((a) => a.title === 'Insert an Instruction section');
    assert.equal(inserts.length, 1, r.map((a) => a.title).join(' | '));
    assert.equal(inserts[0].diagnostics?.length, 3);
    const kindOf = (a: CodeAction) => (a.command ? 2 : a.title.startsWith('Disable') ? 3 : a.title.startsWith('Fix all') ? 1 : 0);
    const order = r.map(kindOf);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      r.map((a) => a.title).join(' | '),
    );
  });

  it('offers the preferred quick fix from the diagnostic data; applying it removes the diagnostic', async () => {
    const d = await openFlawed();
    const actions = await actionsFor(d);
    const fix = actions.find((a) => a.title === 'Add modifier GP');
    assert.ok(fix, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.ok(client.applyWorkspaceEdit(fix.edit!));
    const p = await client.waitForCurrentDiagnostics(URI);
    assert.equal(p.diagnostics.filter((x) => x.code === RULE).length, 0);
    assert.match(client.documents.get(URI)!.getText(), /modifiers: \[GP\]/);
  });

  it('offers "Disable <rule> for this line" that inserts a front-matter suppression comment', async () => {
    const d = await openFlawed();
    const disable = (await actionsFor(d)).find((a) => a.title === `Disable ${RULE} for this line`);
    assert.ok(disable?.edit);
    assert.ok(client.applyWorkspaceEdit(disable.edit));
    const p = await client.waitForCurrentDiagnostics(URI);
    assert.equal(p.diagnostics.filter((x) => x.code === RULE).length, 0);
    assert.match(client.documents.get(URI)!.getText(), new RegExp(`\\n  # tnote-disable-next-line ${RULE}\\n  - code: 97760`));
  });

  it('inserts an HTML suppression comment above a body line', async () => {
    await client.open(URI, readExample('pt-afo-flawed.tnote'));
    const p = await client.waitForCurrentDiagnostics(URI);
    const body = p.diagnostics.find((x) => x.code === 'missing-instruction-elements');
    assert.ok(body, 'no missing-instruction-elements diagnostic');
    const disable = (await actionsFor(body)).find((a) => a.title === 'Disable missing-instruction-elements for this line');
    assert.ok(client.applyWorkspaceEdit(disable!.edit!));
    const after = await client.waitForCurrentDiagnostics(URI);
    assert.equal(after.diagnostics.filter((x) => x.code === 'missing-instruction-elements').length, 0);
    assert.match(client.documents.get(URI)!.getText(), /<!-- tnote-disable-next-line missing-instruction-elements -->\n## Instruction/);
  });

  it('"Show documentation" runs a command that opens the rule page', async () => {
    const d = await openFlawed();
    const show = (await actionsFor(d)).find((a) => a.command?.command === 'tnote.showRuleDocumentation');
    assert.ok(show?.command);
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: show.command.command, arguments: show.command.arguments });
    assert.ok(client.shownDocuments.some((u) => u.endsWith(`/docs/rules/${RULE}.md`)));
  });

  it('offers "Fix all <rule> problems in this note" when a rule has several fixable findings', async () => {
    const text = readExample('pt-afo-flawed.tnote').replace('  - code: L1971\n', '  - code: 97110\n    units: 1\n    minutes: 10\n  - code: L1971\n');
    await client.open(URI, text);
    const p = await client.waitForCurrentDiagnostics(URI);
    const diags = p.diagnostics.filter((x) => x.code === RULE);
    assert.equal(diags.length, 2);
    const all = (await actionsFor(diags[0])).find((a) => a.title === `Fix all ${RULE} problems in this note`);
    assert.ok(all?.edit);
    assert.ok(client.applyWorkspaceEdit(all.edit));
    const after = await client.waitForCurrentDiagnostics(URI);
    assert.equal(after.diagnostics.filter((x) => x.code === RULE).length, 0);
  });

  it('source.fixAll.tnote applies every safe fix until stable', async () => {
    await client.open(URI, readExample('pt-afo-flawed.tnote'));
    const before = await client.waitForCurrentDiagnostics(URI);
    const safeBefore = before.diagnostics.filter((d) => (d.data as { fixes: { kind: string }[] }).fixes.some((f) => f.kind === 'safe'));
    assert.ok(safeBefore.length >= 1);
    const r = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.tnote'] },
    })) as CodeAction[];
    assert.equal(r.length, 1);
    assert.equal(r[0].kind, 'source.fixAll.tnote');
    assert.ok(client.applyWorkspaceEdit(r[0].edit!));
    const after = await client.waitForCurrentDiagnostics(URI);
    const safeAfter = after.diagnostics.filter((d) => (d.data as { fixes: { kind: string }[] }).fixes.some((f) => f.kind === 'safe'));
    assert.deepEqual(
      safeAfter.map((d) => d.code),
      [],
    );
    assert.equal(after.diagnostics.filter((x) => x.code === RULE).length, 0);
  });

  it('the tnote.server.fixAll command applies the same edit through workspace/applyEdit', async () => {
    await openFlawed();
    const result = await withDeadline(client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'tnote.server.fixAll', arguments: [URI] }), 5000, 'fixAll command');
    // Three safe fixes applied; two problems (a scaffold, a choice of dates) are left to fix one by one.
    assert.deepEqual(result, { applied: true, fixed: 3, needChoice: 2 });
    const after = await client.waitForCurrentDiagnostics(URI);
    assert.equal(after.diagnostics.filter((x) => x.code === RULE).length, 0);
  });

  /** Restarts the server with a client that resolves code actions' edits (as VS Code does). */
  async function restartResolving(): Promise<void> {
    client.kill();
    const codeAction = { ...CLIENT_CAPABILITIES.textDocument!.codeAction!, dataSupport: true, resolveSupport: { properties: ['edit'] } };
    client = await LspTestClient.start({ capabilities: { ...CLIENT_CAPABILITIES, textDocument: { ...CLIENT_CAPABILITIES.textDocument, codeAction } } });
  }

  it('asked for quick fixes only, it does not compute fix-all: a resolving client gets the edit on codeAction/resolve', async () => {
    await restartResolving();
    const d = await openFlawed();
    const actions = await actionsFor(d, ['quickfix']);
    assert.ok(actions.length > 0 && actions.every((a) => a.kind === 'quickfix'), actions.map((a) => `${a.kind} ${a.title}`).join(' | '));
    assert.ok(actions.find((a) => a.title === 'Add modifier GP')?.edit, 'a fix read from the diagnostic comes with its edit');
    // The note has three safe fixes (GP, the units, LT on the L-code), so the menu lists "Fix all 3 …"; its edit (up to five re-lints)
    // is not computed until the user picks it.
    const fixAll = actions.filter((a) => a.title.startsWith('Fix all'));
    assert.deepEqual(
      fixAll.map((a) => a.title),
      ['Fix all 3 auto-fixable problems in this note'],
    );
    assert.equal(fixAll[0].edit, undefined, 'the fix-all edit was computed for a quick-fix request');
    assert.ok(fixAll[0].data);
    // Listed without `only` (the light bulb), the source action is deferred too; asked for
    // explicitly (on save), it comes with its edit.
    const listed = await actionsFor(d);
    assert.ok(listed.filter((a) => a.kind === 'source.fixAll.tnote' || a.title.startsWith('Fix all')).every((a) => a.edit === undefined && a.data));
    const explicit = await actionsFor(d, ['source.fixAll.tnote']);
    assert.equal(explicit.length, 1);
    assert.ok(explicit[0].edit);
    const resolved = await withDeadline<CodeAction>(client.connection.sendRequest(CodeActionResolveRequest.type, fixAll[0]), 5000, 'codeAction/resolve');
    assert.deepEqual(resolved.edit, explicit[0].edit, 'resolving gives the same edit as the source action');
    assert.ok(client.applyWorkspaceEdit(resolved.edit));
    const after = await client.waitForCurrentDiagnostics(URI);
    assert.deepEqual(
      after.diagnostics.filter((x) => (x.data as { fixes: { kind: string }[] }).fixes.some((f) => f.kind === 'safe')).map((x) => x.code),
      [],
    );
  });

  it('a resolving client gets "Fix all <rule> problems" without its edit, and resolving it fixes that rule', async () => {
    await restartResolving();
    const text = readExample('pt-afo-flawed.tnote').replace('  - code: L1971\n', '  - code: 97110\n    units: 1\n    minutes: 10\n  - code: L1971\n');
    await client.open(URI, text);
    const p = await client.waitForCurrentDiagnostics(URI);
    const diags = p.diagnostics.filter((x) => x.code === RULE);
    assert.equal(diags.length, 2);
    const all = (await actionsFor(diags[0], ['quickfix'])).find((a) => a.title === `Fix all ${RULE} problems in this note`);
    assert.ok(all && all.edit === undefined && all.data, 'listed with data, without its edit');
    const resolved = await withDeadline<CodeAction>(client.connection.sendRequest(CodeActionResolveRequest.type, all), 5000, 'codeAction/resolve');
    assert.ok(client.applyWorkspaceEdit(resolved.edit!));
    const after = await client.waitForCurrentDiagnostics(URI);
    assert.equal(after.diagnostics.filter((x) => x.code === RULE).length, 0);
    assert.ok(
      after.diagnostics.some((x) => x.code === 'missing-instruction-elements'),
      "only the rule's own problems were fixed",
    );
  });
});
