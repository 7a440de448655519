/**
 * Wires the LSP connection to the feature modules: capabilities, document sync, settings, the
 * workspace index and one handler per feature. Every handler is guarded: a failure is logged
 * without note content and answered with an empty result, and the server keeps running.
 */
import {
  CodeLensRefreshRequest,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ChecklistRequest,
  FinalizeCheckRequest,
  NoteFromTemplateRequest,
  NoteItemsRequest,
  NoteSummaryRequest,
  type FinalizeParams,
  type NoteFromTemplateParams,
  type NoteParams,
  type NoteSummaryParams,
} from '../../../shared/protocol';
import { CrossNoteChecker, inSkippedFolder, isNoteFileName, NOTE_EXTENSION, noteFromTemplate, templateSnippet, unitsMethodFor, type FileAccess } from '../engine';
import { FIX_ALL_KIND, isFixAllData, provideCodeActions, resolveCodeAction } from './codeActions';
import { provideCodeLenses } from './codeLens';
import { executeCommand, noteSummary, SERVER_COMMANDS, type CommandContext } from './commands';
import { checklistResult, finalizeResult, noteItemsResult } from './draft';
import { COMPLETION_TRIGGERS, provideCompletion } from './completion';
import { provideFoldingRanges } from './folding';
import { provideHover } from './hover';
import { createLogger, guard, guardAsync } from './log';
import { SettingsStore, uriKey, uriToPath } from './settings';
import { installRuntime, runtime, type LspRuntime } from './runtime';
import { provideDocumentSymbols } from './symbols';
import { Validator, type OpenNoteState } from './validation';
import { Coalescer, WorkspaceIndex, type IndexProgress } from './workspaceIndex';

/** Show indexing progress from this many notes on (initializationOptions.progressThreshold overrides). */
const DEFAULT_PROGRESS_THRESHOLD = 50;
/** Templates larger than this are not turned into notes (`tnote/noteFromTemplate` answers null). */
const MAX_TEMPLATE_CHARS = 2_000_000;
/** A re-index after a config or settings change waits this long for more changes (saves in a row). */
const REINDEX_DELAY_MS = 250;
const CONFIG_FILE = /\/\.tnoterc\.ya?ml$/;

/** What the host gives the server: its file access and runtime (Node or web worker), and a note for the user. */
export interface ServerHost {
  fs: FileAccess;
  /**
   * A faster file access for reading many files in a row (a full indexing run), when the host has
   * one: Node's blocking flavour (it never waits on a pipe or device). Without it the index reads
   * ahead through `fs`, which may be asynchronous (a browser's `vscode.workspace.fs`).
   */
  bulkFs?: FileAccess;
  runtime: LspRuntime;
  /** Said once after start (output channel and a message), e.g. what this host cannot do. */
  notice?: string;
  /** Told the workspace folders' URIs at initialize and whenever they change (before they are used). */
  foldersChanged?(uris: readonly string[]): void;
}

export function startServer(connection: Connection, host: ServerHost): void {
  installRuntime(host.runtime);
  const path = runtime();
  const log = createLogger(connection);
  const documents = new TextDocuments(TextDocument);
  let caps: ClientCapabilities = {};
  let folders: WorkspaceFolder[] = [];
  let progressThreshold = DEFAULT_PROGRESS_THRESHOLD;

  const folderOf = (uri: string): string | undefined => {
    const key = uriKey(uri);
    return folders
      .map((f) => f.uri)
      .filter((f) => {
        const root = uriKey(f);
        return key === root || key.startsWith(root.endsWith('/') ? root : root + '/');
      })
      .sort((a, b) => b.length - a.length)[0];
  };
  const fs = host.fs;
  /**
   * Config files in a workspace folder are watched (when the client can): read once until they
   * change. Not in node_modules (a config package's file): editors do not watch there.
   */
  const watchedConfig = (file: string): boolean => {
    const uri = runtime().pathToUri(file);
    return !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration && CONFIG_FILE.test(uri) && !uri.includes('/node_modules/') && !!folderOf(uri);
  };
  const settings = new SettingsStore(connection, () => !!caps.workspace?.configuration, folderOf, fs, watchedConfig);
  /** A note file the index keeps: inside a workspace folder, not in a folder the walker skips. */
  const indexable = (uri: string): boolean => {
    const folder = folderOf(uri);
    const root = folder ? uriToPath(folder) : undefined;
    const file = uriToPath(uri);
    return !!root && !!file && isNoteFileName(path.basename(file)) && !inSkippedFolder(path.relative(root, file));
  };
  const crossNote = new CrossNoteChecker();
  const index = new WorkspaceIndex(async (uri) => (await settings.configFor(uri, await settings.settingsFor(folderOf(uri) ?? uri))).config, log, crossNote, fs, host.bulkFs);
  const validator = new Validator(connection, documents, settings, index, crossNote, log);
  const editSupport = () => ({
    documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
    resolveEdit: !!caps.textDocument?.codeAction?.dataSupport && !!caps.textDocument.codeAction.resolveSupport?.properties.includes('edit'),
  });
  const ctx: CommandContext = {
    connection,
    documents,
    validator,
    editSupport,
    canShowDocument: () => !!caps.window?.showDocument?.support,
    indexed: () => reindexer.idle().then(() => index.settled()),
  };

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    host.foldersChanged?.(folders.map((f) => f.uri));
    const opts = params.initializationOptions as { progressThreshold?: unknown; storagePath?: unknown } | undefined;
    if (typeof opts?.progressThreshold === 'number') progressThreshold = opts.progressThreshold;
    // The client's storage folder for this workspace: the index is saved there and restored on the next start.
    if (typeof opts?.storagePath === 'string' && opts.storagePath && path.isAbsolute(opts.storagePath)) index.persistIn(opts.storagePath);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: SERVER_COMMANDS },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'tnote-language-server' },
    };
  });

  // Full re-indexes are coalesced: a newer request replaces a pending one and stops one in progress.
  const reindexer = new Coalescer(async (current) => {
    try {
      await index.indexFolders(
        folders.map((f) => f.uri),
        progressReporter(),
      );
    } catch (err) {
      log.error(`tnote: indexing failed: ${String((err as Error)?.name)}`);
      return;
    }
    if (!current()) return;
    validator.runWorkspacePass();
    // Lenses asked for while the server was starting are drawn again with the full picture.
    if (caps.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });
  const reindex = (delayMs = 0) => {
    index.supersede();
    reindexer.request(delayMs);
  };

  const progressReporter = (): IndexProgress | undefined => {
    if (!caps.window?.workDoneProgress) return undefined;
    let reporter: ReturnType<typeof connection.window.createWorkDoneProgress> | undefined;
    return {
      begin(total) {
        if (total < progressThreshold) return;
        reporter = connection.window.createWorkDoneProgress().then((r) => {
          r.begin('Indexing therapy notes', 0, `0/${total}`, false);
          return r;
        });
      },
      report(done, total) {
        void reporter?.then((r) => r.report(Math.round((done / total) * 100), `${done}/${total}`));
      },
      done() {
        void reporter?.then((r) => r.done());
      },
    };
  };

  connection.onInitialized(() => {
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'tnote' });
    }
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/*${NOTE_EXTENSION}` }, { globPattern: '**/.tnoterc.{yaml,yml}' }],
      });
    }
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        folders = [...folders.filter((f) => !e.removed.some((r) => r.uri === f.uri)), ...e.added];
        host.foldersChanged?.(folders.map((f) => f.uri));
        index.retainFolders(folders.map((f) => f.uri));
        validator.runWorkspacePass();
        reindex();
      });
    }
    if (host.notice) {
      log.info(`tnote: ${host.notice}`);
      void connection.window.showInformationMessage(host.notice);
    }
    // Indexing runs in the background: open notes are checked as soon as they arrive.
    reindex();
  });

  documents.onDidOpen((e) => guard(log, 'didOpen', e.document.uri, undefined, () => validator.schedule(e.document, 'open')));
  documents.onDidChangeContent((e) => guard(log, 'didChange', e.document.uri, undefined, () => validator.schedule(e.document, 'change')));
  documents.onDidSave((e) => guard(log, 'didSave', e.document.uri, undefined, () => validator.schedule(e.document, 'save')));
  documents.onDidClose((e) => guard(log, 'didClose', e.document.uri, undefined, () => validator.closed(e.document.uri)));

  connection.onDidChangeConfiguration((change) =>
    guard(log, 'didChangeConfiguration', undefined, undefined, () => {
      settings.changed(change.settings);
      reindex(REINDEX_DELAY_MS);
      validator.revalidateAll();
    }),
  );

  connection.onDidChangeWatchedFiles((params) =>
    guardAsync(log, 'didChangeWatchedFiles', undefined, undefined, async () => {
      const configChanges = params.changes.filter((c) => CONFIG_FILE.test(c.uri));
      // Applied in order, one path after another (a create then a delete leaves nothing behind).
      await index.apply(
        params.changes
          .filter((c) => c.uri.toLowerCase().endsWith(NOTE_EXTENSION) && (c.type === FileChangeType.Deleted || indexable(c.uri)))
          .map((c) => ({ uri: c.uri, deleted: c.type === FileChangeType.Deleted })),
      );
      if (configChanges.length) {
        settings.configFilesChanged(configChanges.filter((c) => c.type === FileChangeType.Deleted).map((c) => c.uri));
        reindex(REINDEX_DELAY_MS);
        validator.revalidateAll();
      } else {
        validator.runWorkspacePass();
      }
    }),
  );

  connection.onCodeAction((params) =>
    guardAsync(log, 'codeAction', params.textDocument.uri, [], async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return provideCodeActions(params, doc, await validator.current(doc), editSupport());
    }),
  );

  connection.onCodeActionResolve((action) => {
    const uri = isFixAllData(action.data) ? action.data.uri : undefined;
    return guardAsync(log, 'codeAction/resolve', uri, action, async () => {
      const doc = uri ? documents.get(uri) : undefined;
      return doc ? resolveCodeAction(action, doc, await validator.current(doc), editSupport()) : action;
    });
  });

  connection.onCompletion((params) =>
    guardAsync(log, 'completion', params.textDocument.uri, [], async () => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? provideCompletion((await validator.current(doc)).result.note, params.position) : [];
    }),
  );

  connection.onHover((params) =>
    guardAsync(log, 'hover', params.textDocument.uri, null, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const state = await validator.current(doc);
      const note = state.result.note;
      // The billing numbers by the payer's units method, as the unit rules count them.
      return provideHover(note, note.lines.offsetAt(params.position), unitsMethodFor(state.result.profile, state.config));
    }),
  );

  connection.onDocumentSymbol((params) =>
    guardAsync(log, 'documentSymbol', params.textDocument.uri, [], async () => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? provideDocumentSymbols((await validator.current(doc)).result.note) : [];
    }),
  );

  connection.onFoldingRanges((params) =>
    guardAsync(log, 'foldingRange', params.textDocument.uri, [], async () => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? provideFoldingRanges((await validator.current(doc)).result.note) : [];
    }),
  );

  connection.onCodeLens((params) =>
    guardAsync(log, 'codeLens', params.textDocument.uri, [], async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const state = await validator.current(doc);
      return provideCodeLenses(state.result.note, unitsMethodFor(state.result.profile, state.config));
    }),
  );

  connection.onExecuteCommand((params) => guardAsync(log, `command ${params.command}`, undefined, null, () => executeCommand(ctx, params.command, params.arguments ?? [])));

  connection.onRequest(NoteSummaryRequest.type, (params: Partial<NoteSummaryParams> | null) =>
    guardAsync(log, NoteSummaryRequest.method, undefined, null, async () => (typeof params?.uri === 'string' ? noteSummary(ctx, params.uri) : null)),
  );

  /** Answers a request about one open note from its current lint state; null for an unknown note or bad parameters. */
  const aboutNote =
    <P extends NoteParams, R>(method: string, answer: (doc: TextDocument, state: OpenNoteState, params: P) => R) =>
    (params: Partial<P> | null): Promise<R | null> => {
      const uri = typeof params?.uri === 'string' ? params.uri : undefined;
      return guardAsync(log, method, uri, null, async () => {
        const doc = uri ? documents.get(uri) : undefined;
        return doc ? answer(doc, await validator.current(doc), params as P) : null;
      });
    };
  connection.onRequest(NoteItemsRequest.type, aboutNote(NoteItemsRequest.method, noteItemsResult));
  connection.onRequest(ChecklistRequest.type, aboutNote(ChecklistRequest.method, checklistResult));
  connection.onRequest(
    FinalizeCheckRequest.type,
    aboutNote(FinalizeCheckRequest.method, (doc, state, p: FinalizeParams) => finalizeResult(doc, state, typeof p.date === 'string' ? p.date : undefined)),
  );

  connection.onRequest(NoteFromTemplateRequest.type, (params: Partial<NoteFromTemplateParams> | null) =>
    guard(log, NoteFromTemplateRequest.method, undefined, null, () => {
      const text = params?.text;
      if (typeof text !== 'string' || text.length > MAX_TEMPLATE_CHARS) return null;
      return { text: noteFromTemplate(text), snippet: templateSnippet(text) };
    }),
  );

  // The saved index is written before the server goes (changes of the last moments included).
  connection.onShutdown(() => index.flush());

  documents.listen(connection);
  connection.listen();
}
