/**
 * The custom part of the protocol between the VS Code client (client/src) and the language server
 * (server/src/lsp): the `tnote/*` requests with their parameters and results, and the command ids
 * with their arguments and results. Both sides import this file, so renaming a method or changing
 * a shape fails to compile on the side that was not updated. Types only, plus the method and
 * command names: no logic, no VS Code API (other LSP clients use the same names).
 */
import { RequestType, type Range, type TextEdit } from 'vscode-languageserver-protocol';

/** `tnote/noteSummary` parameters: the note, by the URI the client opened it with. */
export interface NoteSummaryParams {
  uri: string;
}

/** Where a note is in its life: front-matter `status` (absent = final). */
export type NoteStatus = 'draft' | 'final' | 'template';

/** What the status bar shows for one open note. */
export interface NoteSummary {
  /** The billing summary (`97760-GP × 2 units · …`); absent when the note bills nothing. */
  billing?: string;
  errors: number;
  warnings: number;
  infos: number;
  status: NoteStatus;
  /** What the note is, by its billed codes: "97760 note", "97763 note", "Therapy note". */
  title: string;
  /** Items left to fill ({@link NoteItemsRequest}). */
  itemsLeft: number;
}

/**
 * `tnote/noteSummary`: the summary of an open note, or null when the server does not have it. As in
 * vscode-languageserver-protocol: `.type` for sendRequest/onRequest, `.method` for the name.
 */
export const NoteSummaryRequest = {
  method: 'tnote/noteSummary',
  type: new RequestType<NoteSummaryParams, NoteSummary | null, void>('tnote/noteSummary'),
} as const;

/** Parameters of the requests about one open note. */
export interface NoteParams {
  uri: string;
}

/**
 * One item left to fill, in reading order: a placeholder (select the range whole: typing replaces
 * it) or something not written yet (a completeness finding without a placeholder: go there).
 */
export interface NoteItem {
  range: Range;
  kind: 'placeholder' | 'todo';
  /** The placeholder's label, or the rule id. */
  label: string;
  /** What to do there. */
  message: string;
  /** Rule ids of the findings the item stands for. */
  rules: string[];
}

/** Result of {@link NoteItemsRequest}. */
export interface NoteItems {
  uri: string;
  /** The document version the ranges belong to. */
  version: number;
  status: NoteStatus;
  items: NoteItem[];
}

/**
 * `tnote/noteItems`: the items left to fill in an open note, sorted by position (placeholders and
 * "to do" findings; engine/items.ts), or null when the server does not have the note.
 */
export const NoteItemsRequest = {
  method: 'tnote/noteItems',
  type: new RequestType<NoteParams, NoteItems | null, void>('tnote/noteItems'),
} as const;

/** Where a checklist entry leads: a placeholder (select it whole) or a place in the note. */
export interface ChecklistTarget {
  range: Range;
  placeholder: boolean;
}

/** One required documentation element of the note and its state. */
export interface ChecklistElement {
  id: string;
  /** The section it belongs to ("Instruction"). */
  group: string;
  label: string;
  state: 'done' | 'todo' | 'wrong';
  /** What is missing or wrong; empty when done. */
  messages: string[];
  target?: ChecklistTarget;
}

/** One row of the claim as it would be billed. */
export interface ClaimRow {
  kind: 'line' | 'diagnoses' | 'timed' | 'treatment' | 'units';
  /** "97760-GP × 2 units (31 min)", "L-code: to fill × 1 unit", "8-minute rule: 31 timed min → 2 units (as billed)". */
  label: string;
  state: 'ok' | 'to-fill' | 'wrong';
  target?: ChecklistTarget;
}

/** Result of {@link ChecklistRequest}. */
export interface NoteChecklist {
  uri: string;
  version: number;
  status: NoteStatus;
  title: string;
  elements: ChecklistElement[];
  claim: ClaimRow[];
  /** False while the front matter has a YAML error (the claim cannot be read). */
  claimReadable: boolean;
  itemsLeft: number;
}

/**
 * `tnote/checklist`: the required elements of an open note for its codes, each done / to do /
 * wrong, and the claim (engine/checklist.ts); null when the server does not have the note.
 */
export const ChecklistRequest = {
  method: 'tnote/checklist',
  type: new RequestType<NoteParams, NoteChecklist | null, void>('tnote/checklist'),
} as const;

/** `tnote/finalizeCheck` parameters: the note, and the writer's date (YYYY-MM-DD) for dating the signature. */
export interface FinalizeParams {
  uri: string;
  date?: string;
}

/** An error or warning that keeps a note from being final. */
export interface RemainingProblem {
  range: Range;
  severity: 'error' | 'warning';
  ruleId: string;
  message: string;
}

/** Result of {@link FinalizeCheckRequest} and of {@link ServerCommand.finalize}. */
export interface FinalizeResult {
  uri: string;
  version: number;
  status: NoteStatus;
  /** No error or warning would remain as a final note. */
  ready: boolean;
  remaining: RemainingProblem[];
  /** When ready: the edit that sets `status: final` (absent when it already says so). */
  statusEdit?: TextEdit;
  /** When `date` was given and the `Signed:` line has no date: the edit adding it. Never a signer. */
  signatureDateEdit?: TextEdit;
  /** {@link ServerCommand.finalize} only: whether the status edit was applied. */
  applied?: boolean;
}

/**
 * `tnote/finalizeCheck`: whether an open note can be made final — checked as a final note, with
 * the edits to do it — without changing anything; null when the server does not have the note.
 */
export const FinalizeCheckRequest = {
  method: 'tnote/finalizeCheck',
  type: new RequestType<FinalizeParams, FinalizeResult | null, void>('tnote/finalizeCheck'),
} as const;

/** `tnote/noteFromTemplate` parameters: a template's text. */
export interface NoteFromTemplateParams {
  text: string;
}

/** A new note made from a template: its text with `status: draft`, and the same as a snippet. */
export interface NoteFromTemplate {
  text: string;
  /** Snippet syntax: each placeholder a tab stop whose default is the placeholder (Escape leaves it). */
  snippet: string;
}

/**
 * `tnote/noteFromTemplate`: the text of a new note made from a template (engine/template.ts); null
 * for malformed parameters or a text over 2 MB.
 */
export const NoteFromTemplateRequest = {
  method: 'tnote/noteFromTemplate',
  type: new RequestType<NoteFromTemplateParams, NoteFromTemplate | null, void>('tnote/noteFromTemplate'),
} as const;

/** Result of {@link ServerCommand.fixAll}: whether the client applied the edit. */
export interface FixAllResult {
  applied: boolean;
  /** How many problems had a safe fix (what was fixed when applied). */
  fixed?: number;
  /** Problems left whose fixes need a choice or clinical content (offered one by one as quick fixes). */
  needChoice?: number;
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
 * - `finalize(uri: string)`: for editors without the VS Code client: when the note is ready, sets
 *   `status: final` through `workspace/applyEdit`: {@link FinalizeResult} (never signs or dates).
 */
export const ServerCommand = {
  showRuleDocumentation: 'tnote.showRuleDocumentation',
  fixAll: 'tnote.server.fixAll',
  checkWorkspace: 'tnote.server.checkWorkspace',
  finalize: 'tnote.server.finalize',
} as const;

/**
 * Commands the VS Code client contributes (package.json `contributes.commands`).
 * - `newNoteFromTemplate(templateId?: string)`: resolves to the new document.
 * - `nextItem()`, `previousItem()`: select the next / previous item left; resolve to the {@link NoteItem} (or undefined).
 * - `finalizeNote()`: resolves to the {@link FinalizeResult} it acted on (or undefined).
 * - `goTo(uri: string, range: Range, select: boolean)`: reveals a place in a note (checklist entries).
 * - `openRuleDocumentation(ruleId: string)`: the rule's page, rendered (Markdown preview).
 */
export const ClientCommand = {
  newNoteFromTemplate: 'tnote.newNoteFromTemplate',
  fixAll: 'tnote.fixAll',
  checkWorkspace: 'tnote.checkWorkspace',
  openConfiguration: 'tnote.openConfiguration',
  createConfig: 'tnote.createConfig',
  nextItem: 'tnote.nextItem',
  previousItem: 'tnote.previousItem',
  finalizeNote: 'tnote.finalizeNote',
  goTo: 'tnote.goTo',
  openRuleDocumentation: 'tnote.openRuleDocumentation',
  refreshChecklist: 'tnote.checklist.refresh',
} as const;

/** The checklist tree view (package.json `contributes.views`, in the Explorer). */
export const CHECKLIST_VIEW = 'tnote.checklist';

/*
 * File access for the web-worker server (server/src/browser/clientFs.ts): a browser has no file
 * system the server could read, so the server asks the client, which answers with
 * `vscode.workspace.fs` (client/src/fileAccess.ts). Requests go from the server to the client;
 * every `uri` is one the server built from a workspace folder's URI, and the client answers only
 * for URIs inside a workspace folder. A failure is a result, not an error: `error` is an
 * errno-style code (`ENOENT`, `EACCES`, `EISDIR`, `EINVAL`, `EFBIG`, …) and `message` says why.
 */

/** Parameters of the file-access requests. */
export interface FsParams {
  uri: string;
}

/** Parameters of {@link FsReadFileRequest}. */
export interface FsReadFileParams extends FsParams {
  /** A larger file is refused (`EFBIG`): checked on the size `stat` gives before reading, and on the bytes read. */
  maxBytes?: number;
}

/** A refused or failed file-access request. */
export interface FsFailure {
  error: string;
  message: string;
}

/** What is at a URI (symbolic links followed, as far as the file system tells). */
export interface FsStat {
  kind: 'file' | 'directory' | 'other';
  size: number;
  mtimeMs: number;
}

/** `tnote/fs/stat`: what is at a URI. */
export const FsStatRequest = {
  method: 'tnote/fs/stat',
  type: new RequestType<FsParams, FsStat | FsFailure, void>('tnote/fs/stat'),
} as const;

/**
 * `tnote/fs/readDirectory`: a folder's entries. A link to a file is a `file`; a link to a folder is
 * `other` (not followed: where it leads cannot be told, so a link back up the tree would never end).
 */
export const FsReadDirectoryRequest = {
  method: 'tnote/fs/readDirectory',
  type: new RequestType<FsParams, { entries: { name: string; kind: FsStat['kind'] }[] } | FsFailure, void>('tnote/fs/readDirectory'),
} as const;

/** `tnote/fs/readFile`: a regular file's bytes, base64-encoded. */
export const FsReadFileRequest = {
  method: 'tnote/fs/readFile',
  type: new RequestType<FsReadFileParams, { base64: string } | FsFailure, void>('tnote/fs/readFile'),
} as const;
