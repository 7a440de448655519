/**
 * Diagnostics in a real VS Code: every note of the e2e workspace (examples/*.tnote + test/e2e/workspace/)
 * shows exactly the diagnostics of test/e2e/expected-diagnostics.json — the CLI's findings, reviewed
 * against examples/README.md — with rule id as `code` (linked to the rule's rendered page), range
 * and severity; and a workspace rule
 * (repeat-initial-encounter) sees a note on disk that was never opened.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, compact, expectDiagnostics, expectedDiagnostics, expectRepeatInitialAcrossNotes, openNote, runCli, sortExpected, workspaceDir, wsUri, type Expected } from '../helpers';

describe('diagnostics', () => {
  afterEach(closeAll);

  it('repeat-initial-encounter fires across two notes on disk (visit-1 is never opened)', async () => {
    const { uri, visit1 } = await expectRepeatInitialAcrossNotes();
    // Alone, visit-2 is clean: the CLI on that one file agrees that the finding needs the other note.
    const alone = runCli(['check', '--format', 'json', uri.fsPath]);
    assert.deepEqual(JSON.parse(alone.stdout), []);
    assert.ok(!vscode.workspace.textDocuments.some((x) => x.uri.toString() === visit1.toString()), 'visit-1 was opened by someone');
  });

  it('the CLI over the workspace copy reports test/e2e/expected-diagnostics.json', () => {
    const ws = workspaceDir();
    const r = runCli(['check', '--format', 'json', '.'], ws);
    assert.ok(r.status === 0 || r.status === 1, `tnote check exited ${r.status}: ${r.stderr}`);
    const byFile: Record<string, Expected[]> = {};
    for (const rel of Object.keys(expectedDiagnostics())) byFile[rel] = [];
    for (const f of JSON.parse(r.stdout) as Array<Expected & { file: string }>) {
      const rel = path.relative(ws, path.resolve(ws, f.file)).split(path.sep).join('/');
      (byFile[rel] ??= []).push({ line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, rule: f.rule, severity: f.severity });
    }
    for (const k of Object.keys(byFile)) byFile[k] = sortExpected(byFile[k]);
    assert.deepEqual(byFile, expectedDiagnostics());
  });

  for (const [rel, expected] of Object.entries(expectedDiagnostics())) {
    it(`${rel}: ${expected.length === 0 ? 'no diagnostics' : `exactly ${expected.map((e) => `${e.line}:${e.rule}`).join(', ')}`}`, async () => {
      const uri = wsUri(rel);
      const { doc } = await openNote(rel);
      await expectDiagnostics(uri, expected);
      for (const d of vscode.languages.getDiagnostics(uri)) {
        assert.equal(d.source, 'tnote');
        // The rule link opens the rule's page rendered: a command link to tnote.openRuleDocumentation(rule).
        const code = d.code as { value: string; target: vscode.Uri };
        assert.equal(code.target.scheme, 'command', `code target ${code.target.toString()}`);
        assert.equal(code.target.path, 'tnote.openRuleDocumentation');
        assert.deepEqual(JSON.parse(code.target.query), [code.value]);
        assert.ok(d.message.length > 0);
      }
      assert.deepEqual(sortExpected(vscode.languages.getDiagnostics(uri).map(compact)), sortExpected(expected));
      assert.equal(doc.isDirty, false);
    });
  }
});
