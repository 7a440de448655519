/**
 * Helpers of the VS Code suite: the workspace copy, diagnostics in the CLI's shape, and waits on
 * events or deadline polling (never fixed sleeps).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The repository: the tests are compiled to <repo>/out/vscode-test/. */
export const ROOT = process.env.TNOTE_REPO_ROOT ?? path.resolve(__dirname, '..', '..');

/** A diagnostic as `tnote check --format json` reports it (1-based line/column). */
export interface Expected {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
}

/** test/e2e/expected-diagnostics.json: workspace-relative path -> expected diagnostics. */
export function expectedDiagnostics(): Record<string, Expected[]> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'e2e', 'expected-diagnostics.json'), 'utf8')) as Record<string, Expected[]>;
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs a workspace folder (a copy made by test/e2e/prepare-workspace.js)');
  return folder.uri.fsPath;
}

export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceDir(), rel));
}

export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

const SEVERITY = ['error', 'warning', 'info', 'hint'];

export function compact(d: vscode.Diagnostic): Expected {
  return {
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    rule: ruleOf(d) ?? '',
    severity: SEVERITY[d.severity],
  };
}

function key(d: Expected): string {
  return [d.line, d.column, d.endLine, d.endColumn, d.rule, d.severity].map((x) => String(x).padStart(6, '0')).join('|');
}

/** Sorted like test/e2e/expected.js sorts the CLI's findings. */
export function sortExpected(list: Expected[]): Expected[] {
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function compactAll(uri: vscode.Uri): Expected[] {
  return sortExpected(vscode.languages.getDiagnostics(uri).map(compact));
}

/**
 * Resolves when the URI's diagnostics satisfy `predicate` (checked now and on every change); with
 * `afterEvent`, only once a diagnostics change for the URI was seen (so "no diagnostics" is an answer
 * the server gave, not the state before it answered).
 */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (ds: vscode.Diagnostic[]) => boolean, opts: { ms?: number; afterEvent?: boolean; what?: string } = {}): Promise<vscode.Diagnostic[]> {
  const ms = opts.ms ?? 30000;
  let seen = !opts.afterEvent;
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (seen && predicate(ds)) {
        sub.dispose();
        clearTimeout(timer);
        resolve(ds);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) {
        seen = true;
        check();
      }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      const now = vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${ruleOf(d)}`);
      reject(new Error(`deadline of ${ms} ms passed waiting for ${opts.what ?? 'diagnostics'} of ${uri.fsPath}${seen ? '' : ' (no diagnostics event for it)'}; it has: ${now.join(', ') || 'none'}`));
    }, ms);
    check();
  });
}

/** Waits until the URI's diagnostics (CLI shape, sorted) equal `expected`; on timeout the assertion shows the difference. */
export async function expectDiagnostics(uri: vscode.Uri, expected: Expected[], opts: { ms?: number; afterEvent?: boolean } = {}): Promise<void> {
  const want = JSON.stringify(sortExpected(expected));
  try {
    await waitForDiagnostics(uri, (ds) => JSON.stringify(sortExpected(ds.map(compact))) === want, { ...opts, what: 'the expected diagnostics' });
  } catch (e) {
    assert.deepEqual(compactAll(uri), sortExpected(expected), (e as Error).message);
  }
}

/** Deadline polling for things that have no event: calls `probe` until it returns a value. */
export async function poll<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 20000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`deadline of ${ms} ms passed waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Opens a note in an editor. When the document was not open yet (in the extension host, hence on the
 * server), also waits for the server's first diagnostics event for it, so that "no diagnostics" is
 * an answer and not the state before the answer. (A document VS Code still holds — closing an editor
 * does not close its document at once — was checked when it was first opened.)
 */
export async function openNote(rel: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; uri: vscode.Uri }> {
  const uri = wsUri(rel);
  const wasOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  const answered = wasOpen ? undefined : waitForDiagnostics(uri, () => true, { afterEvent: true, what: 'a diagnostics event' });
  const doc = await vscode.workspace.openTextDocument(uri);
  await answered;
  const editor = await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'therapy-note', `${rel} should open as a therapy note`);
  return { doc, editor, uri };
}

/** The 0-based line of the first line matching `re`. */
export function lineOf(doc: vscode.TextDocument, re: RegExp): number {
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  throw new Error(`no line matches ${re} in ${doc.uri.fsPath}`);
}

/** Reverts and closes every editor, so no "save changes?" dialog can block the run. */
export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  for (let i = 0; i < 20 && vscode.window.visibleTextEditors.length > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Runs the repository's CLI (`bin/tnote.js`) with the extension host's runtime: Node in code-server,
 * Electron as Node (ELECTRON_RUN_AS_NODE) in desktop VS Code.
 */
export function runCli(args: string[], cwd?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tnote.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The text of a hover's contents. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n');
}

/**
 * Runs "New Therapy Note from Template…" and accepts the first entry of its quick pick. The command has
 * no event for "the quick pick is showing", so accept is retried until the command completes (deadline).
 */
export async function newNoteFromFirstTemplate(): Promise<vscode.TextDocument | undefined> {
  let done = false;
  const created = Promise.resolve(vscode.commands.executeCommand<vscode.TextDocument | undefined>('tnote.newNoteFromTemplate')).finally(() => {
    done = true;
  });
  await poll(
    'the template quick pick to be accepted',
    async () => {
      if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done || undefined;
    },
    20000,
    100,
  );
  return created;
}

/**
 * Shared by the desktop and web suites: a hover on the first `code: 97760` of `rel` describes the
 * code (its number and its 15-minute units). Returns the hover text for further checks.
 */
export async function expectHoverOn97760(rel: string): Promise<string> {
  const { doc, uri } = await openNote(rel);
  const line = lineOf(doc, /code: 97760/);
  const pos = new vscode.Position(line, doc.lineAt(line).text.indexOf('97760') + 2);
  const text = await poll('a hover on 97760', async () => {
    const t = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos)) ?? []);
    return t ? t : undefined;
  });
  assert.match(text, /CPT 97760/);
  assert.match(text, /15-minute units/);
  return text;
}

/**
 * Shared by the desktop and web suites: `repeat-initial-encounter` fires on the 97760 line of
 * `repeat-initial/visit-2.tnote` (a warning at line 10) and links to line 10 of `visit-1.tnote`,
 * which is never opened: only the workspace index can have read it. Returns visit-2's URI and
 * visit-1's.
 */
export async function expectRepeatInitialAcrossNotes(ms?: number): Promise<{ uri: vscode.Uri; visit1: vscode.Uri }> {
  const visit1 = wsUri('repeat-initial/visit-1.tnote');
  assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === visit1.toString()), 'visit-1 must not be open');
  const { doc, uri } = await openNote('repeat-initial/visit-2.tnote');
  const ds = await waitForDiagnostics(uri, (x) => x.some((d) => ruleOf(d) === 'repeat-initial-encounter'), { ms, what: 'repeat-initial-encounter' });
  const d = ds.find((x) => ruleOf(x) === 'repeat-initial-encounter')!;
  assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  assert.equal(doc.getText(d.range), '97760');
  assert.equal(d.range.start.line + 1, 10);
  const related = d.relatedInformation ?? [];
  assert.ok(
    related.some((r) => r.location.uri.path === visit1.path && r.location.range.start.line === 9),
    `related information: ${related.map((r) => `${r.location.uri.toString()}:${r.location.range.start.line + 1}`).join(', ') || 'none'}`,
  );
  return { uri, visit1 };
}
