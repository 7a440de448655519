/**
 * Index of the `.tnote` notes on disk in the workspace folders, so workspace rules (such as
 * `repeat-initial-encounter`) also see notes that are not open. Built in the background after
 * `initialized` (yielding between files, so open-note diagnostics are never blocked) and kept
 * current through `workspace/didChangeWatchedFiles`.
 *
 * The index is exact:
 * - One note per real file: a note is identified by its real path (every symbolic link resolved),
 *   so a note reached by two paths is one note, in the index and in the cross-note stage; open
 *   notes use the same identity ({@link WorkspaceIndex.idOf}).
 * - Updates are ordered per path: every watched change bumps the path's generation and is applied
 *   in arrival order; a read that a newer change to the same path has overtaken is dropped, so a
 *   note created and deleted in quick succession leaves no trace, and a full re-index never
 *   brings back a note that a change event removed meanwhile.
 * - A note that leaves the index (deleted, unreadable, its folder removed from the workspace) is
 *   taken out of the cross-note stage and its listener is told, so its diagnostics go too.
 */
import {
  findNotes,
  isIgnored,
  configFingerprint,
  lintFiles,
  type CrossNoteChecker,
  type FileAccess,
  type FileOutcome,
  type FileStat,
  type Finding,
  type NoteDigest,
  type PositionMap,
  type ReadPolicy,
  type ResolvedConfig,
} from '../engine';
import type { Logger } from './log';
import {
  configOf,
  encodeLines,
  INDEX_FILE_NAME,
  MAX_INDEX_BYTES,
  noteRecord,
  parseIndex,
  serializeIndex,
  stampOf,
  StoredLines,
  type FileStamp,
  type IndexRecord,
  type StoredNote,
} from './persistedIndex';
import { describeError } from './log';
import { runtime } from './runtime';
import { uriKey, uriToPath } from './settings';

/**
 * What the index keeps of a note on disk: its note-rule findings without fixes (fixes are only
 * offered in open notes) once they are needed, and its line starts; its digest for the workspace
 * rules goes to the engine's cross-note stage. No text and no parse tree, so ten thousand notes
 * stay within a few tens of megabytes.
 *
 * A note's own findings are only shown for notes that are not open with "Check All Notes in
 * Workspace", so until then the index only parses notes for their digests (the note rules are most
 * of the cost of indexing): their findings are unknown until {@link WorkspaceIndex.computeFindings}.
 */
export interface IndexedNote {
  /** The URI the note is shown under: the first path it was found by. */
  uri: string;
  /** Its identity (the key of its real path), also its id in the cross-note stage. */
  id: string;
  /** Its note-rule findings without fixes; undefined: not computed yet (see {@link WorkspaceIndex.computeFindings}). */
  findings: Finding[] | undefined;
  lines: PositionMap;
}

interface Entry extends IndexedNote {
  /** The file-access path of {@link IndexedNote.uri}. */
  file: string;
  /** Line starts, encoded (decoded when a position in the note is first asked for). */
  lines: StoredLines;
  /** Every path (key → URI) the note was indexed under; more than one through symbolic links. */
  paths: Map<string, string>;
  /** The file's stamp when it was read (for the saved index). */
  stamp: FileStamp;
  /** Its digest for the workspace rules (for the saved index). */
  digest: NoteDigest;
  /** Its record in the saved index, made at the first save after it was (re)read. */
  record?: IndexRecord | null;
}

export interface IndexProgress {
  begin(total: number): void;
  report(done: number, total: number): void;
  done(): void;
}

/** A change to a note file on disk, as a file watcher reports it. */
export interface NoteFileChange {
  uri: string;
  deleted: boolean;
}

/**
 * Notes larger than this are not indexed (they are still checked when opened); the text is decoded
 * as the editor would, invalid UTF-8 as U+FFFD, so a closed note shows what it would show open.
 */
const INDEX_READ_POLICY: ReadPolicy = { maxBytes: 2_000_000, decoding: 'lenient' };
/**
 * How many files are read ahead of the note being checked during a full indexing run. Notes are
 * still checked and committed one at a time, in order; only their stat and read round trips
 * overlap (each one an idle wait on the thread pool, or on the client for a remote file access).
 */
const READ_AHEAD = 24;
/** The saved index is written this long after the last change to the index (changes in a row: once). */
const SAVE_DELAY_MS = 1500;
/** Files whose stamps are checked at once when a restart restores the saved index. */
const RESTORE_BATCH = 64;
/** Failures that need no log line: gone, too large, a folder. */
const QUIET = new Set(['ENOENT', 'EFBIG', 'EISDIR']);

/**
 * Long work in slices of a few milliseconds, each followed by a turn for the event loop (open-note
 * diagnostics, requests): `due` says the slice has run its time, `take` yields and starts the next.
 */
class Turns {
  private static readonly SLICE_MS = 8;
  private start = Date.now();

  get due(): boolean {
    return Date.now() - this.start >= Turns.SLICE_MS;
  }

  async take(): Promise<void> {
    await runtime().yieldToEventLoop();
    this.start = Date.now();
  }
}

/** The key of a path's URI ({@link uriKey}); of a real path, the identity of the note there. */
function keyOfPath(path: string): string {
  const r = runtime();
  return r.pathKey ? r.pathKey(path) : uriKey(r.pathToUri(path));
}

/** A file to lint, with where it came from. */
class Item {
  private shownAs: string | undefined;

  /**
   * @param key the key of its path ({@link keyOfPath})
   * @param id its identity (the key of its real path)
   * @param current whether an outcome for this item may still be committed (no newer change overtook it)
   */
  constructor(
    readonly file: string,
    readonly key: string,
    readonly id: string,
    readonly current: () => boolean,
    uri?: string,
  ) {
    this.shownAs = uri;
  }

  /** Its URI (made when first needed: a restored note has its saved one). */
  get uri(): string {
    return (this.shownAs ??= runtime().pathToUri(this.file));
  }

  set uri(uri: string) {
    this.shownAs = uri;
  }
}

/**
 * Configs of one full indexing run by folder: every note in a folder has the config of that folder
 * (same workspace folder, same config files above it), so it is looked up once per folder, not per
 * note. A run sees a config change by being superseded by the re-index that change asks for.
 */
class RunConfigs {
  /** Folder → its config, as looked up. */
  readonly pending = new Map<string, Promise<ResolvedConfig>>();
  /** Folder → its config, once looked up (used without waiting). */
  readonly known = new Map<string, ResolvedConfig>();
}

export class WorkspaceIndex {
  /** Notes by identity. */
  private readonly notes = new Map<string, Entry>();
  /** Path key → identity, for every path a note was indexed under. */
  private readonly aliases = new Map<string, string>();
  /** Identities of other paths (open notes), resolved once per path until a change to it. */
  private readonly resolved = new Map<string, Promise<string>>();
  /** Path key → sequence number of the latest watched change to it. */
  private readonly latest = new Map<string, number>();
  private sequence = 0;
  /** Watched changes, applied one after another in arrival order. */
  private queue: Promise<void> = Promise.resolve();
  private generation = 0;
  /** Told the URIs of notes that left the index (to withdraw their diagnostics). */
  onDropped: (uris: string[]) => void = () => undefined;
  /** Told the identity of a note read (again) into the index. */
  onUpdated: (id: string) => void = () => undefined;
  /** The storage folder the index is saved in (none: not saved). */
  private storageFolder: string | undefined;
  /** The saved index, loading or loaded, by path key: used by the next full run that completes. */
  private restorable: Promise<Map<string, StoredNote> | undefined> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  /** Whether the index changed since it was last saved. */
  private unsaved = false;
  /** A full run is in progress (the index is saved when it ends, not during it). */
  private running = 0;
  /** Notes read from now on are checked in full (their findings are shown), not only digested. */
  private withFindings = false;
  /** A {@link computeFindings} pass in progress. */
  private computing: Promise<void> | undefined;

  /**
   * @param crossNote where indexed notes' digests go (the `disk` layer the open notes stand over)
   * @param fs file access for walking and reading (non-blocking: the event loop keeps serving)
   * @param bulkFs a faster file access for full indexing runs, when the host has one (Node: the
   *   blocking flavour, which never waits on a pipe or device and is used between yields to the
   *   event loop); without it, full runs read {@link READ_AHEAD} files ahead through `fs`
   */
  constructor(
    private readonly configFor: (uri: string) => Promise<ResolvedConfig>,
    private readonly log: Logger,
    private readonly crossNote: CrossNoteChecker,
    private readonly fs: FileAccess,
    private readonly bulkFs?: FileAccess,
  ) {}

  get size(): number {
    return this.notes.size;
  }

  /**
   * Saves the index in `folder` (debounced, atomically) and starts loading what an earlier session
   * saved there, for the next full run to restore: notes whose file stamps and config are as saved
   * are trusted without reading them, others are read again, notes no longer found are left out.
   * A saved index that is damaged, cut short, foreign or from another version is discarded.
   */
  persistIn(folder: string): void {
    const storage = runtime().storage;
    if (!storage) return;
    this.storageFolder = folder;
    this.restorable = storage.read(folder, INDEX_FILE_NAME, MAX_INDEX_BYTES).then(
      (text) => {
        if (text === undefined) return undefined;
        const loaded = parseIndex(text, storage.build);
        if (!loaded.ok) {
          this.log.info(`tnote: the saved workspace index was discarded: ${loaded.reason}`);
          return undefined;
        }
        return loaded.notes;
      },
      (err) => {
        this.log.info(`tnote: the saved workspace index was discarded: ${describeError(err)}`);
        return undefined;
      },
    );
  }

  /** Writes the saved index now if it changed (the server is shutting down). */
  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.unsaved) this.save();
    await this.saving;
  }

  private changed(): void {
    if (this.storageFolder === undefined) return;
    this.unsaved = true;
    if (this.running > 0) return; // saved when the run ends
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.save();
    }, SAVE_DELAY_MS);
  }

  /** A note's record for the saved index (made once after it was (re)read); null when it cannot be saved. */
  private recordOf(entry: Entry): IndexRecord | null {
    if (entry.record === undefined) {
      const record = noteRecord({ ...entry, path: entry.file, key: keyOfPath(entry.file) });
      entry.record = record === undefined ? null : { config: configOf(entry), record };
    }
    return entry.record;
  }

  private save(): void {
    const storage = runtime().storage;
    const folder = this.storageFolder;
    if (!storage || folder === undefined) return;
    this.unsaved = false;
    this.saving = this.saving
      .then(async () => storage.write(folder, INDEX_FILE_NAME, serializeIndex(await this.recordsInTurns(), storage.build)))
      .catch((err) => this.log.warn(`tnote: could not save the workspace index: ${describeError(err)}`));
  }

  /**
   * Every note's record, made a few milliseconds at a time with turns for other work in between
   * (after a full run, ten thousand records take a noticeable moment; keystrokes come first). The
   * index may change meanwhile: each record is true of its note when made, and what changed after
   * is saved next time (a saved entry is only trusted when the file's stamp still matches).
   */
  private async recordsInTurns(): Promise<IndexRecord[]> {
    const out: IndexRecord[] = [];
    // A note read again meanwhile may come round twice (a path is saved once: twice would spoil the file).
    const done = new Set<string>();
    const turns = new Turns();
    for (const entry of this.notes.values()) {
      if (done.has(entry.file)) continue;
      done.add(entry.file);
      const record = this.recordOf(entry);
      if (record) out.push(record);
      if (done.size % 128 === 0 && turns.due) await turns.take();
    }
    return out;
  }

  /**
   * Computes the findings of every indexed note whose findings are unknown (read again, in
   * order, with turns for other work in between, as a full run does); from now on every note read
   * into the index is checked in full. Resolves when every note has its findings (a note changed
   * meanwhile is read again by its change, in full).
   */
  computeFindings(): Promise<void> {
    this.withFindings = true;
    return (this.computing ??= this.computeMissing().finally(() => (this.computing = undefined)));
  }

  private async computeMissing(): Promise<void> {
    // A note whose outcome a newer change overtook is left to that change (read in full now); a
    // few rounds cover notes caught between the two.
    for (let round = 0; round < 3; round++) {
      const missing = [...this.notes.values()].filter((e) => e.findings === undefined);
      if (missing.length === 0) return;
      const generation = this.generation;
      const started = this.sequence;
      const items = missing.map((e) => {
        const key = keyOfPath(e.file);
        return new Item(e.file, key, e.id, () => (this.latest.get(key) ?? 0) <= started && generation === this.generation, e.uri);
      });
      const turns = new Turns();
      await this.lint(
        items,
        this.bulkFs ?? this.fs,
        () => undefined,
        undefined,
        async () => {
          if (turns.due) await turns.take();
          return generation === this.generation; // a full run (reading in full) took over
        },
      );
    }
  }

  /** The indexed note a URI leads to (any of its paths). */
  get(uri: string): IndexedNote | undefined {
    const id = this.aliases.get(uriKey(uri));
    return id === undefined ? undefined : this.notes.get(id);
  }

  byId(id: string): IndexedNote | undefined {
    return this.notes.get(id);
  }

  all(): IterableIterator<IndexedNote> {
    return this.notes.values();
  }

  /**
   * The identity of the note at `uri` (its real path's key), the id an open note goes by in the
   * cross-note stage so that it replaces its copy on disk whichever path it was opened by. A URI
   * that is not a file, or a file that does not exist, is its own identity.
   */
  idOf(uri: string): Promise<string> {
    const key = uriKey(uri);
    const known = this.aliases.get(key);
    if (known !== undefined) return Promise.resolve(known);
    let p = this.resolved.get(key);
    if (!p) {
      const file = uriToPath(uri);
      p = file ? this.fs.realPath(file).then(keyOfPath, () => key) : Promise.resolve(key);
      this.resolved.set(key, p);
    }
    return p;
  }

  /** Forgets the identity resolved for a path that is not indexed (its editor closed). */
  forgetIdentity(uri: string): void {
    this.resolved.delete(uriKey(uri));
  }

  /**
   * Applies watched changes in arrival order (after those already queued); resolves when these
   * are applied. Each change supersedes earlier ones to the same path that have not run yet.
   */
  apply(changes: readonly NoteFileChange[]): Promise<void> {
    for (const change of changes) {
      const key = uriKey(change.uri);
      const seq = ++this.sequence;
      this.latest.set(key, seq);
      this.resolved.delete(key);
      this.queue = this.queue.then(() => this.applyOne(change, key, seq)).catch((err) => this.log.error(`tnote: updating the index failed: ${describeError(err)}`));
    }
    return this.queue;
  }

  /** Resolves once every watched change received so far is applied. */
  settled(): Promise<void> {
    return this.queue;
  }

  /** Stops a full indexing run in progress at its next pause (a newer one is coming). */
  supersede(): void {
    this.generation++;
  }

  /** Drops at once the notes none of whose paths lies in these folders (a folder was removed). */
  retainFolders(folderUris: readonly string[]): void {
    const roots = folderUris.map((f) => {
      let r = uriKey(f);
      while (r.length > 1 && (r.endsWith('/') || r.endsWith('\\'))) r = r.slice(0, -1);
      return r;
    });
    const inside = (key: string) => roots.some((r) => key === r || key.startsWith(`${r}/`));
    for (const entry of [...this.notes.values()]) if (![...entry.paths.keys()].some(inside)) this.drop(entry.id);
  }

  /**
   * Finds every note under the folders (the engine's walker), then reads and lints them one at a
   * time; afterwards notes that were not found are dropped (unless a watched change to them came
   * in meanwhile: that change decides).
   */
  async indexFolders(folderUris: string[], progress?: IndexProgress): Promise<void> {
    this.running++;
    try {
      await this.indexRun(folderUris, progress);
    } finally {
      this.running--;
      if (this.unsaved) this.changed();
    }
  }

  private async indexRun(folderUris: string[], progress?: IndexProgress): Promise<void> {
    const generation = ++this.generation;
    const started = this.sequence;
    const untouched = (key: string) => (this.latest.get(key) ?? 0) <= started;
    const roots = folderUris.map(uriToPath).filter((p): p is string => !!p);
    const configs = new RunConfigs();
    const found = (await findNotes(this.bulkFs ?? this.fs, roots, { ignored: (p, kind) => this.ignored(p, kind, configs) })).notes;
    if (generation !== this.generation) return; // superseded by a newer indexing run
    const items = found.map((n) => {
      const key = keyOfPath(n.path);
      return new Item(n.path, key, n.real === n.path ? key : keyOfPath(n.real), () => untouched(key) && generation === this.generation);
    });
    progress?.begin(items.length);
    const seen = new Set<string>();
    const saved = await this.restorable;
    if (generation !== this.generation) return;
    const toRead = saved ? await this.restore(items, saved, (id) => seen.add(id), configs) : items;
    if (generation !== this.generation) return;
    const restored = items.length - toRead.length;
    if (restored > 0) progress?.report(restored, items.length);
    const turns = new Turns();
    let reported = 0;
    let finished = false;
    await this.lint(
      toRead,
      this.bulkFs ?? this.fs,
      (id) => seen.add(id),
      configs,
      async (done, total) => {
        if (generation !== this.generation) return false;
        // Give the event loop (open-note diagnostics, requests) a turn every few milliseconds.
        if (turns.due || done === total) {
          // Progress goes to the client a few times a second, not at every pause.
          if (Date.now() - reported >= 200 || done === total) {
            progress?.report(restored + done, items.length);
            reported = Date.now();
          }
          await turns.take();
        }
        finished = done === total;
        return generation === this.generation;
      },
    );
    if (generation !== this.generation || (!finished && toRead.length > 0)) return;
    for (const entry of [...this.notes.values()]) {
      if (!seen.has(entry.id) && [...entry.paths.keys()].every(untouched)) this.drop(entry.id);
    }
    this.restorable = undefined; // restored once; later runs read every note
    progress?.done();
    const fromSaved = saved ? `, ${restored} from the saved index` : '';
    this.log.info(`tnote: indexed ${this.notes.size} note(s) in ${folderUris.length} workspace folder(s)${fromSaved}`);
  }

  private async applyOne(change: NoteFileChange, key: string, seq: number): Promise<void> {
    const current = () => this.latest.get(key) === seq;
    if (!current()) return; // a newer change to this path follows and decides
    if (change.deleted) {
      this.detach(key);
      return;
    }
    const file = uriToPath(change.uri);
    if (!file) return;
    let real: string;
    try {
      real = await this.fs.realPath(file);
    } catch {
      if (current()) this.detach(key); // gone again, or a dangling link
      return;
    }
    if (!current()) return;
    if (await this.ignored(file, 'file')) {
      if (current()) this.detach(key); // left out by ignore: patterns (as the CLI does)
      return;
    }
    if (!current()) return;
    await this.lint([new Item(file, key, keyOfPath(real), current, change.uri)], this.fs, () => undefined);
  }

  /**
   * Left out by the `ignore:` patterns of the config that applies in the path's folder (as the CLI
   * does). In a full run, a note's config is its folder's ({@link RunConfigs}).
   */
  private async ignored(file: string, kind: 'file' | 'directory', configs?: RunConfigs): Promise<boolean> {
    try {
      const config = kind === 'file' && configs ? this.configIn(configs, file) : this.configFor(runtime().pathToUri(file));
      return isIgnored([(await config).ignore], file, kind);
    } catch {
      return false;
    }
  }

  /** The config of the note at `file` during a full run: its folder's, looked up once. */
  private configIn(configs: RunConfigs, file: string, uri?: string): Promise<ResolvedConfig> {
    const folder = (this.bulkFs ?? this.fs).dirname(file);
    let config = configs.pending.get(folder);
    if (!config) {
      config = this.configFor(uri ?? runtime().pathToUri(file));
      config.then(
        (c) => configs.known.set(folder, c),
        () => undefined,
      );
      configs.pending.set(folder, config);
    }
    return config;
  }

  /** The engine's pipeline over files: each outcome that is still current is committed. */
  private lint(items: Item[], fs: FileAccess, seen: (id: string) => void, configs?: RunConfigs, between?: (done: number, total: number) => Promise<boolean>): Promise<void> {
    const byFile = new Map(items.map((i) => [i.file, i]));
    const files = items.map((i) => i.file);
    return lintFiles(files, {
      fs: files.length > 1 && fs !== this.bulkFs ? readAhead(fs, files, READ_AHEAD, INDEX_READ_POLICY.maxBytes) : fs,
      read: INDEX_READ_POLICY,
      configFor: (file) => {
        const item = byFile.get(file)!;
        return configs ? this.configIn(configs, file, item.uri) : this.configFor(item.uri);
      },
      // A note keeps the name (URI) it is indexed under, whichever path it was read by now.
      nameOf: (file) => {
        const item = byFile.get(file)!;
        return this.notes.get(item.id)?.uri ?? item.uri;
      },
      between,
      digestOnly: () => !this.withFindings,
      onNote: (o) => this.commit(byFile.get(o.file)!, o, seen),
    });
  }

  private commit(item: Item, o: FileOutcome, seen: (id: string) => void): void {
    if (!item.current()) return; // overtaken by a newer change to this path
    if (!o.ok) {
      // Unreadable now (deleted, too large, not a file): the note leaves the index under every path.
      const id = this.aliases.get(item.key) ?? item.id;
      if (this.notes.has(id)) this.drop(id);
      else this.detach(item.key);
      if (o.cause || (o.code && !QUIET.has(o.code))) this.log.warn(`tnote: could not index ${item.uri}: ${o.cause ? describeError(o.cause) : o.code}`);
      return;
    }
    const findings = o.digestOnly ? undefined : o.result.findings.map((f) => ({ ...f, fixes: [] }));
    const lines = o.result.note.lines;
    this.put(item, findings, new StoredLines(encodeLines(lines.lineStarts), lines.text.length), o.digest, stampOf(o.stat, Date.now()), seen);
    this.changed();
  }

  /** Puts a note (read now, or restored from the saved index) into the index under the item's path. */
  private put(item: Item, findings: Finding[] | undefined, lines: StoredLines, digest: NoteDigest, stamp: FileStamp, seen: (id: string) => void): void {
    const previous = this.aliases.get(item.key);
    if (previous !== undefined && previous !== item.id) this.detach(item.key); // a link that now leads elsewhere
    const entry = this.notes.get(item.id) ?? { uri: item.uri, file: item.file, id: item.id, findings, lines, digest, stamp, paths: new Map<string, string>() };
    entry.findings = findings;
    entry.lines = lines;
    entry.digest = digest;
    entry.stamp = stamp;
    entry.record = undefined;
    entry.paths.set(item.key, item.uri);
    this.notes.set(item.id, entry);
    this.aliases.set(item.key, item.id);
    this.crossNote.set(item.id, digest);
    seen(item.id);
    this.onUpdated(item.id);
  }

  /**
   * Restores from the saved index every item whose file has the saved stamp and whose config is
   * the one it was checked with; returns the items to read (changed, new, racy, or not saved).
   */
  private async restore(items: Item[], saved: Map<string, StoredNote>, seen: (id: string) => void, configs: RunConfigs): Promise<Item[]> {
    const fs = this.bulkFs ?? this.fs;
    const toRead: Item[] = [];
    const check = async (item: Item): Promise<void> => {
      const s = saved.get(item.file);
      if (!s || (s.id ?? item.key) !== item.id || s.racy) return void toRead.push(item);
      let config: ResolvedConfig;
      try {
        const stat = await fs.stat(item.file);
        if (stat.kind !== 'file' || stat.size !== s.size || stat.mtimeMs !== s.mtimeMs) return void toRead.push(item);
        // Its URI as saved: the same path gives the same URI.
        item.uri = s.uri;
        config = configs.known.get(fs.dirname(item.file)) ?? (await this.configIn(configs, item.file, s.uri));
      } catch {
        return void toRead.push(item); // reading it says what is wrong
      }
      if (configFingerprint(config) !== s.config) return void toRead.push(item);
      if (!item.current()) return; // a newer change to this path decides
      const name = this.notes.get(item.id)?.uri ?? item.uri;
      const digest: NoteDigest = { file: name, profile: s.profile, config, summaries: new Map(s.summaries) };
      this.put(item, s.findings, s.lines, digest, { size: s.size, mtimeMs: s.mtimeMs, racy: false }, seen);
    };
    for (let i = 0; i < items.length; i += RESTORE_BATCH) {
      await Promise.all(items.slice(i, i + RESTORE_BATCH).map(check));
      if (!items[i].current()) break;
    }
    return toRead;
  }

  /** A path no longer leads to its note: the note leaves the index when no other path leads to it. */
  private detach(key: string): void {
    const id = this.aliases.get(key);
    this.aliases.delete(key);
    const entry = id === undefined ? undefined : this.notes.get(id);
    if (!entry) return;
    const uri = entry.paths.get(key);
    entry.paths.delete(key);
    if (entry.paths.size === 0) {
      this.drop(entry.id);
      return;
    }
    if (uri === entry.uri) {
      // Shown under another of its paths from now on: read it again under that name.
      const otherUri = entry.paths.values().next().value as string;
      entry.uri = otherUri;
      entry.file = uriToPath(otherUri) ?? entry.file;
      entry.record = undefined;
      this.onDropped([uri]);
      void this.apply([{ uri: otherUri, deleted: false }]);
    }
  }

  private drop(id: string): void {
    const entry = this.notes.get(id);
    if (!entry) return;
    this.changed();
    this.notes.delete(id);
    for (const key of entry.paths.keys()) if (this.aliases.get(key) === id) this.aliases.delete(key);
    this.crossNote.delete(id);
    this.onDropped([entry.uri, ...[...entry.paths.values()].filter((u) => u !== entry.uri)]);
  }
}

/**
 * A file access that, while `files` are checked one after another, keeps the stat and read of the
 * next `depth` files in flight: the checking loop stays sequential (updates stay ordered), but it
 * no longer waits for each file's round trips in turn. Each prefetched answer is handed out once;
 * anything else goes straight to `fs`. Works over any (asynchronous) file access.
 */
export function readAhead(fs: FileAccess, files: readonly string[], depth: number, maxBytes: number): FileAccess {
  const position = new Map<string, number>();
  files.forEach((f, i) => {
    if (!position.has(f)) position.set(f, i);
  });
  const pending = new Map<string, { stat: Promise<FileStat>; bytes: Promise<Uint8Array | undefined> }>();
  let next = 0;
  const quiet = <T>(p: Promise<T>) => {
    p.catch(() => undefined); // consumed (and reported) by whoever asks; never an unhandled rejection
    return p;
  };
  const fill = (upTo: number) => {
    for (; next < files.length && next <= upTo; next++) {
      const file = files[next];
      if (pending.has(file)) continue;
      const stat = quiet(fs.stat(file));
      const bytes = quiet(stat.then((s) => (s.kind === 'file' && s.size <= maxBytes ? fs.readFile(file, { maxBytes }) : undefined)));
      pending.set(file, { stat, bytes });
    }
  };
  return {
    readDirectory: (dir) => fs.readDirectory(dir),
    realPath: (file) => fs.realPath(file),
    join: (dir, name) => fs.join(dir, name),
    dirname: (file) => fs.dirname(file),
    resolve: (dir, file) => fs.resolve(dir, file),
    stat(file) {
      const i = position.get(file);
      if (i === undefined) return fs.stat(file);
      fill(i + depth);
      const p = pending.get(file);
      return p ? p.stat : fs.stat(file);
    },
    async readFile(file, options) {
      const p = pending.get(file);
      if (!p || options?.maxBytes !== maxBytes) return fs.readFile(file, options);
      pending.delete(file);
      const bytes = await p.bytes;
      return bytes ?? fs.readFile(file, options);
    },
  };
}

/**
 * Coalesces requests for a task that is costly and whose latest run is all that matters (a full
 * re-index after config files changed): a request waits `delayMs` for more, and a newer request
 * replaces one that has not started (a run in progress is the task's to stop, see
 * {@link WorkspaceIndex.supersede}). Runs never overlap. So six saves of a config file within
 * 300 ms give one re-index.
 */
export class Coalescer {
  private timer: NodeJS.Timeout | undefined;
  private ticket = 0;
  private completed = 0;
  private chain: Promise<void> = Promise.resolve();
  private waiters: (() => void)[] = [];

  /** @param task the work; `current()` turns false once a newer request came in */
  constructor(private readonly task: (current: () => boolean) => Promise<void>) {}

  request(delayMs = 0): void {
    const ticket = ++this.ticket;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.chain = this.chain.then(async () => {
        if (ticket === this.ticket) await this.task(() => ticket === this.ticket).catch(() => undefined);
        this.completed = Math.max(this.completed, ticket);
        if (this.completed === this.ticket) for (const resolve of this.waiters.splice(0)) resolve();
      });
    }, delayMs);
  }

  /** Resolves once the latest request has run. */
  idle(): Promise<void> {
    if (this.completed === this.ticket) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
