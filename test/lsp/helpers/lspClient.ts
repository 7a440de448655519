/**
 * A real JSON-RPC client for the language server: spawns `node bin/tnote-language-server.js
 * --stdio` and speaks LSP over its stdio, the same wire traffic an editor sends. Every wait has a
 * deadline (never a fixed sleep).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  LogTraceNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ServerCommand, type WorkspaceTotals } from '../../../shared/protocol';
import { REPO_ROOT, SERVER_BIN } from '../../helpers/paths';

export const EXAMPLES = path.join(REPO_ROOT, 'examples');

export function readExample(name: string): string {
  return fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
}

export function fileUri(p: string): string {
  return pathToFileURL(p).toString();
}

/** Rejects with `what` when `promise` does not settle within `ms`. */
/** "Check All Notes in Workspace" through the server's command: the totals it returns. */
export function checkAll(c: LspTestClient): Promise<WorkspaceTotals> {
  return c.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommand.checkWorkspace, arguments: [] }) as Promise<WorkspaceTotals>;
}

/** Sets a file's modification time `secondsAgo` seconds back (a note not touched just now: the saved index can trust its stamp). */
export function ageFile(file: string, secondsAgo = 120): void {
  const t = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(file, t, t);
}

export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`deadline of ${ms} ms passed waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export const CLIENT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
  },
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
    completion: { completionItem: { snippetSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
  window: { workDoneProgress: true, showDocument: { support: true } },
};

export interface StartOptions {
  workspaceFolders?: string[];
  /** Settings returned for `workspace/configuration` (section `tnote`), per scope URI or for all (a promise delays the reply). */
  settings?: (scopeUri: string | undefined) => unknown;
  initializationOptions?: unknown;
  /** Replaces {@link CLIENT_CAPABILITIES}. */
  capabilities?: ClientCapabilities;
  /** The initialize request's `trace` (the server's debug lines come as `$/logTrace` when not off). */
  trace?: 'off' | 'messages' | 'verbose';
}

interface Waiter {
  uri: string;
  predicate: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspTestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics notification, in the order received. */
  readonly publications: PublishDiagnosticsParams[] = [];
  readonly registrations: Registration[] = [];
  readonly progressTokens: unknown[] = [];
  readonly shownDocuments: string[] = [];
  readonly logMessages: string[] = [];
  /** `$/logTrace` messages (debug lines, sent only when tracing is on). */
  readonly traces: string[] = [];
  /** `window/showMessage` notifications and `window/showMessageRequest` requests (pop-ups). */
  readonly shownMessages: string[] = [];
  readonly documents = new Map<string, TextDocument>();
  stderr = '';
  settings: (scopeUri: string | undefined) => unknown = () => ({});
  initializeResult!: InitializeResult;
  private waiters: Waiter[] = [];
  private exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      this.publications.push(p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.predicate(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    connection.onNotification(LogMessageNotification.type, (p) => {
      this.logMessages.push(p.message);
    });
    connection.onNotification(LogTraceNotification.type, (p) => {
      this.traces.push(p.message);
    });
    connection.onNotification(ShowMessageNotification.type, (p) => {
      this.shownMessages.push(p.message);
    });
    connection.onRequest(ShowMessageRequest.type, (p) => {
      this.shownMessages.push(p.message);
      return null;
    });
    connection.onRequest(ConfigurationRequest.type, (p) => Promise.all(p.items.map((i) => (i.section === 'tnote' ? this.settings(i.scopeUri) : null))));
    connection.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.progressTokens.push(p.token);
    });
    connection.onRequest(ShowDocumentRequest.type, (p) => {
      this.shownDocuments.push(p.uri);
      return { success: true };
    });
    connection.onRequest(ApplyWorkspaceEditRequest.type, (p) => ({ applied: this.applyWorkspaceEdit(p.edit) }));
    connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [SERVER_BIN, '--stdio'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(child, connection);
    if (options.settings) client.settings = options.settings;
    const folders = (options.workspaceFolders ?? []).map((f) => ({ uri: fileUri(f), name: path.basename(f) }));
    client.initializeResult = await withDeadline(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: folders[0]?.uri ?? null,
        workspaceFolders: folders.length ? folders : null,
        capabilities: options.capabilities ?? CLIENT_CAPABILITIES,
        initializationOptions: options.initializationOptions,
        trace: options.trace,
      }),
      10000,
      'the initialize response',
    );
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Resolves with the first diagnostics for `uri` (already received or coming) that satisfy `predicate`. */
  waitForDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, ms = 8000): Promise<PublishDiagnosticsParams> {
    const last = this.diagnostics.get(uri);
    if (last && predicate(last)) return Promise.resolve(last);
    const p = new Promise<PublishDiagnosticsParams>((resolve) => this.waiters.push({ uri, predicate, resolve }));
    return withDeadline(p, ms, `diagnostics for ${uri}`);
  }

  /** Diagnostics for the document's current version. */
  waitForCurrentDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, ms = 8000): Promise<PublishDiagnosticsParams> {
    return this.waitForDiagnostics(uri, (p) => p.version === this.documents.get(uri)?.version && predicate(p), ms);
  }

  async open(uri: string, text: string, languageId = 'therapy-note'): Promise<TextDocument> {
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.documents.set(uri, doc);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return doc;
  }

  /** Sends an incremental change and applies it to the local copy. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<TextDocument> {
    const doc = this.documents.get(uri)!;
    const next = TextDocument.update(doc, changes, doc.version + 1);
    this.documents.set(uri, next);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: next.version }, contentChanges: changes });
    return next;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Applies an edit to the local documents and sends it to the server as incremental changes. */
  applyWorkspaceEdit(edit: WorkspaceEdit): boolean {
    const perDoc: [string, number | null, TextEdit[]][] = [];
    for (const dc of edit.documentChanges ?? []) {
      if ('textDocument' in dc) perDoc.push([dc.textDocument.uri, dc.textDocument.version, dc.edits as TextEdit[]]);
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) perDoc.push([uri, null, edits]);
    for (const [uri, version] of perDoc) {
      const doc = this.documents.get(uri);
      if (!doc || (version !== null && version !== doc.version)) return false;
    }
    for (const [uri, , edits] of perDoc) {
      const doc = this.documents.get(uri)!;
      // Send as one full-range change per document keeps the test simple and exact.
      const text = TextDocument.applyEdits(doc, edits);
      const end = doc.positionAt(doc.getText().length);
      void this.change(uri, [{ range: { start: { line: 0, character: 0 }, end }, text }]);
    }
    return true;
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    await withDeadline(this.connection.sendRequest(ShutdownRequest.type), 5000, 'the shutdown response');
    await this.connection.sendNotification(ExitNotification.type);
    const code = await withDeadline(this.exited, 5000, 'the server process to exit');
    this.connection.dispose();
    return code;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}
