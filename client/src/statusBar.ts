/** Status bar item for the active note: its billing summary and error count (from the server). */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NoteSummaryRequest } from '../../shared/protocol';
import { count } from './commands';

export class NoteStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tnote.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Therapy Notes';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.refresh();
      }),
    );
  }

  refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'therapy-note' || !this.client.isRunning()) {
      this.item.hide();
      return;
    }
    const generation = ++this.generation;
    this.client.sendRequest(NoteSummaryRequest.type, { uri: doc.uri.toString() }).then(
      (s) => {
        if (generation !== this.generation || !s) return;
        // The billing summary only: VS Code's own status bar already counts the problems.
        this.item.text = s.billing ? `$(note) ${s.billing}` : '$(note) no charges';
        this.item.tooltip = `Billing summary of this note. ${count(s.errors, 'error')}, ${count(s.warnings, 'warning')}: click to open the Problems panel.`;
        this.item.backgroundColor = s.errors > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
        this.item.show();
      },
      () => this.item.hide(),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
