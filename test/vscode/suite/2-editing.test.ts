/**
 * Editing in a real VS Code: typing makes diagnostics appear and undo makes them go; quick fixes
 * change the text and clear their diagnostic; `source.fixAll` runs on save
 * (`editor.codeActionsOnSave`) and writes what `tnote check --fix` writes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, compactAll, expectDiagnostics, expectedDiagnostics, lineOf, openNote, ruleOf, runCli, sortExpected, waitForDiagnostics, workspaceDir, type Expected } from '../helpers';

async function quickFixes(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}

function rules(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .map((d) => ruleOf(d)!)
    .sort();
}

describe('editing', () => {
  afterEach(closeAll);

  it('deleting the Safety: line makes missing-instruction-elements appear; undo makes it disappear', async () => {
    const { doc, editor, uri } = await openNote('pt-afo-clean.tnote');
    const original = doc.getText();
    await expectDiagnostics(uri, []);
    const safety = lineOf(doc, /^Safety:/);
    const heading = lineOf(doc, /^## Instruction/);
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(safety, 0, safety + 1, 0))));
    assert.ok(!/^Safety:/m.test(doc.getText()));
    await expectDiagnostics(uri, [{ line: heading + 1, column: 1, endLine: heading + 1, endColumn: 15, rule: 'missing-instruction-elements', severity: 'warning' }]);
    const d = vscode.languages.getDiagnostics(uri)[0];
    assert.match(d.message, /safety/i);

    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'undo restores the note');
    await expectDiagnostics(uri, []);
    assert.equal(doc.isDirty, false);
  });

  it('quick fix for missing-discipline-modifier adds GP and clears the diagnostic', async () => {
    const { doc, uri } = await openNote('pt-afo-flawed.tnote');
    await expectDiagnostics(uri, expectedDiagnostics()['pt-afo-flawed.tnote']);
    const d = vscode.languages.getDiagnostics(uri).find((x) => ruleOf(x) === 'missing-discipline-modifier')!;
    assert.equal(doc.getText(d.range), '97760');
    const actions = await quickFixes(uri, d);
    const fix = actions.find((a) => a.title === 'Add modifier GP');
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(fix.isPreferred, 'the safe fix is the preferred one');
    const regionLine = lineOf(doc, /^ {4}region: lower$/);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(regionLine + 1).text, '    modifiers: [GP]', doc.getText());
    await waitForDiagnostics(uri, (x) => !x.some((y) => ruleOf(y) === 'missing-discipline-modifier'), { what: 'missing-discipline-modifier to clear' });
    assert.deepEqual(rules(uri), ['assessment-date-after-service', 'lcode-missing-side-modifier', 'missing-instruction-elements', 'units-not-matching-minutes']);
  });

  it('quick fix for missing-instruction-elements inserts the Safety field; filling it clears the finding', async () => {
    const { doc, editor, uri } = await openNote('pt-afo-flawed.tnote');
    await expectDiagnostics(uri, expectedDiagnostics()['pt-afo-flawed.tnote']);
    const heading = lineOf(doc, /^## Instruction/);
    const d = vscode.languages.getDiagnostics(uri).find((x) => ruleOf(x) === 'missing-instruction-elements')!;
    assert.equal(d.range.start.line, heading);
    const actions = await quickFixes(uri, d);
    const fix = actions.find((a) => a.title === 'Insert "Safety:" field');
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    const understanding = lineOf(doc, /^Understanding:/);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    // Inserted in the documented order: Use, Care, Safety, then Understanding.
    const inserted = doc.lineAt(understanding).text;
    assert.match(doc.lineAt(understanding + 1).text, /^Understanding:/);
    assert.match(inserted, /^Safety: \{\{[^}]+\}\}$/, doc.getText());
    // The heading finding is gone; the scaffold's placeholder is now what is flagged, on the new line.
    await waitForDiagnostics(
      uri,
      (x) =>
        !x.some((y) => ruleOf(y) === 'missing-instruction-elements' && y.range.start.line === heading) && x.some((y) => ruleOf(y) === 'unresolved-placeholder' && y.range.start.line === understanding),
      { what: 'the scaffold placeholder to be flagged' },
    );

    const value = new vscode.Range(understanding, 'Safety: '.length, understanding, inserted.length);
    assert.ok(await editor.edit((b) => b.replace(value, 'Check the skin for redness after each wear; stop and call if it lasts over 30 minutes.')));
    await waitForDiagnostics(uri, (x) => !x.some((y) => ruleOf(y) === 'missing-instruction-elements' || ruleOf(y) === 'unresolved-placeholder'), { what: 'the instruction findings to clear' });
    assert.deepEqual(rules(uri), ['assessment-date-after-service', 'lcode-missing-side-modifier', 'missing-discipline-modifier', 'units-not-matching-minutes']);
  });

  it('source.fixAll on save (editor.codeActionsOnSave) fixes every fixable problem, like tnote check --fix', async () => {
    const rel = 'fixall-on-save.tnote';
    const file = path.join(workspaceDir(), rel);
    // Another patient: a copy of the same visit would make repeat-initial-encounter fire across the two.
    const source = fs.readFileSync(path.join(workspaceDir(), 'pt-afo-flawed.tnote'), 'utf8');
    assert.ok(source.includes('patient: MRN-006127'));
    fs.writeFileSync(file, source.replace('patient: MRN-006127', 'patient: MRN-E2E-0002'));
    const editorConfig = vscode.workspace.getConfiguration('editor', { languageId: 'therapy-note' });
    await editorConfig.update('codeActionsOnSave', { 'source.fixAll': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-fixall-'));
    try {
      const { doc, editor, uri } = await openNote(rel);
      await expectDiagnostics(uri, expectedDiagnostics()['pt-afo-flawed.tnote']);
      // A user's edit makes the note dirty; saving it runs the fix-all action.
      const plan = lineOf(doc, /^Next visit:/);
      assert.ok(await editor.edit((b) => b.insert(doc.lineAt(plan).range.end, ' Bring both shoes.')));
      const beforeSave = doc.getText();
      await vscode.commands.executeCommand('workbench.action.files.save');
      assert.equal(doc.isDirty, false, 'saved');
      const onDisk = fs.readFileSync(file, 'utf8');
      assert.equal(onDisk, doc.getText());

      // The CLI's --fix on the same text writes the same note and leaves the same findings.
      const cliFile = path.join(tmp, rel);
      fs.writeFileSync(cliFile, beforeSave);
      runCli(['check', '--fix', cliFile]);
      assert.equal(onDisk, fs.readFileSync(cliFile, 'utf8'), 'fix-all on save and `tnote check --fix` disagree');
      assert.match(onDisk, /^ {4}modifiers: \[GP\]$/m);
      assert.match(onDisk, /^ {4}units: 2$/m);
      const remaining = JSON.parse(runCli(['check', '--format', 'json', cliFile]).stdout) as Array<Expected & { fixable: boolean }>;
      assert.ok(
        remaining.every((f) => !f.fixable),
        'nothing fixable is left',
      );
      assert.deepEqual(remaining.map((f) => f.rule).sort(), ['assessment-date-after-service', 'missing-instruction-elements']);
      await expectDiagnostics(uri, sortExpected(remaining.map((f) => ({ line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, rule: f.rule, severity: f.severity }))));
      assert.deepEqual(
        compactAll(uri).map((d) => d.rule),
        ['missing-instruction-elements', 'assessment-date-after-service'],
      );
    } finally {
      await closeAll();
      await editorConfig.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.rmSync(file, { force: true });
    }
  });
});
