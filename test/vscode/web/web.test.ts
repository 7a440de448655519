/**
 * The extension as a web extension: its `browser` entry (dist/browser/extension.js) and the
 * web-worker server run in code-server's web worker extension host, and a user gets the same
 * diagnostics, quick fixes, completion and hover there as on the desktop; `.tnoterc.yaml` files, the
 * workspace index (cross-note rules) and the templates are read through `vscode.workspace.fs`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, expectDiagnostics, expectedDiagnostics, expectHoverOn97760, expectRepeatInitialAcrossNotes, lineOf, openNote, poll, ruleOf, waitForDiagnostics, workspaceDir } from '../helpers';

const ID = 'tnote.tnote';

function labels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

describe('web extension (browser web worker extension host)', () => {
  afterEach(closeAll);

  it('the extension runs in the browser (not in the Node host) and reads .tnoterc.yaml through the workspace file system', async () => {
    // A note next to a config file that turns missing-discipline-modifier off: exactly the
    // example's diagnostics without that one.
    const dir = path.join(workspaceDir(), 'web-config');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '.tnoterc.yaml'), 'rules:\n  missing-discipline-modifier: off\n');
    // Another patient: a copy under the same patient would be a second 97760 for them, and
    // repeat-initial-encounter would rightly flag it once the index has read the original.
    const original = fs.readFileSync(path.join(workspaceDir(), 'pt-afo-flawed.tnote'), 'utf8');
    assert.match(original, /^patient: MRN-006127$/m);
    fs.writeFileSync(path.join(dir, 'note.tnote'), original.replace(/^patient: MRN-006127$/m, 'patient: MRN-WEB-0001'));
    const expected = expectedDiagnostics()['pt-afo-flawed.tnote'];
    const without = expected.filter((d) => d.rule !== 'missing-discipline-modifier');
    assert.ok(without.length > 0 && without.length < expected.length, 'the example has that finding and others');
    const { uri } = await openNote('web-config/note.tnote');
    await expectDiagnostics(uri, without, { ms: 30000 });
    // The Node extension host does not have it (there, extensionKind would be Workspace).
    const ext = vscode.extensions.getExtension(ID);
    assert.ok(!ext || ext.extensionKind === vscode.ExtensionKind.UI, `${ID} runs in the Node extension host`);
  });

  it('repeat-initial-encounter fires across two notes: visit-1 is never opened, the index reads it', async () => {
    await expectRepeatInitialAcrossNotes(30000);
  });

  it('New Therapy Note from Template reads the bundled template and opens a draft', async () => {
    // The command runs in the web worker host: its result (a document) does not cross hosts, the editor does.
    await vscode.commands.executeCommand('tnote.newNoteFromTemplate', '97760-pt');
    const editor = await poll('the new note in the editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.scheme === 'untitled' && /status: draft/.test(e.document.getText()) ? e : undefined;
    });
    assert.equal(editor.document.languageId, 'therapy-note');
    assert.match(editor.document.getText(), /^\s*- code: 97760/m);
    // The template's own to-do items (the note is opened empty first: its first diagnostics may be the empty note's).
    const ds = await waitForDiagnostics(editor.document.uri, (x) => x.some((d) => ruleOf(d) === 'unresolved-placeholder'), { ms: 30000, what: "the draft's to-do items" });
    assert.deepEqual(
      ds.filter((d) => d.severity !== vscode.DiagnosticSeverity.Information).map((d) => ruleOf(d)),
      [],
      'a draft from the template has no errors or warnings',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  // Notes with findings (a clean note fires no diagnostics event across hosts to wait for).
  for (const name of ['pt-afo-flawed.tnote', 'ot-whfo-flawed.tnote', 'pt-97763-flawed.tnote']) {
    it(`${name}: exactly the diagnostics of test/e2e/expected-diagnostics.json`, async () => {
      const { uri } = await openNote(name);
      const expected = expectedDiagnostics()[name];
      assert.ok(expected, `${name} is in expected-diagnostics.json`);
      await expectDiagnostics(uri, expected, { ms: 30000 });
    });
  }

  it('quick fix for missing-discipline-modifier adds GP and clears the diagnostic', async () => {
    const { doc, uri } = await openNote('pt-afo-flawed.tnote');
    await expectDiagnostics(uri, expectedDiagnostics()['pt-afo-flawed.tnote'], { ms: 30000 });
    const d = vscode.languages.getDiagnostics(uri).find((x) => ruleOf(x) === 'missing-discipline-modifier')!;
    assert.equal(doc.getText(d.range), '97760');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const fix = actions.find((a) => a.title === 'Add modifier GP');
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    const regionLine = lineOf(doc, /^ {4}region: lower$/);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(regionLine + 1).text, '    modifiers: [GP]');
    await waitForDiagnostics(uri, (x) => !x.some((y) => ruleOf(y) === 'missing-discipline-modifier'), { what: 'missing-discipline-modifier to clear' });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it("completion at a charge's modifiers offers GP on a PT note", async () => {
    const { doc, editor, uri } = await openNote('pt-afo-flawed.tnote');
    const region = lineOf(doc, /^ {4}region: lower$/);
    assert.ok(await editor.edit((b) => b.insert(doc.lineAt(region).range.end, '\n    modifiers: ')));
    const pos = new vscode.Position(region + 1, '    modifiers: '.length);
    const list = await poll('modifier completions', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, pos);
      return labels(l).length > 0 ? l : undefined;
    });
    const got = labels(list);
    assert.ok(got.includes('GP'), `completions: ${got.join(', ')}`);
    assert.ok(!got.includes('GO'), `another discipline's modifier offered: ${got.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('hover on 97760 describes the code', async () => {
    await expectHoverOn97760('pt-afo-flawed.tnote');
  });
});
