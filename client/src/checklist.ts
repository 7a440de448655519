/**
 * The live checklist (`tnote.checklist`, in the Explorer): the active note's required elements for
 * its codes, each done / to do / wrong, and the claim as it would be billed — all from the
 * server's `tnote/checklist` (engine/checklist.ts). Each entry opens its place in the note; a
 * placeholder is selected whole, so typing fills it. Refreshed when the active note or its
 * diagnostics change.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { ChecklistRequest, ClientCommand, type ChecklistElement, type ChecklistTarget, type ClaimRow, type NoteChecklist } from '../../shared/protocol';

export type ChecklistNode =
  | { kind: 'group'; id: 'elements' | 'claim'; data: NoteChecklist }
  | { kind: 'element'; element: ChecklistElement; uri: string }
  | { kind: 'claim'; row: ClaimRow; uri: string }
  | { kind: 'message'; text: string };

const ELEMENT_ICON: Record<ChecklistElement['state'], vscode.ThemeIcon> = {
  done: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  todo: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('list.warningForeground')),
  wrong: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
};

const STATE_WORD: Record<ChecklistElement['state'], string> = { done: 'done', todo: 'to do', wrong: 'wrong' };

const CLAIM_ICON: Record<ClaimRow['state'], vscode.ThemeIcon> = {
  ok: new vscode.ThemeIcon('symbol-number'),
  'to-fill': new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('list.warningForeground')),
  wrong: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
};

export function isNote(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && doc.languageId === 'therapy-note';
}

export class ChecklistProvider implements vscode.TreeDataProvider<ChecklistNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ChecklistNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private data: NoteChecklist | undefined;
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  private view: vscode.TreeView<ChecklistNode> | undefined;

  constructor(private readonly client: LanguageClient) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.refreshSoon();
      }),
    );
  }

  attach(view: vscode.TreeView<ChecklistNode>): void {
    this.view = view;
    this.updateDescription();
  }

  /** The checklist shown now (for tests and the status bar). */
  get current(): NoteChecklist | undefined {
    return this.data;
  }

  private refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, 50);
  }

  /** Asks the server for the active note's checklist and redraws; resolves to what is shown. */
  async refresh(): Promise<NoteChecklist | undefined> {
    const doc = vscode.window.activeTextEditor?.document;
    const generation = ++this.generation;
    let data: NoteChecklist | undefined;
    if (isNote(doc) && this.client.isRunning()) {
      data = (await this.client.sendRequest(ChecklistRequest.type, { uri: doc.uri.toString() }).then(undefined, () => null)) ?? undefined;
    }
    if (generation !== this.generation) return this.data; // a newer refresh is on its way
    this.data = data;
    this.updateDescription();
    this.changed.fire(undefined);
    return data;
  }

  private updateDescription(): void {
    if (!this.view) return;
    const d = this.data;
    this.view.description = d ? `${d.title} · ${d.status}${d.status === 'draft' ? ` · ${d.itemsLeft} ${d.itemsLeft === 1 ? 'item' : 'items'} left` : ''}` : undefined;
    this.view.message = d || !isNote(vscode.window.activeTextEditor?.document) ? undefined : 'The checklist appears once the language server has checked this note.';
  }

  getChildren(node?: ChecklistNode): ChecklistNode[] {
    const d = this.data;
    if (!d) return [];
    if (!node) {
      const groups: ChecklistNode[] = [{ kind: 'group', id: 'elements', data: d }];
      if (d.claim.length > 0 || !d.claimReadable) groups.push({ kind: 'group', id: 'claim', data: d });
      return groups;
    }
    if (node.kind !== 'group') return [];
    if (node.id === 'elements') return d.elements.map((element) => ({ kind: 'element', element, uri: d.uri }));
    if (!d.claimReadable) return [{ kind: 'message', text: 'The claim cannot be read until the front-matter YAML error is fixed.' }];
    return d.claim.map((row) => ({ kind: 'claim', row, uri: d.uri }));
  }

  getTreeItem(node: ChecklistNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        if (node.id === 'elements') {
          const done = node.data.elements.filter((e) => e.state === 'done').length;
          const item = new vscode.TreeItem('Required documentation', vscode.TreeItemCollapsibleState.Expanded);
          item.id = 'tnote.checklist.elements';
          item.description = `${done} of ${node.data.elements.length} done`;
          item.iconPath = new vscode.ThemeIcon('checklist');
          item.tooltip = `What a ${node.data.title} needs, checked by the rules: done, to do (not written yet) or wrong.`;
          return item;
        }
        const item = new vscode.TreeItem('Claim as billed', vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'tnote.checklist.claim';
        item.iconPath = new vscode.ThemeIcon('credit-card');
        item.tooltip = 'The charge lines, diagnoses and minutes as the claim would carry them, with the 8-minute-rule arithmetic.';
        return item;
      }
      case 'element': {
        const e = node.element;
        const item = new vscode.TreeItem(e.label, vscode.TreeItemCollapsibleState.None);
        item.id = `tnote.checklist.element.${e.id}`;
        item.description = `${STATE_WORD[e.state]} · ${e.group}`;
        item.iconPath = ELEMENT_ICON[e.state];
        item.tooltip = new vscode.MarkdownString(e.messages.length ? `**${STATE_WORD[e.state]}** — ${e.messages.map(escapeMd).join('\n\n')}` : `**done** — ${escapeMd(e.group)}`);
        item.command = goTo(node.uri, e.target, e.label);
        item.contextValue = `tnote.element.${e.state}`;
        return item;
      }
      case 'claim': {
        const r = node.row;
        const item = new vscode.TreeItem(r.label, vscode.TreeItemCollapsibleState.None);
        item.id = `tnote.checklist.claim.${r.kind}.${r.label}`;
        item.iconPath = CLAIM_ICON[r.state];
        if (r.state !== 'ok') item.description = r.state === 'wrong' ? 'wrong' : 'to fill';
        item.command = goTo(node.uri, r.target, r.label);
        return item;
      }
      case 'message':
        return new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

function escapeMd(text: string): string {
  return text.replace(/[\\*_[\]<>]/g, (c) => `\\${c}`);
}

function goTo(uri: string, target: ChecklistTarget | undefined, title: string): vscode.Command | undefined {
  return target ? { title: `Go to ${title}`, command: ClientCommand.goTo, arguments: [uri, target.range, target.placeholder] } : undefined;
}
