/**
 * Language features in a real VS Code: completion, hover, the outline, and the
 * "New Therapy Note from Template…" command (its quick pick, and its template-id argument).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, expectHoverOn97760, lineOf, newNoteFromFirstTemplate, openNote, poll, ROOT, ruleOf, waitForDiagnostics, workspaceDir } from '../helpers';

function labels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

describe('language features', () => {
  afterEach(closeAll);

  it("completion at a charge's modifiers: offers GP (and not GO) on a PT note", async () => {
    const { doc, editor, uri } = await openNote('pt-afo-flawed.tnote');
    const region = lineOf(doc, /^ {4}region: lower$/);
    assert.ok(await editor.edit((b) => b.insert(doc.lineAt(region).range.end, '\n    modifiers: ')));
    const pos = new vscode.Position(region + 1, '    modifiers: '.length);
    assert.equal(doc.lineAt(pos.line).text, '    modifiers: ');
    // The provider answers once the server is up; poll with a deadline.
    const list = await poll('modifier completions', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos);
      return labels(l).length > 0 ? l : undefined;
    });
    const got = labels(list);
    assert.ok(got.includes('GP'), `completions: ${got.join(', ')}`);
    assert.ok(!got.includes('GO') && !got.includes('GN'), `another discipline's modifier offered: ${got.join(', ')}`);
    const gp = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'GP')!;
    assert.match(String(gp.detail), /physical therapy/i);
  });

  it('hover on 97760 shows our description', async () => {
    const text = await expectHoverOn97760('pt-afo-clean.tnote');
    assert.match(text, /orthosis management and training, first encounter/);
  });

  it('shows the sections in the outline', async () => {
    const { uri } = await openNote('pt-afo-clean.tnote');
    const symbols = await poll('document symbols', async () => {
      const s = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
      return s.length ? s : undefined;
    });
    const names = symbols.map((s) => s.name);
    for (const s of ['Device', 'Instruction', 'Signature']) assert.ok(names.includes(s), names.join(', '));
  });

  it('"New Therapy Note from Template…" creates a note from the template picked in its quick pick', async () => {
    // Accepts the quick pick's first item.
    const doc = await newNoteFromFirstTemplate();
    assert.ok(doc, 'the command created a document');
    assert.equal(doc.isUntitled, true);
    assert.equal(doc.languageId, 'therapy-note');
    assert.equal(vscode.window.activeTextEditor?.document, doc);
    // The template's text, as a draft (the workspace has no templates/ of its own, so the first entry is a built-in one).
    const template = fs.readFileSync(path.join(ROOT, 'templates', '97760-ot.tnote'), 'utf8');
    assert.match(template, /^status: template$/m);
    assert.equal(doc.getText(), template.replace(/^status: template$/m, 'status: draft'));
    await waitForDiagnostics(doc.uri, (x) => x.some((d) => ruleOf(d) === 'unresolved-placeholder' && d.severity === vscode.DiagnosticSeverity.Information), { what: 'to-do items on the new draft' });
  });

  it('"New Therapy Note from Template…" takes a snippet prefix as the template id (one entry per template)', async () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', 'tnote.code-snippets.json'), 'utf8')) as Record<string, { prefix: string | string[]; body: string[] | string }>;
    const snippet = Object.values(snippets).find((s) => ([] as string[]).concat(s.prefix).includes('tnote-97763'));
    assert.ok(snippet, 'snippet tnote-97763 exists');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('tnote.newNoteFromTemplate', 'tnote-97763');
    assert.ok(doc, 'the command created a document');
    assert.equal(doc.languageId, 'therapy-note');
    const text = doc.getText();
    assert.equal(text, fs.readFileSync(path.join(ROOT, 'templates', '97763-followup.tnote'), 'utf8').replace(/^status: template$/m, 'status: draft'));
    assert.ok(!/\$\{\d+:/.test(text), 'the snippet was expanded (no ${n:…} tab stops left)');
    await waitForDiagnostics(doc.uri, (x) => x.some((d) => ruleOf(d) === 'unresolved-placeholder'), { what: 'unresolved-placeholder on the new note' });
  });

  it('"Create .tnoterc.yaml" writes the commented starter at the folder root, then opens it and never overwrites it', async () => {
    const file = path.join(workspaceDir(), '.tnoterc.yaml');
    assert.equal(fs.existsSync(file), false, 'the test workspace starts without a .tnoterc.yaml');
    const starter = fs.readFileSync(path.join(ROOT, 'schemas', 'tnoterc.starter.yaml'), 'utf8');
    try {
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('tnote.createConfig', vscode.Uri.file(workspaceDir()));
      assert.equal(created?.fsPath, file);
      assert.equal(fs.readFileSync(file, 'utf8'), starter);
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file, 'the new file is opened');
      // Every setting is commented out: the server reads the starter without a config problem. Shown
      // by a round trip: a bad value added to it gets a diagnostic, and undoing it clears them all.
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor);
      const doc = editor.document;
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), '\nprofile: nonsense\n')));
      await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => /profile/i.test(d.message)), { what: 'a config problem for profile: nonsense' });
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), starter);
      await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, { what: 'no config problems on the starter' });
      await doc.save();
      // A second run opens the file the user may have edited and writes nothing.
      fs.writeFileSync(file, '# edited by the team\nprofile: medicare\n');
      await closeAll();
      const again = await vscode.commands.executeCommand<vscode.Uri | undefined>('tnote.createConfig', vscode.Uri.file(workspaceDir()));
      assert.equal(again?.fsPath, file);
      assert.equal(fs.readFileSync(file, 'utf8'), '# edited by the team\nprofile: medicare\n', 'nothing was overwritten');
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file);
    } finally {
      await closeAll();
      fs.rmSync(file, { force: true });
    }
  });
});
