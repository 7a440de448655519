/**
 * *Therapy Notes: Create .tnoterc.yaml*: writes the commented starter configuration (every setting,
 * commented out; schemas/tnoterc.starter.yaml, generated from the config schema) at the root of a
 * workspace folder, and opens it. With several folders it asks which one; where a .tnoterc.yaml or
 * .tnoterc.yml already is, it opens that file and writes nothing. Files are reached through
 * `vscode.workspace.fs` only, so the command works in virtual workspaces and in the browser.
 */
import * as vscode from 'vscode';

/** The configuration file names, in the order they are looked for in a folder. */
export const CONFIG_FILE_NAMES = ['.tnoterc.yaml', '.tnoterc.yml'];

/** Whether `uri` exists, through `vscode.workspace.fs` (desktop, virtual workspaces, browser). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates (or opens) the `.tnoterc.yaml` of a workspace folder: the folder of `target` when given
 * (an Explorer selection or a test), else the only folder, else the one the user picks. Resolves to
 * the file opened, undefined when there is none.
 */
export async function createConfigFile(extensionUri: vscode.Uri, target?: unknown): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Therapy Notes: open a folder first; .tnoterc.yaml goes at the root of a workspace folder.');
    return undefined;
  }
  const given = target instanceof vscode.Uri ? vscode.workspace.getWorkspaceFolder(target) : undefined;
  const folder = given ?? (folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new .tnoterc.yaml' }));
  if (!folder) return undefined;
  for (const name of CONFIG_FILE_NAMES) {
    const existing = vscode.Uri.joinPath(folder.uri, name);
    if (await exists(existing)) {
      await vscode.window.showTextDocument(existing);
      void vscode.window.showInformationMessage(`Therapy Notes: ${name} already exists in ${folder.name}; opened it (nothing was overwritten).`);
      return existing;
    }
  }
  const file = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAMES[0]);
  const starter = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'schemas', 'tnoterc.starter.yaml'));
  // Looked again just before writing: a file that appeared meanwhile is opened, not overwritten.
  if (await exists(file)) {
    await vscode.window.showTextDocument(file);
    return file;
  }
  await vscode.workspace.fs.writeFile(file, starter);
  await vscode.window.showTextDocument(file);
  return file;
}
