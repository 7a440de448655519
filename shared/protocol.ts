/**
 * The custom part of the protocol between the VS Code client (client/src) and the language server
 * (server/src/lsp): the `tnote/*` requests with their parameters and results, and the command ids
 * with their arguments and results. Both sides import this file, so renaming a method or changing
 * a shape fails to compile on the side that was not updated. Types only, plus the method and
 * command names: no logic, no VS Code API (other LSP clients use the same names).
 */
import { RequestType } from 'vscode-languageserver-protocol';

/** `tnote/noteSummary` parameters: the note, by the URI the client opened it with. */
export interface NoteSummaryParams {
  uri: string;
}

/** What the status bar shows for one open note. */
export interface NoteSummary {
  /** The billing summary (`97760-GP × 2 units · …`); absent when the note bills nothing. */
  billing?: string;
  errors: number;
  warnings: number;
  infos: number;
}

/**
 * `tnote/noteSummary`: the summary of an open note, or null when the server does not have it. As in
 * vscode-languageserver-protocol: `.type` for sendRequest/onRequest, `.method` for the name.
 */
export const NoteSummaryRequest = {
  method: 'tnote/noteSummary',
  type: new RequestType<NoteSummaryParams, NoteSummary | null, void>('tnote/noteSummary'),
} as const;

/** Result of {@link ServerCommand.fixAll}: whether the client applied the edit. */
export interface FixAllResult {
  applied: boolean;
}

/** Result of {@link ServerCommand.checkWorkspace}: how many notes were checked and what was found. */
export interface WorkspaceTotals {
  notes: number;
  errors: number;
  warnings: number;
  infos: number;
}

/**
 * Commands the server runs (`workspace/executeCommand`; the language client registers them).
 * - `showRuleDocumentation(ruleId: string)`: opens docs/rules/<ruleId>.md; resolves to its URI (or null).
 *   The VS Code client intercepts it to show a Markdown preview instead.
 * - `fixAll(uri: string)`: applies every safe fix to the note through `workspace/applyEdit`: {@link FixAllResult}.
 * - `checkWorkspace()`: checks every note in the workspace folders, publishing diagnostics: {@link WorkspaceTotals}.
 */
export const ServerCommand = {
  showRuleDocumentation: 'tnote.showRuleDocumentation',
  fixAll: 'tnote.server.fixAll',
  checkWorkspace: 'tnote.server.checkWorkspace',
} as const;

/** Commands the VS Code client contributes (package.json `contributes.commands`). */
export const ClientCommand = {
  newNoteFromTemplate: 'tnote.newNoteFromTemplate',
  fixAll: 'tnote.fixAll',
  checkWorkspace: 'tnote.checkWorkspace',
  openConfiguration: 'tnote.openConfiguration',
} as const;
