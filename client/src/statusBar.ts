/**
 * Status bar item for the active note (from the server's `tnote/noteSummary`):
 * - a draft: "97760 note · 12 items left" — click goes to the next item; with none left and no
 *   error or warning, "97760 note · ready to finalize" — click finalizes;
 * - a final note (or a template): the billing summary — click opens the Problems panel.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { ClientCommand, NoteSummaryRequest, type NoteSummary } from '../../shared/protocol';
import { count } from './commands';

export class NoteStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tnote.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;
  /** The summary shown now (for tests). */
  current: NoteSummary | undefined;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Therapy Notes';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.refresh();
      }),
    );
  }

  /** The item's text now (for tests). */
  get text(): string | undefined {
    return this.current ? this.item.text : undefined;
  }

  refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'therapy-note' || !this.client.isRunning()) {
      this.current = undefined;
      this.item.hide();
      return;
    }
    const generation = ++this.generation;
    this.client.sendRequest(NoteSummaryRequest.type, { uri: doc.uri.toString() }).then(
      (s) => {
        if (generation !== this.generation || !s) return;
        this.current = s;
        this.show(s);
      },
      () => this.item.hide(),
    );
  }

  private show(s: NoteSummary): void {
    const problems = `${count(s.errors, 'error')}, ${count(s.warnings, 'warning')}`;
    if (s.status === 'draft') {
      const ready = s.itemsLeft === 0 && s.errors === 0 && s.warnings === 0;
      this.item.text = ready ? `$(check) ${s.title} · ready to finalize` : `$(checklist) ${s.title} · ${count(s.itemsLeft, 'item')} left`;
      this.item.command = ready ? ClientCommand.finalizeNote : s.itemsLeft > 0 ? ClientCommand.nextItem : 'workbench.actions.view.problems';
      this.item.tooltip = ready
        ? 'Draft with nothing left to fill: click to finalize it (status: final).'
        : `Draft: ${count(s.itemsLeft, 'item')} left to fill (${problems}). Click, or press Alt+], for the next one.${s.billing ? `\nBilling so far: ${s.billing}` : ''}`;
      this.item.backgroundColor = s.errors > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    } else {
      // The billing summary only: VS Code's own status bar already counts the problems.
      this.item.text = s.billing ? `$(note) ${s.billing}` : `$(note) ${s.title} · no charges`;
      this.item.command = 'workbench.actions.view.problems';
      this.item.tooltip = `${s.status === 'template' ? 'Template' : 'Final note'}: billing summary. ${problems}: click to open the Problems panel.`;
      this.item.backgroundColor = s.errors > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    }
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
