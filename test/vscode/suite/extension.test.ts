/**
 * End-to-end in a real VS Code: diagnostics on an example note, a quick fix, a snippet and the
 * outline. Waits on `languages.onDidChangeDiagnostics` with deadlines, never fixed sleeps.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const ROOT = process.env.TNOTE_REPO_ROOT ?? path.resolve(__dirname, '..', '..', '..');

function exampleUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const inWorkspace = folder ? path.join(folder.uri.fsPath, name) : undefined;
  return vscode.Uri.file(inWorkspace && fs.existsSync(inWorkspace) ? inWorkspace : path.join(ROOT, 'examples', name));
}

function ruleOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

/** Resolves when the URI's diagnostics satisfy `predicate` (checked now and on every change). */
function waitForDiagnostics(uri: vscode.Uri, predicate: (ds: vscode.Diagnostic[]) => boolean, ms = 20000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (predicate(ds)) {
        sub.dispose();
        clearTimeout(timer);
        resolve(ds);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`deadline of ${ms} ms passed waiting for diagnostics of ${uri.fsPath}: ${vscode.languages.getDiagnostics(uri).map(ruleOf).join(', ')}`));
    }, ms);
    check();
  });
}

describe('Therapy Notes in VS Code', () => {
  afterEach(async () => {
    // Revert before closing, so no "save changes?" dialog can block the run.
    for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('gives .tnote files the therapy-note language and shows the expected diagnostics', async () => {
    const uri = exampleUri('pt-afo-flawed.tnote');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'therapy-note');
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => ruleOf(d) === 'missing-discipline-modifier'));
    const d = ds.find((x) => ruleOf(x) === 'missing-discipline-modifier')!;
    assert.equal(d.source, 'tnote');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    const code = d.code as { value: string; target: vscode.Uri };
    assert.ok(code.target.path.endsWith('/docs/rules/missing-discipline-modifier.md'));
  });

  it('applies a quick fix and the diagnostic goes away', async () => {
    const uri = exampleUri('pt-afo-flawed.tnote');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const ds = await waitForDiagnostics(uri, (x) => x.some((d) => ruleOf(d) === 'missing-discipline-modifier'));
    const d = ds.find((x) => ruleOf(x) === 'missing-discipline-modifier')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Add modifier GP');
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(fix.isPreferred);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(uri, (x) => !x.some((y) => ruleOf(y) === 'missing-discipline-modifier'));
    assert.match(doc.getText(), /modifiers: \[GP\]/);
  });

  it('expands a whole-note snippet whose placeholders are then flagged', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'therapy-note', content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', 'tnote.code-snippets.json'), 'utf8')) as Record<string, { body: string[] | string }>;
    const [name] = Object.entries(snippets).find(([, s]) => (Array.isArray(s.body) ? s.body.join('\n') : s.body).includes('code: 97760'))!;
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'therapy-note', name });
    assert.match(editor.document.getText(), /^---\n[\s\S]*code: 97760[\s\S]*## Device/);
    await waitForDiagnostics(doc.uri, (x) => x.some((d) => ruleOf(d) === 'unresolved-placeholder'));
  });

  it('shows the sections in the outline', async () => {
    const uri = exampleUri('pt-afo-clean.tnote');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    // The outline provider appears once the language server is up: poll with a deadline.
    const deadline = Date.now() + 20000;
    let symbols: vscode.DocumentSymbol[] = [];
    while (symbols.length === 0) {
      assert.ok(Date.now() < deadline, 'deadline passed waiting for document symbols');
      symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
      if (symbols.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    const names = symbols.map((s) => s.name);
    for (const s of ['Device', 'Instruction', 'Signature']) assert.ok(names.includes(s), names.join(', '));
  });
});
