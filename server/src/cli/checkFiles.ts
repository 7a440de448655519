/**
 * Checks note files one at a time and keeps only what the report needs: rows and a digest per
 * note for the cross-note rules, so memory stays flat however many notes one call checks.
 * (Worker threads were measured on the 2-core CI machine: no gain, so there are none.)
 */
import * as path from 'node:path';
import { digestNote, fixAll, lintText, type NoteDigest } from '../engine';
import { loadConfigForFile, type LoadedConfig } from '../engine/config/load';
import { displayPath, readNote, writeFileAtomic } from './files';
import { rowsFor, type Row } from './report';

export interface CheckOptions {
  fix: boolean;
  /** Announce fixed files on stderr (text format). */
  announceFixes: boolean;
  cwd: string;
}

export interface FileOutcome {
  rows: Row[];
  /** Messages for stderr. */
  messages: string[];
  /** 2 when the file could not be read or written. */
  exit: 0 | 2;
  /** The note's digest for the workspace rules and its display path; absent when it could not be read. */
  checked?: { digest: NoteDigest; display: string };
}

/** Config per folder, loaded once. */
export class ConfigCache {
  private readonly byDir = new Map<string, LoadedConfig>();
  constructor(private readonly configFile?: string) {}
  for(file: string): LoadedConfig {
    const dir = path.dirname(file);
    let loaded = this.byDir.get(dir);
    if (!loaded) {
      loaded = loadConfigForFile(file, { configFile: this.configFile });
      this.byDir.set(dir, loaded);
    }
    return loaded;
  }
  all(): LoadedConfig[] {
    return [...this.byDir.values()];
  }
}

export function checkFile(file: string, opts: CheckOptions, configs: ConfigCache): FileOutcome {
  const display = displayPath(file, opts.cwd);
  const read = readNote(file);
  if (!read.ok) return { rows: [], messages: [`tnote: ${display}: ${read.error}`], exit: 2 };
  const { config } = configs.for(file);
  const messages: string[] = [];
  let exit: 0 | 2 = 0;
  let text = read.text;
  if (opts.fix) {
    const fixed = fixAll(text, config);
    if (fixed.applied.length > 0 && fixed.text !== text) {
      try {
        writeFileAtomic(file, (read.bom ? '\uFEFF' : '') + fixed.text);
        text = fixed.text;
        if (opts.announceFixes) messages.push(`fixed ${fixed.applied.length} problem${fixed.applied.length === 1 ? '' : 's'} in ${display}`);
      } catch (e) {
        messages.push(`tnote: ${display}: could not write fixes (${(e as NodeJS.ErrnoException).code ?? String(e)}); the file was left unchanged`);
        exit = 2;
      }
    }
  }
  const result = lintText(text, config);
  const digest = digestNote(file, result.note, result.profile, config);
  return {
    rows: rowsFor(display, result.note.lines, result.findings),
    messages,
    exit,
    checked: { digest, display },
  };
}

/** Checks files in order; outcomes come back in the same order. */
export function checkFiles(files: readonly string[], opts: CheckOptions, configs: ConfigCache): FileOutcome[] {
  return files.map((f) => checkFile(f, opts, configs));
}
