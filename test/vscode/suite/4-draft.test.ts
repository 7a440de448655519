/**
 * From template to signed note in a real VS Code (issue 10): a new note from the PT template is a
 * draft with no error or warning; Next Item selects a whole placeholder and typing replaces it; a
 * wrong modifier is an error at once; Finalize Note keeps an unfilled draft and lists what is
 * left; filled in item by item and finalized, the note is final with no problem. The checklist
 * view's data (its tree data provider, exported by the extension) shows each element's state.
 * Also: the template picker (the workspace's templates first, `tnote.templates.showBundled`),
 * rule pages opened rendered, word wrap on.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, newNoteFromFirstTemplate, poll, ROOT, ruleOf, waitForDiagnostics, workspaceDir } from '../helpers';

/** What the extension's `activate` returns (client/src/extension.ts `TnoteApi`), as far as the tests use it. */
interface ChecklistElement {
  id: string;
  label: string;
  group: string;
  state: 'done' | 'todo' | 'wrong';
  target?: { placeholder: boolean };
}
interface NoteChecklist {
  uri: string;
  status: string;
  title: string;
  elements: ChecklistElement[];
  claim: { label: string; state: string }[];
  itemsLeft: number;
}
type Node = { kind: 'group'; id: string } | { kind: 'element'; element: ChecklistElement } | { kind: 'claim'; row: { label: string } } | { kind: 'message' };
interface Api {
  checklist: vscode.TreeDataProvider<Node> & { refresh(): Promise<NoteChecklist | undefined>; current: NoteChecklist | undefined };
  statusBar: { text: string | undefined; refresh(): void };
  commands: { finalizePick?: vscode.QuickPick<vscode.QuickPickItem> };
}
interface NoteItem {
  kind: 'placeholder' | 'todo';
  label: string;
  message: string;
}
interface FinalizeResult {
  ready: boolean;
  status: string;
  remaining: { ruleId: string; severity: string; message: string }[];
}

// Another patient than the workspace's examples: the same patient's second initial 97760 visit would be repeat-initial-encounter.
const FILL = [
  [/^patient MRN$/, 'MRN-E2E-0010'] as const,
  ...(JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'e2e', 'template-fill.json'), 'utf8')) as { fill: [string, string][] }).fill.map(([re, v]) => [new RegExp(re, 'i'), v] as const),
];

async function api(): Promise<Api> {
  const ext = vscode.extensions.getExtension('tnote.tnote');
  assert.ok(ext, 'the extension tnote.tnote is installed');
  return (await ext.activate()) as Api;
}

const problems = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);

/** A new note from the PT template, once the server has answered for it (its to-do items). */
async function newDraft(): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('tnote.newNoteFromTemplate', '97760-pt');
  assert.ok(doc, 'the command created a document');
  // The editor opens the note empty and then inserts the template: the first diagnostics can be
  // the empty note's (no front matter, no signature). The template's placeholders are to-do items
  // only its text has: wait for those.
  await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => ruleOf(d) === 'unresolved-placeholder'), { what: "the draft's to-do items" });
  const editor = vscode.window.activeTextEditor;
  assert.equal(editor?.document, doc);
  // Leave the snippet's tab stops: the placeholders stay.
  await vscode.commands.executeCommand('leaveSnippet');
  return { doc, editor };
}

/**
 * Waits until the checklist of `doc` shows every element done (the server answers for the text it
 * has checked, which can be a moment behind the editor); fails with the states it last showed.
 */
async function everyElementDone(a: Api, doc: vscode.TextDocument, what: string): Promise<void> {
  let last: Record<string, string> = {};
  await poll(`every checklist element of ${what} done`, async () => {
    last = await checklistStates(a, doc);
    return Object.values(last).length > 0 && Object.values(last).every((s) => s === 'done') ? true : undefined;
  }).catch((e: Error) => {
    throw new Error(`${e.message}; it shows ${JSON.stringify(last)}`);
  });
}

async function nextItem(): Promise<NoteItem | undefined> {
  return vscode.commands.executeCommand<NoteItem | undefined>('tnote.nextItem');
}

/**
 * The checklist as the tree shows it for `doc`: each element's label → its state, read through the
 * tree data provider once the view shows `doc`'s checklist (the view follows the active editor).
 */
async function checklistStates(a: Api, doc: vscode.TextDocument): Promise<Record<string, string>> {
  const uri = doc.uri.toString();
  await poll(`the checklist of ${uri}`, async () => {
    if (vscode.window.activeTextEditor?.document !== doc) await vscode.window.showTextDocument(doc);
    return (await a.checklist.refresh())?.uri === uri && a.checklist.current?.uri === uri;
  });
  const [elements] = (await a.checklist.getChildren()) ?? [];
  assert.ok(elements);
  const group = await a.checklist.getTreeItem(elements);
  assert.equal(group.label, 'Required documentation');
  const out: Record<string, string> = {};
  for (const node of (await a.checklist.getChildren(elements)) ?? []) {
    assert.equal(node.kind, 'element');
    const item = await a.checklist.getTreeItem(node);
    const state = String(item.description).split(' · ')[0];
    const icon = (item.iconPath as vscode.ThemeIcon).id;
    // What the view shows agrees with the data: the word and the icon.
    assert.equal(icon, { done: 'pass-filled', 'to do': 'circle-large-outline', wrong: 'error' }[state], `${String(item.label)}: ${state} with icon ${icon}`);
    assert.ok(item.command?.command === 'tnote.goTo', `${String(item.label)} opens its place`);
    out[String(item.label)] = state;
  }
  return out;
}

describe('from template to signed note', () => {
  afterEach(closeAll);

  it('a new note from the 97760-pt template is a draft with 0 errors and 0 warnings; the status bar counts its items left', async () => {
    const a = await api();
    const { doc } = await newDraft();
    assert.match(doc.getText(), /^---\nstatus: draft\n/);
    assert.deepEqual(
      problems(doc.uri).map((d) => `${ruleOf(d)}: ${d.message}`),
      [],
    );
    const infos = vscode.languages.getDiagnostics(doc.uri);
    assert.ok(infos.length > 20 && infos.every((d) => d.message.startsWith('To do: ')), infos.map((d) => d.message).join(' | '));
    a.statusBar.refresh();
    const text = await poll('the status bar text', () => (a.statusBar.text?.includes('items left') ? a.statusBar.text : undefined));
    assert.match(text, /^\$\(checklist\) 97760 note · \d+ items left$/);
  });

  it('Next Item selects a whole placeholder, typing replaces it, and Previous Item wraps around', async () => {
    const { doc, editor } = await newDraft();
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const first = await nextItem();
    assert.ok(first, 'an item');
    assert.equal(first.kind, 'placeholder');
    assert.equal(doc.getText(editor.selection), '{{patient MRN}}');
    assert.equal(first.label, 'patient MRN');
    const second = await nextItem();
    assert.equal(doc.getText(editor.selection), '{{YYYY-MM-DD}}', second?.label);
    await vscode.commands.executeCommand('type', { text: '2026-11-20' });
    assert.match(doc.lineAt(editor.selection.active.line).text, /^date: "2026-11-20"$/);
    // Previous from the start wraps to the last item: the signature's date.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const last = await vscode.commands.executeCommand<NoteItem | undefined>('tnote.previousItem');
    assert.ok(last);
    assert.match(doc.lineAt(editor.selection.start.line).text, /^Signed: /);
    assert.equal(doc.getText(editor.selection), '{{YYYY-MM-DD}}');
  });

  it('typing a wrong modifier in the draft shows an error at once', async () => {
    const { doc, editor } = await newDraft();
    const line = doc.getText().split('\n').indexOf('    modifiers: [GP]');
    assert.ok(line > 0);
    editor.selection = new vscode.Selection(line, 16, line, 18);
    await vscode.commands.executeCommand('type', { text: 'GO' });
    const ds = await waitForDiagnostics(doc.uri, (x) => x.some((d) => ruleOf(d) === 'discipline-modifier-mismatch'), { what: 'discipline-modifier-mismatch', ms: 5000 });
    const d = ds.find((x) => ruleOf(x) === 'discipline-modifier-mismatch')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error, 'a wrong modifier is an error even in a draft');
    assert.equal(doc.getText(d.range), 'GO');
  });

  it('Finalize Note on the unfilled draft keeps status: draft and lists what is left in a quick pick', async () => {
    const a = await api();
    const { doc } = await newDraft();
    const r = await vscode.commands.executeCommand<FinalizeResult>('tnote.finalizeNote');
    assert.ok(r);
    assert.equal(r.ready, false);
    assert.ok(r.remaining.length > 10);
    assert.ok(r.remaining.some((p) => p.severity === 'error'));
    assert.match(doc.getText(), /^status: draft$/m);
    const pick = a.commands.finalizePick;
    assert.ok(pick, 'a quick pick lists what is left');
    assert.equal(pick.items.length, r.remaining.length);
    assert.match(pick.title ?? '', /^Not final yet: \d+ problems would remain/);
    assert.ok(pick.items.some((i) => /missing-instruction-elements/.test(i.description ?? '')));
    // Picking one goes there: move down to the Use field's item as the keyboard would, then accept.
    const target = pick.items.findIndex((i) => /missing-instruction-elements/.test(i.description ?? ''));
    for (let i = 0; i < target; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await poll("the quick pick's active item to reach the Use field", () => (pick.activeItems[0] === pick.items[target] ? true : undefined), 5000);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await poll('the editor to go to the Use field', () => (/^Use: /.test(doc.lineAt(vscode.window.activeTextEditor!.selection.start.line).text) ? true : undefined), 5000);
  });

  it('filled in item by item with Next Item and finalized: a final note with 0 problems; the checklist goes from to do to done', async () => {
    const a = await api();
    const { doc, editor } = await newDraft();
    // The first diagnostics may be of the note before its template was inserted whole: wait until
    // the server's checklist is the whole draft's (every element has its place to go to).
    await poll('the checklist of the whole draft', async () => {
      const d = await a.checklist.refresh();
      return d && d.uri === doc.uri.toString() && d.status === 'draft' && d.elements.length >= 15 && d.elements.every((e) => e.target) ? d : undefined;
    });
    const before = await checklistStates(a, doc);
    assert.equal(a.checklist.current?.title, '97760 note');
    assert.ok(Object.keys(before).length >= 15, JSON.stringify(before));
    assert.ok(
      Object.values(before).every((s) => s === 'to do'),
      JSON.stringify(before),
    );
    for (const label of ['Safety instruction', 'Body region', 'Assessment date', 'Direct one-on-one contact (minutes)', 'Signature with credentials']) assert.ok(label in before, label);
    const claim = (await a.checklist.getChildren((await a.checklist.getChildren())![1]))!.map((n) => (n.kind === 'claim' ? n.row.label : ''));
    assert.ok(claim.includes('L-code: to fill (modifiers: to fill) × 1 unit'), claim.join(' | '));

    editor.selection = new vscode.Selection(0, 0, 0, 0);
    let filled = 0;
    for (let item = await nextItem(); item; item = await nextItem()) {
      assert.equal(item.kind, 'placeholder', `an item that is not a placeholder is left: ${item.message}`);
      const selected = doc.getText(editor.selection);
      assert.match(selected, /^(?:\{\{[^{}]*\}\}|\$\{[^}]*\})$/, 'a whole placeholder is selected');
      const value = FILL.find(([re]) => re.test(item.label))?.[1];
      assert.ok(value, `test/e2e/template-fill.json has no value for "${item.label}"`);
      await vscode.commands.executeCommand('type', { text: value });
      assert.ok(++filled < 100, 'Next Item keeps finding items');
    }
    await vscode.commands.executeCommand('hideSuggestWidget');
    assert.ok(filled > 20);
    const left = doc
      .getText()
      .split('\n')
      .filter((l) => /\{\{|\$\{/.test(l) && !l.startsWith('<!--') && !/^ {5}/.test(l));
    assert.deepEqual(left, [], `no placeholder is left after ${filled} items; the note:\n${doc.getText()}`);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, { what: 'the filled draft to have no finding' });
    await everyElementDone(a, doc, 'the filled draft');

    const r = await vscode.commands.executeCommand<FinalizeResult>('tnote.finalizeNote');
    assert.ok(r?.ready, JSON.stringify(r?.remaining));
    assert.match(doc.getText(), /^---\nstatus: final\n/);
    assert.match(doc.getText(), /^Signed: Alex Rivera, PT, DPT — 2026-11-20$/m);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, { what: 'the final note to have no problem' });
    // The filled draft had no finding either: those diagnostics can stand before the server has
    // checked the finalized text. The checklist says which text it is of (its status).
    await poll("the finalized note's checklist", async () => ((await a.checklist.refresh())?.status === 'final' ? true : undefined));
    await everyElementDone(a, doc, 'the final note');
    assert.equal(a.checklist.current?.status, 'final');
    const claimDone = (await a.checklist.getChildren((await a.checklist.getChildren())![1]))!.map((n) => (n.kind === 'claim' ? n.row.label : ''));
    assert.deepEqual(claimDone.slice(0, 2), ['97760-GP × 2 units (32 min)', 'L1971-RT × 1 unit']);
    assert.ok(claimDone.includes('8-minute rule: 32 timed min → 2 units (as billed)'), claimDone.join(' | '));
    a.statusBar.refresh();
    await poll('the status bar to show the billing summary', () => (a.statusBar.text?.startsWith('$(note) 97760-GP × 2 units') ? true : undefined));
  });

  it('the checklist marks a wrong element and an element still to do', async () => {
    const a = await api();
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'pt-afo-flawed.tnote'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => ruleOf(d) === 'assessment-date-after-service'), { what: "the flawed note's findings" });
    const states = await checklistStates(a, doc);
    assert.equal(states['Safety instruction'], 'to do');
    assert.equal(states['Assessment date'], 'wrong');
    assert.equal(states['Care instruction'], 'done');
  });

  it("the template picker lists the workspace's templates first, and tnote.templates.showBundled hides the built-in ones", async () => {
    const dir = path.join(workspaceDir(), 'templates');
    const file = path.join(dir, 'clinic-97760.tnote');
    fs.mkdirSync(dir, { recursive: true });
    const own = fs.readFileSync(path.join(ROOT, 'templates', '97760-pt.tnote'), 'utf8').replace('# Orthotic management and training — initial encounter', '# Clinic AFO visit');
    fs.writeFileSync(file, own);
    const config = vscode.workspace.getConfiguration('tnote');
    try {
      // The quick pick's first entry is the workspace's template.
      // Accepts the quick pick's first item.
      const doc = await newNoteFromFirstTemplate();
      assert.ok(doc);
      assert.match(doc.getText(), /^# Clinic AFO visit$/m);
      assert.match(doc.getText(), /^status: draft$/m);
      await closeAll();
      await config.update('templates.showBundled', false, vscode.ConfigurationTarget.Global);
      assert.equal(await vscode.commands.executeCommand('tnote.newNoteFromTemplate', '97760-ot'), undefined, 'the built-in template is hidden');
      const mine = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('tnote.newNoteFromTemplate', 'clinic-97760');
      assert.match(mine?.getText() ?? '', /^# Clinic AFO visit$/m);
    } finally {
      await config.update('templates.showBundled', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rule documentation opens rendered (a Markdown preview), and therapy notes wrap long lines', async () => {
    const ok = await vscode.commands.executeCommand<boolean>('tnote.openRuleDocumentation', 'missing-instruction-elements');
    assert.equal(ok, true);
    const preview = await poll('a Markdown preview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)),
    );
    assert.match(preview.label, /missing-instruction-elements/);
    assert.ok(
      !vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputText && t.input.uri.path.endsWith('/docs/rules/missing-instruction-elements.md')),
      'the raw Markdown is not opened',
    );
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'therapy-note' }).get('wordWrap'), 'on');
  });
});
