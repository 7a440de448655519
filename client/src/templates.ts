/**
 * The templates of "New Therapy Note from Template…": one entry per template file — the
 * workspace's own `templates/*.tnote` first (your organisation's), then the extension's bundled
 * ones unless `tnote.templates.showBundled` is off. A new note is inserted as a snippet made by the
 * server from the template (`tnote/noteFromTemplate`): `status: draft`, every placeholder a tab
 * stop that stays a `{{placeholder}}` when skipped, so Tab and Next Item (Alt+]) both work.
 * Files are read through `vscode.workspace.fs`, so this works on the desktop and in the browser.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { NoteFromTemplateRequest } from '../../shared/protocol';

export interface TemplatePick extends vscode.QuickPickItem {
  /** What the command's argument may name: the file name without `.tnote`, `tnote-<id>`, and the snippet prefix for the code. */
  ids: string[];
  file: vscode.Uri;
  bundled: boolean;
}

/** What each bundled template is for, in the clinician's terms. */
const TEMPLATE_TITLES: Record<string, string> = {
  '97760-pt': '97760 · PT — first orthotic management and training visit (GP)',
  '97760-ot': '97760 · OT — first orthotic management and training visit (GO)',
  '97763-followup': '97763 — later orthotic or prosthetic visit',
  '97761-prosthetic': '97761 — first prosthetic training visit',
};

const HOW = 'Opens as a draft: Tab moves through the fields; a field left as {{…}} is a to-do that Next Item (Alt+]) finds.';

/** The title of an organisation's template: its first `# ` heading, else its file name. */
function titleOf(text: string, id: string): string {
  const heading = /^# +(\S.*)$/m.exec(text)?.[1]?.trim();
  return heading ? `${id} — ${heading}` : id;
}

/** Template files larger than this are not offered (a real one is a few kilobytes). */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

async function templateFiles(dir: vscode.Uri): Promise<string[]> {
  try {
    // Stat first: a workspace without a templates/ folder is the usual case, and a failed
    // readDirectory is logged by VS Code's file service as an error with a stack.
    if (!((await vscode.workspace.fs.stat(dir)).type & vscode.FileType.Directory)) return [];
    return (await vscode.workspace.fs.readDirectory(dir))
      .filter(([n, type]) => n.toLowerCase().endsWith('.tnote') && (type & vscode.FileType.File) !== 0)
      .map(([n]) => n)
      .sort();
  } catch {
    return [];
  }
}

/** A template's text: a regular file within the size limit, else undefined. */
async function readTemplate(file: vscode.Uri): Promise<string | undefined> {
  const s = await vscode.workspace.fs.stat(file);
  if (!(s.type & vscode.FileType.File) || s.size > MAX_TEMPLATE_BYTES) return undefined;
  const bytes = await vscode.workspace.fs.readFile(file);
  return bytes.length > MAX_TEMPLATE_BYTES ? undefined : new TextDecoder().decode(bytes);
}

/** The template entries, the workspace's first (see the module comment). */
export async function templatePicks(context: vscode.ExtensionContext): Promise<TemplatePick[]> {
  const picks: TemplatePick[] = [];
  const bundledDir = vscode.Uri.joinPath(context.extensionUri, 'templates');
  const seen = new Set<string>([bundledDir.toString()]);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const dir = vscode.Uri.joinPath(folder.uri, 'templates');
    if (seen.has(dir.toString())) continue;
    seen.add(dir.toString());
    for (const name of await templateFiles(dir)) {
      const id = name.replace(/\.tnote$/i, '');
      const file = vscode.Uri.joinPath(dir, name);
      const text = await readTemplate(file).catch(() => undefined);
      if (text === undefined) continue; // unreadable or too large: not offered
      picks.push({
        ids: [id, `tnote-${id}`],
        file,
        bundled: false,
        label: `$(organization) ${titleOf(text, id)}`,
        description: `your template · ${folder.name}/templates/${name}`,
        detail: HOW,
      });
    }
  }
  const showBundled = vscode.workspace.getConfiguration('tnote').get<boolean>('templates.showBundled', true);
  if (showBundled) {
    for (const name of await templateFiles(bundledDir)) {
      const id = name.replace(/\.tnote$/i, '');
      picks.push({
        ids: [id, `tnote-${id}`],
        file: vscode.Uri.joinPath(bundledDir, name),
        bundled: true,
        label: `$(file) ${TEMPLATE_TITLES[id] ?? id}`,
        description: 'built-in template',
        detail: HOW,
      });
    }
  }
  // The snippet prefixes name a code (`tnote-97763`): accepted for the one template of that code.
  const byCode = new Map<string, TemplatePick[]>();
  for (const p of picks) {
    const code = /^(\d{5})\b/.exec(p.ids[0])?.[1];
    if (code) byCode.set(code, [...(byCode.get(code) ?? []), p]);
  }
  for (const [code, list] of byCode) if (list.length === 1) list[0].ids.push(`tnote-${code}`);
  return picks;
}

/** The template for an id (workspace templates first), or undefined. */
export function findTemplate(picks: readonly TemplatePick[], id: string): TemplatePick | undefined {
  const want = id
    .trim()
    .toLowerCase()
    .replace(/\.tnote$/, '');
  return picks.find((p) => p.ids.some((x) => x.toLowerCase() === want));
}

/**
 * Opens a new untitled note from a template file: the server's snippet when it answers, else the
 * text with `status: draft` (a template's own status line replaced).
 */
export async function openNoteFromTemplate(client: BaseLanguageClient, file: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  let template: string | undefined;
  let why = `it is not a regular file of at most ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB`;
  try {
    template = await readTemplate(file);
  } catch (err) {
    why = (err as Error).message;
  }
  if (template === undefined) {
    void vscode.window.showErrorMessage(`Therapy Notes: cannot read the template ${file.path.split('/').pop() ?? ''}: ${why}`);
    return undefined;
  }
  const made = client.isRunning() ? await client.sendRequest(NoteFromTemplateRequest.type, { text: template }).then(undefined, () => null) : null;
  const doc = await vscode.workspace.openTextDocument({ language: 'therapy-note', content: made ? '' : template.replace(/^status:[ \t]*template[ \t]*$/m, 'status: draft') });
  const editor = await vscode.window.showTextDocument(doc);
  if (made) await editor.insertSnippet(new vscode.SnippetString(made.snippet), new vscode.Position(0, 0));
  return editor.document;
}
