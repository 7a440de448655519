/**
 * Index of the `.tnote` notes on disk in the workspace folders, so workspace rules (such as
 * `repeat-initial-encounter`) also see notes that are not open. Built in the background after
 * `initialized` (yielding between files, so open-note diagnostics are never blocked) and kept
 * current through `workspace/didChangeWatchedFiles`.
 */
import { findNotes, isIgnored, lintFiles, LineStarts, type CrossNoteChecker, type FileAccess, type FileOutcome, type Finding, type PositionMap, type ReadPolicy, type ResolvedConfig } from '../engine';
import type { Logger } from './log';
import { describeError } from './log';
import { runtime } from './runtime';
import { uriKey, uriToPath } from './settings';

/**
 * What the index keeps of a note on disk: its note-rule findings without fixes (fixes are only
 * offered in open notes) and its line starts; its digest for the workspace rules goes to the
 * engine's cross-note stage. No text and no parse tree, so ten thousand notes stay within a few
 * tens of megabytes.
 */
export interface IndexedNote {
  uri: string;
  findings: Finding[];
  lines: PositionMap;
}

export interface IndexProgress {
  begin(total: number): void;
  report(done: number, total: number): void;
  done(): void;
}

/**
 * Notes larger than this are not indexed (they are still checked when opened); the text is decoded
 * as the editor would, invalid UTF-8 as U+FFFD, so a closed note shows what it would show open.
 */
const INDEX_READ_POLICY: ReadPolicy = { maxBytes: 2_000_000, decoding: 'lenient' };
/** Failures that need no log line: gone, too large, a folder. */
const QUIET = new Set(['ENOENT', 'EFBIG', 'EISDIR']);

export class WorkspaceIndex {
  private readonly notes = new Map<string, IndexedNote>();
  private generation = 0;

  /**
   * @param crossNote where indexed notes' digests go (the `disk` layer the open notes stand over)
   * @param fs file access for walking and reading (non-blocking: the event loop keeps serving)
   */
  constructor(
    private readonly configFor: (uri: string) => Promise<ResolvedConfig>,
    private readonly log: Logger,
    private readonly crossNote: CrossNoteChecker,
    private readonly fs: FileAccess,
  ) {}

  get size(): number {
    return this.notes.size;
  }

  get(uri: string): IndexedNote | undefined {
    return this.notes.get(uriKey(uri));
  }

  all(): IndexedNote[] {
    return [...this.notes.values()];
  }

  /** Finds every note under the folders (the engine's walker), then reads and lints them one at a time. */
  async indexFolders(folderUris: string[], progress?: IndexProgress): Promise<void> {
    const generation = ++this.generation;
    const roots = folderUris.map(uriToPath).filter((p): p is string => !!p);
    const files = (await findNotes(this.fs, roots, { ignored: (p, kind) => this.ignored(p, kind) })).notes.map((n) => n.path);
    if (generation !== this.generation) return; // superseded by a newer indexing run
    progress?.begin(files.length);
    const seen = new Set<string>();
    let slice = Date.now();
    let finished = false;
    await this.lint(files, (o) => seen.add(uriKey(runtime().pathToUri(o.file))), async (done, total) => {
      if (generation !== this.generation) return false;
      // Give the event loop (open-note diagnostics, requests) a turn every few milliseconds.
      if (Date.now() - slice >= 8 || done === total) {
        progress?.report(done, total);
        await runtime().yieldToEventLoop();
        slice = Date.now();
      }
      finished = done === total;
      return generation === this.generation;
    });
    if (generation !== this.generation || (!finished && files.length > 0)) return;
    for (const [key, n] of [...this.notes]) if (!seen.has(key) && this.inFolders(n.uri, folderUris)) this.drop(key);
    progress?.done();
    this.log.info(`tnote: indexed ${this.notes.size} note(s) in ${folderUris.length} workspace folder(s)`);
  }

  /** Re-reads one note from disk (created or changed). Returns false when it could not be read or is ignored. */
  async refresh(uri: string): Promise<boolean> {
    const file = uriToPath(uri);
    if (!file) return false;
    if (await this.ignored(file, 'file')) {
      this.drop(uriKey(uri));
      return false;
    }
    let ok = false;
    await this.lint([file], (o) => (ok = o.ok));
    return ok;
  }

  remove(uri: string): void {
    this.drop(uriKey(uri));
  }

  /** The engine's pipeline over files: each note's digest into the cross-note stage, the rest kept here. */
  private lint(files: string[], seen: (o: FileOutcome) => void, between?: (done: number, total: number) => Promise<boolean>): Promise<void> {
    const uriOf = (file: string) => runtime().pathToUri(file);
    return lintFiles(files, {
      fs: this.fs,
      read: INDEX_READ_POLICY,
      configFor: (file) => this.configFor(uriOf(file)),
      crossNote: this.crossNote,
      idOf: (file) => uriKey(uriOf(file)),
      nameOf: uriOf,
      between,
      onNote: (o) => {
        seen(o);
        const uri = uriOf(o.file);
        if (!o.ok) {
          this.notes.delete(uriKey(uri));
          if (o.cause || (o.code && !QUIET.has(o.code))) this.log.warn(`tnote: could not index ${uri}: ${o.cause ? describeError(o.cause) : o.code}`);
          return;
        }
        this.notes.set(uriKey(uri), {
          uri,
          findings: o.result.findings.map((f) => ({ ...f, fixes: [] })),
          lines: new LineStarts(o.result.note.lines),
        });
      },
    });
  }

  /** Left out by the `ignore:` patterns of the config that applies in the path's folder (as the CLI does). */
  private async ignored(file: string, kind: 'file' | 'directory'): Promise<boolean> {
    try {
      return isIgnored([(await this.configFor(runtime().pathToUri(file))).ignore], file, kind);
    } catch {
      return false;
    }
  }

  private drop(key: string): void {
    this.notes.delete(key);
    this.crossNote.delete(key);
  }

  private inFolders(uri: string, folderUris: string[]): boolean {
    return folderUris.some((f) => uri.startsWith(f.endsWith('/') ? f : `${f}/`));
  }
}
