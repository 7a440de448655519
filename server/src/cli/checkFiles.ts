/**
 * `tnote check`: the engine's pipeline (lintFiles) over the expanded paths, with the CLI's
 * reading policy, `--fix` writes and report rows. Each note's rows go to the caller as soon as it
 * is checked (the CLI spills them to disk, cli/output.ts), and one digest per note is kept, as
 * JSON text, for the cross-note rules; so memory stays flat however many notes one call checks.
 * (Worker threads were measured on the 2-core CI machine: no gain, so there are none.)
 */
import * as path from 'node:path';
import {
  ConfigLoader,
  CrossNoteBatch,
  crossNoteFindingsByFile,
  lintFiles,
  readNoteBytes,
  withSummariesText,
  type CrossNoteStage,
  type FileAccess,
  type FileOutcome,
  type FileStat,
  type LintFilesOptions,
  type LoadedConfig,
  type NoteDigest,
  type ReadPolicy,
} from '../engine';
import type { ReusingFileAccess } from '../node/nodeFs';
import type { CachedNote, CheckCache } from './cache';
import { displayPath, writeFix } from './files';
import { rowsFor, type Row } from './report';

/** What the CLI reads as a note: at most 50 MB (larger is not a note), UTF-8 without NUL bytes. */
export const CLI_READ_POLICY: ReadPolicy = { maxBytes: 50 * 1024 * 1024, decoding: 'strict' };

export interface CheckOptions {
  fix: boolean;
  /** Announce fixed files on stderr (text format). */
  announceFixes: boolean;
  cwd: string;
  /** `--cache`: notes whose bytes and config match an entry are not checked again (never with `fix`). */
  cache?: CheckCache;
  /** Called after each note with how many are done (server/src/cli/heap.ts). */
  afterNote?: (done: number) => void;
}

export interface CheckOutcome {
  /** 2 when a file could not be read or written. */
  exit: 0 | 2;
}

/** Where the rows go: each checked note's own rows once, then the cross-note rows of notes that have any. */
export interface RowSink {
  /** `packed`: the same rows as the spill packs them (JSON text, or its UTF-8 bytes), when the caller has it already. */
  note(file: string, rows: Row[], packed?: string | Uint8Array): void;
  more(file: string, rows: Row[]): void;
}

/** Config per folder, loaded once. */
export class ConfigCache {
  private readonly byDir = new Map<string, Promise<LoadedConfig>>();
  /** The configs loaded so far, by folder (to answer without waiting once one is in). */
  private readonly loadedByDir = new Map<string, LoadedConfig>();
  private readonly loader: ConfigLoader;
  /**
   * @param configFile use this config file for every note instead of the nearest one
   * @param overrides `forceFinal`: treat every note as final whatever its `status` (`--final`)
   */
  constructor(
    fs: FileAccess,
    private readonly configFile?: string,
    private readonly overrides: { forceFinal?: boolean } = {},
  ) {
    this.loader = new ConfigLoader(fs);
  }
  /** The config for a file: the one that applies in its folder. */
  for(file: string): Promise<LoadedConfig> {
    const dir = path.dirname(file);
    let loaded = this.byDir.get(dir);
    if (!loaded) {
      loaded = this.loader.forFile(file, { configFile: this.configFile }).then((l) => {
        const config = this.overrides.forceFinal ? { ...l, config: { ...l.config, forceFinal: true } } : l;
        this.loadedByDir.set(dir, config);
        return config;
      });
      this.byDir.set(dir, loaded);
    }
    return loaded;
  }
  /** The config for a file when its folder's is loaded already (what {@link for} resolves to), else undefined. */
  loaded(file: string): LoadedConfig | undefined {
    return this.loadedByDir.get(path.dirname(file));
  }
  all(): Promise<LoadedConfig[]> {
    return Promise.all(this.byDir.values());
  }
}

/**
 * Checks the files in order; messages for stderr go to `err` as they come.
 *
 * Each note is read here (with the blocking file access: synchronously, into one reused buffer); with `--cache` a note whose
 * entry holds is taken from the cache right away (its rows to the sink, its digest to the
 * cross-note stage), and every other note goes through the engine's pipeline (lintFiles) with the
 * bytes already read. A note that cannot be read here is read again by the pipeline, which says
 * what is wrong. The cross-note stage runs once every note is in, as lintFiles runs it.
 */
export async function checkFiles(fs: ReusingFileAccess, files: readonly string[], opts: CheckOptions, configs: ConfigCache, err: (message: string) => void, sink: RowSink): Promise<CheckOutcome> {
  let exit: 0 | 2 = 0;
  const cache = opts.fix ? undefined : opts.cache;
  const crossNote = new CrossNoteBatch();
  // The note just read, handed to the pipeline as its file access's answer (the bytes are the reader's: valid until the next read).
  let current: { file: string; raw: { bytes: Uint8Array; stat: FileStat } } | undefined;
  // (A file access without readFileWithStat is left as it is: the pipeline then reads the note again its own way.)
  const readWithStat = fs.readFileWithStat?.bind(fs);
  const withCurrent: FileAccess = readWithStat ? { ...fs, readFileWithStat: (file, options) => (current?.file === file ? Promise.resolve(current.raw) : readWithStat(file, options)) } : fs;
  const onNote = (o: FileOutcome) => {
    const display = displayPath(o.file, opts.cwd);
    if (!o.ok) {
      err(`tnote: ${display}: ${o.error}`);
      exit = 2;
      return;
    }
    if (o.fixed && 'error' in o.fixed) {
      err(`tnote: ${display}: could not write fixes (${o.fixed.error}); the file was left unchanged`);
      exit = 2;
    } else if (o.fixed && opts.announceFixes) err(`fixed ${o.fixed.count} problem${o.fixed.count === 1 ? '' : 's'} in ${display}`);
    const rows = rowsFor(display, o.result.note.lines, o.result.findings);
    const made = cache?.store(o.file, rows, o.digest);
    flushDigest(made?.summaries);
    sink.note(display, rows, made?.rows);
  };
  // With the cache, a checked note's digest reaches the cross-note stage after its cache entry is
  // made (lintFiles sets it just before onNote), with the summaries' JSON text the entry holds.
  let deferred: { id: string; digest: NoteDigest } | undefined;
  const flushDigest = (summariesText?: string) => {
    if (!deferred) return;
    crossNote.set(deferred.id, summariesText === undefined ? deferred.digest : withSummariesText(deferred.digest, summariesText));
    deferred = undefined;
  };
  const stage: CrossNoteStage = cache
    ? {
        set: (id, digest) => {
          flushDigest();
          deferred = { id, digest };
        },
        delete: () => flushDigest(),
        findings: () => crossNote.findings(),
      }
    : crossNote;
  const pipeline: LintFilesOptions = {
    fs: withCurrent,
    read: CLI_READ_POLICY,
    configFor: (file) => configs.loaded(file)?.config ?? configs.for(file).then((l) => l.config),
    crossNote: stage,
    fix: opts.fix ? { write: async (file, text, read) => writeFix(file, text, read) } : undefined,
    onNote,
  };
  const one = [''];
  for (let i = 0; i < files.length; i++) {
    if (i > 0) opts.afterNote?.(i);
    const file = files[i];
    current = undefined;
    if (fs.readReused) {
      try {
        current = { file, raw: fs.readReused(file, { maxBytes: CLI_READ_POLICY.maxBytes }) };
      } catch {
        // Read again by the pipeline, which says what is wrong.
      }
    } else {
      const raw = await readNoteBytes(fs, file, CLI_READ_POLICY);
      if (raw.ok) current = { file, raw };
    }
    if (cache && current) {
      let hit: CachedNote | undefined;
      try {
        hit = cache.lookup(file, current.raw, configs.loaded(file)?.config ?? (await configs.for(file)).config);
      } catch {
        hit = undefined; // nothing to reuse: the note is checked
      }
      if (hit) {
        const display = displayPath(file, opts.cwd);
        sink.note(display, hit.rows(display), hit.packed);
        crossNote.set(file, hit.digest);
        continue;
      }
    }
    one[0] = file;
    await lintFiles(one, pipeline);
    flushDigest();
  }
  if (files.length > 0) opts.afterNote?.(files.length);
  current = undefined;
  await crossNoteFindingsByFile(fs, CLI_READ_POLICY, files, crossNote.findings(), (file, findings, lines) => {
    const shown = findings.map((f) => ({ ...f, related: f.related?.map((x) => ({ ...x, file: x.file ? displayPath(x.file, opts.cwd) : undefined })) }));
    const display = displayPath(file, opts.cwd);
    sink.more(display, rowsFor(display, lines, shown));
  });
  return { exit };
}
