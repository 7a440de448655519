/**
 * `tnote check`: the engine's pipeline (lintFiles) over the expanded paths, with the CLI's
 * reading policy, `--fix` writes and report rows. Each note's rows go to the caller as soon as it
 * is checked (the CLI spills them to disk, cli/output.ts), and one digest per note is kept, as
 * JSON text, for the cross-note rules; so memory stays flat however many notes one call checks.
 * (Worker threads were measured on the 2-core CI machine: no gain, so there are none.)
 */
import * as path from 'node:path';
import { ConfigLoader, CrossNoteBatch, lintFiles, type FileAccess, type LoadedConfig, type ReadPolicy } from '../engine';
import type { CheckCache } from './cache';
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
  /** `packed`: the same rows as the spill packs them (JSON text), when the caller has it already. */
  note(file: string, rows: Row[], packed?: string): void;
  more(file: string, rows: Row[]): void;
}

/** Config per folder, loaded once. */
export class ConfigCache {
  private readonly byDir = new Map<string, Promise<LoadedConfig>>();
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
      loaded = this.loader.forFile(file, { configFile: this.configFile }).then((l) => (this.overrides.forceFinal ? { ...l, config: { ...l.config, forceFinal: true } } : l));
      this.byDir.set(dir, loaded);
    }
    return loaded;
  }
  all(): Promise<LoadedConfig[]> {
    return Promise.all(this.byDir.values());
  }
}

/** Checks the files in order; messages for stderr go to `err` as they come. */
export async function checkFiles(fs: FileAccess, files: readonly string[], opts: CheckOptions, configs: ConfigCache, err: (message: string) => void, sink: RowSink): Promise<CheckOutcome> {
  let exit: 0 | 2 = 0;
  const cache = opts.cache;
  await lintFiles(files, {
    fs,
    read: CLI_READ_POLICY,
    configFor: async (file) => (await configs.for(file)).config,
    crossNote: new CrossNoteBatch(),
    between: opts.afterNote,
    fix: opts.fix ? { write: async (file, text, read) => writeFix(file, text, read) } : undefined,
    reuse:
      cache && !opts.fix
        ? async (file, read) => {
            const hit = cache.lookup(file, read, (await configs.for(file)).config);
            if (!hit) return undefined;
            const display = displayPath(file, opts.cwd);
            sink.note(display, hit.rows(display), hit.packed);
            return hit.digest;
          }
        : undefined,
    onNote(o) {
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
      if (cache && !opts.fix) cache.store(o.file, rows, o.digest);
      sink.note(display, rows);
    },
    onCrossNote(file, findings, lines) {
      const shown = findings.map((f) => ({ ...f, related: f.related?.map((x) => ({ ...x, file: x.file ? displayPath(x.file, opts.cwd) : undefined })) }));
      const display = displayPath(file, opts.cwd);
      sink.more(display, rowsFor(display, lines, shown));
    },
  });
  return { exit };
}
