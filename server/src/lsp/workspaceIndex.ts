/**
 * Index of the `.tnote` notes on disk in the workspace folders, so workspace rules (such as
 * `repeat-initial-encounter`) also see notes that are not open. Built in the background after
 * `initialized` (yielding between files, so open-note diagnostics are never blocked) and kept
 * current through `workspace/didChangeWatchedFiles`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { digestNote, LineStarts, lintText, type Finding, type NoteDigest, type PositionMap, type ResolvedConfig } from '../engine';
import type { Logger } from './log';
import { describeError } from './log';
import { uriKey, uriToPath } from './settings';

/**
 * What the index keeps of a note on disk: its digest for the workspace rules, its note-rule
 * findings without fixes (fixes are only offered in open notes) and its line starts. No text and
 * no parse tree, so ten thousand notes stay within a few tens of megabytes.
 */
export interface IndexedNote {
  uri: string;
  digest: NoteDigest;
  findings: Finding[];
  lines: PositionMap;
}

export interface IndexProgress {
  begin(total: number): void;
  report(done: number, total: number): void;
  done(): void;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
export const NOTE_EXTENSION = '.tnote';
/** Notes larger than this are not indexed (they are still checked when opened). */
const MAX_INDEXED_BYTES = 2_000_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkspaceIndex {
  private readonly notes = new Map<string, IndexedNote>();
  private generation = 0;

  constructor(
    private readonly configFor: (uri: string) => Promise<ResolvedConfig>,
    private readonly log: Logger,
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

  /** Finds every note under the folders, then reads and lints them one at a time. */
  async indexFolders(folderUris: string[], progress?: IndexProgress): Promise<void> {
    const generation = ++this.generation;
    const files: string[] = [];
    for (const folder of folderUris) {
      const root = uriToPath(folder);
      if (root) await collectNotes(root, files);
    }
    progress?.begin(files.length);
    const seen = new Set<string>();
    let slice = Date.now();
    for (let i = 0; i < files.length; i++) {
      if (generation !== this.generation) return; // superseded by a newer indexing run
      const uri = pathToFileURL(files[i]).toString();
      seen.add(uriKey(uri));
      await this.refresh(uri);
      // Give the event loop (open-note diagnostics, requests) a turn every few milliseconds.
      if (Date.now() - slice >= 8 || i === files.length - 1) {
        progress?.report(i + 1, files.length);
        await yieldToEventLoop();
        slice = Date.now();
      }
    }
    for (const [key, n] of [...this.notes]) if (!seen.has(key) && this.inFolders(n.uri, folderUris)) this.notes.delete(key);
    progress?.done();
    this.log.info(`tnote: indexed ${this.notes.size} note(s) in ${folderUris.length} workspace folder(s)`);
  }

  /** Re-reads one note from disk (created or changed). Returns false when it could not be read. */
  async refresh(uri: string): Promise<boolean> {
    const file = uriToPath(uri);
    if (!file) return false;
    try {
      const stat = await fs.promises.stat(file);
      if (!stat.isFile() || stat.size > MAX_INDEXED_BYTES) {
        this.notes.delete(uriKey(uri));
        return false;
      }
      const text = await fs.promises.readFile(file, 'utf8');
      const config = await this.configFor(uri);
      const result = lintText(text, config);
      this.notes.set(uriKey(uri), {
        uri,
        digest: digestNote(uri, result.note, result.profile, config),
        findings: result.findings.map((f) => ({ ...f, fixes: [] })),
        lines: new LineStarts(result.note.lines),
      });
      return true;
    } catch (err) {
      this.notes.delete(uriKey(uri));
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn(`tnote: could not index ${uri}: ${describeError(err)}`);
      return false;
    }
  }

  remove(uri: string): void {
    this.notes.delete(uriKey(uri));
  }

  private inFolders(uri: string, folderUris: string[]): boolean {
    return folderUris.some((f) => uri.startsWith(f.endsWith('/') ? f : `${f}/`));
  }
}

async function collectNotes(dir: string, out: string[]): Promise<void> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await collectNotes(path.join(dir, e.name), out);
    } else if (e.isFile() && e.name.toLowerCase().endsWith(NOTE_EXTENSION)) {
      out.push(path.join(dir, e.name));
    }
  }
}
