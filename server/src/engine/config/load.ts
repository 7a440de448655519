/**
 * `.tnoterc.yaml` discovery and validation, shared by the CLI and the language server.
 * The nearest config file from the note's folder upwards wins (no merging with parents unless it
 * `extends` them; `extends` names files or installed packages, see {@link isPackageName}).
 * Every unknown key or bad value becomes a {@link ConfigProblem} with its file and line.
 * Files are reached through the host's {@link FileAccess}; paths are absolute.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { errorCode, type FileAccess, type FileStat } from '../fs';
import { ignorePatternProblem } from '../ignore';
import { icd10CodeFileReadError, icd10CodesOfFile, MAX_CODE_FILE_BYTES } from '../knowledge/icd10File';
import { UNITS_METHODS, type UnitsMethod } from '../billing';
import { normalizeName, SECTIONS } from '../parse/vocabulary';
import { RULES } from '../rules/registry';
import { PROFILES, type Profile, type SeveritySetting } from '../types';
import { closest } from '../text';
import { defaultConfig, withVocabulary, type ConfigProblem, type ResolvedConfig } from './types';

export const CONFIG_FILE_NAMES = ['.tnoterc.yaml', '.tnoterc.yml'];

/**
 * True when an `extends` value names a package rather than a file: an npm package name, scoped
 * (`@clinic/tnote-config`) or not (`tnote-config-clinic`), with no `/` besides the scope's and no
 * `.yaml`, `.yml` or `.json` ending. Anything else is a path (write `./name` for a file without
 * an extension next to the config file).
 */
export function isPackageName(s: string): boolean {
  return /^(?:@[a-z0-9~][\w.~-]*\/)?[a-z0-9~][\w.~-]*$/.test(s) && !/\.(?:ya?ml|json)$/i.test(s);
}
const SEVERITIES: SeveritySetting[] = ['error', 'warning', 'info', 'off'];
const TOP_KEYS = ['extends', 'profile', 'payers', 'profiles', 'rules', 'required', 'aliases', 'icd10CodeFile', 'ignore'];
const PROFILE_KEYS = ['units'];
/** How many config files deep `extends` is followed. */
const MAX_EXTENDS_DEPTH = 8;

/** Largest config file read (a real one is a few kilobytes). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Why a file found by `stat` is not read: only regular files within `maxBytes` are (a workspace's
 * files are hostile input: a device such as /dev/zero never ends, a FIFO blocks the reader, a
 * sparse file can claim gigabytes). Undefined when it may be read.
 */
export function unreadableReason(stat: FileStat, maxBytes: number): string | undefined {
  if (stat.kind === 'directory') return 'is a folder';
  if (stat.kind !== 'file') return 'is not a regular file (a device, pipe or socket)';
  if (stat.size > maxBytes) return `is larger than ${formatLimit(maxBytes)}`;
  return undefined;
}

function formatLimit(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MB` : `${n} bytes`;
}

/** An Error with an errno-style code whose message is only `reason` (it is shown to the user). */
function refusal(reason: string): Error {
  return Object.assign(new Error(reason), { code: 'EINVAL' });
}

/**
 * Reads a file that a config names or is: stat first, then only a regular file within `maxBytes`
 * (checked again on the bytes read, in case it grew). Rejects with a short reason.
 */
async function readBounded(fs: FileAccess, file: string, maxBytes: number, stat?: FileStat): Promise<Uint8Array> {
  const s = stat ?? (await fs.stat(file));
  const reason = unreadableReason(s, maxBytes);
  if (reason) throw refusal(reason);
  const bytes = await fs.readFile(file);
  if (bytes.length > maxBytes) throw refusal(`is larger than ${formatLimit(maxBytes)}`);
  return bytes;
}

export interface SettingsOverrides {
  profile?: Profile;
  rules?: Record<string, SeveritySetting>;
}

export interface LoadedConfig {
  config: ResolvedConfig;
  problems: ConfigProblem[];
  /** The config file used, if any. */
  file?: string;
  /**
   * The config files it extends, as loaded on their own (their problems are theirs; the file that
   * extends one with problems has one problem at its `extends` entry that says so).
   */
  bases?: LoadedConfig[];
  /**
   * This file's own settings, before what it extends is applied, and the top-level settings it
   * sets itself (for `tnote config --print`: which file set each value).
   */
  own?: { config: ResolvedConfig; keys: readonly string[] };
}

/** When a file was read: modification time and size (-1 when it could not be reached). */
interface Stamp {
  file: string;
  mtimeMs: number;
  size: number;
}

export interface ConfigLoaderOptions {
  /**
   * True for a config file whose changes the host is told about (a file watcher): its loaded
   * contents are then kept until {@link ConfigLoader.clear} without looking at the file again, so
   * an editor does not touch the disk on every keystroke. Other files are checked by modification
   * time and size each time they are asked for.
   */
  watched?(file: string): boolean;
}

/**
 * Finds and loads config files through one {@link FileAccess}, remembering where the nearest file
 * of each folder is and each file's contents (by modification time and size, or until told of a
 * change for a watched file) until {@link clear}.
 */
export class ConfigLoader {
  private readonly nearest = new Map<string, string | null>();
  /** Loaded files, with the stamps of every file that went into them (the file and what it extends) and the settings they set. */
  private readonly cache = new Map<string, { stamps: Stamp[]; keys: ReadonlySet<string>; loaded: LoadedConfig }>();

  constructor(
    private readonly fs: FileAccess,
    private readonly options: ConfigLoaderOptions = {},
  ) {}

  /** Forgets loaded config files and where they were found (a config file was created, changed or deleted). */
  clear(): void {
    this.cache.clear();
    this.nearest.clear();
  }

  /** Finds the nearest config file at or above folder `dir`. */
  async findConfigFile(dir: string): Promise<string | undefined> {
    const known = this.nearest.get(dir);
    if (known !== undefined) return known ?? undefined;
    let found: string | undefined;
    search: for (let d = dir; ; d = this.fs.dirname(d)) {
      for (const name of CONFIG_FILE_NAMES) {
        const p = this.fs.join(d, name);
        if (await this.exists(p)) {
          found = p;
          break search;
        }
      }
      if (this.fs.dirname(d) === d) break;
    }
    this.nearest.set(dir, found ?? null);
    return found;
  }

  /**
   * Reads and validates one config file, and the files it `extends` (cached by modification time
   * and size, or until {@link clear} for watched files). Only a regular file within
   * {@link MAX_CONFIG_BYTES} is read, and only a regular code file within
   * {@link MAX_CODE_FILE_BYTES}; anything else is a problem of the config file.
   */
  async loadConfigFile(file: string, extending: readonly string[] = []): Promise<LoadedConfig> {
    let text: string;
    let stat;
    const kept = this.cache.get(file);
    if (kept && (await this.fresh(kept.stamps))) return kept.loaded;
    try {
      stat = await this.fs.stat(file);
      text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await readBounded(this.fs, file, MAX_CONFIG_BYTES, stat));
    } catch (e) {
      const base = defaultConfig();
      const reason = errorCode(e) === 'EINVAL' && e instanceof Error ? e.message : (errorCode(e) ?? String(e));
      return { config: base, file, problems: [{ file, range: { start: 0, end: 0 }, line: 1, column: 1, message: `cannot read config file: ${reason}`, severity: 'error' }] };
    }
    const parsed = parseConfig(text, file, this.fs);
    if (parsed.codeFile) {
      const { path, fail } = parsed.codeFile;
      try {
        let codes: string;
        try {
          codes = new TextDecoder().decode(await readBounded(this.fs, path, MAX_CODE_FILE_BYTES));
        } catch (e) {
          throw icd10CodeFileReadError(path, e);
        }
        parsed.loaded.config.icd10Codes = icd10CodesOfFile(codes, path);
        parsed.loaded.config.icd10CodeFile = path;
      } catch (e) {
        fail(`cannot load the ICD-10-CM code file: ${(e as Error).message}`);
      }
    }
    const stamps: Stamp[] = [{ file, mtimeMs: stat.mtimeMs, size: stat.size }];
    parsed.loaded.own = { config: parsed.loaded.config, keys: [...parsed.keys] };
    let keys: ReadonlySet<string> = parsed.keys;
    if (parsed.bases.length) {
      // What it extends first (in order, later ones win), then its own settings on top.
      let merged = defaultConfig();
      const mergedKeys = new Set<string>();
      const bases: LoadedConfig[] = [];
      for (const b of parsed.bases) {
        if (b.package) {
          const found = await this.resolvePackage(b.package, this.fs.dirname(file));
          stamps.push(...found.stamps);
          if ('error' in found) {
            b.fail(`extends "${b.written}": ${found.error}`);
            continue;
          }
          b.path = found.file;
        }
        if (b.path === file || extending.includes(b.path)) {
          b.fail(`extends "${b.written}": the config files extend each other in a circle`);
          continue;
        }
        if (extending.length >= MAX_EXTENDS_DEPTH) {
          b.fail(`extends "${b.written}": more than ${MAX_EXTENDS_DEPTH} config files extend one another`);
          continue;
        }
        const base = await this.loadConfigFile(b.path, [...extending, file]);
        const entry = this.cache.get(b.path);
        if (!entry || entry.loaded !== base) {
          // Not read (missing, not a regular file, too large): a problem here, where it is named.
          const s = await this.fs.stat(b.path).catch(() => undefined);
          stamps.push({ file: b.path, mtimeMs: s?.mtimeMs ?? -1, size: s?.size ?? -1 });
          b.fail(`cannot read the extended config file "${b.written}": ${(base.problems[0]?.message ?? '').replace(/^cannot read config file: /, '')}`);
          continue;
        }
        bases.push(base);
        stamps.push(...entry.stamps);
        merged = mergeConfig(merged, base.config, entry.keys);
        for (const k of entry.keys) mergedKeys.add(k);
        if (base.problems.length) {
          const first = base.problems[0];
          const errors = base.problems.some((p) => p.severity === 'error');
          b.fail(`the extended config file "${b.written}" has ${base.problems.length} problem(s); the first, at line ${first.line}: ${first.message}`, errors ? 'error' : 'warning');
        }
      }
      for (const k of parsed.keys) mergedKeys.add(k);
      keys = mergedKeys;
      parsed.loaded.config = mergeConfig(merged, parsed.loaded.config, parsed.keys);
      parsed.loaded.bases = bases;
    }
    parsed.loaded.problems.sort((a, b) => a.range.start - b.range.start);
    this.cache.set(file, { stamps, keys, loaded: parsed.loaded });
    return parsed.loaded;
  }

  /**
   * The config file of an installed package, found as Node finds packages but without running
   * anything: the nearest `node_modules/<name>` folder from `dir` upwards is the package; its
   * config file is the one its package.json names in a `"tnote"` field, else its `"main"` when
   * that is a YAML file, else the `.tnoterc.yaml` (or `.yml`) at its root. Paths named in
   * package.json must stay inside the package. Stamps: what to look at again to notice a change
   * (the package appearing, its package.json changing).
   */
  private async resolvePackage(name: string, dir: string): Promise<({ file: string } | { error: string }) & { stamps: Stamp[] }> {
    const stampOf = async (file: string): Promise<Stamp> => {
      const s = await this.fs.stat(file).catch(() => undefined);
      return { file, mtimeMs: s?.mtimeMs ?? -1, size: s?.size ?? -1 };
    };
    let root: string | undefined;
    for (let d = dir; ; d = this.fs.dirname(d)) {
      const candidate = this.fs.join(this.fs.join(d, 'node_modules'), name);
      if ((await this.fs.stat(candidate).catch(() => undefined))?.kind === 'directory') {
        root = candidate;
        break;
      }
      if (this.fs.dirname(d) === d) break;
    }
    if (!root) {
      const nearest = this.fs.join(this.fs.join(dir, 'node_modules'), name);
      return { error: `package "${name}" is not installed (no node_modules/${name} in this folder or above)`, stamps: [await stampOf(nearest)] };
    }
    const manifestFile = this.fs.join(root, 'package.json');
    const stamps = [await stampOf(manifestFile)];
    let manifest: Record<string, unknown> = {};
    if (stamps[0].mtimeMs !== -1) {
      try {
        const parsed: unknown = JSON.parse(new TextDecoder().decode(await readBounded(this.fs, manifestFile, MAX_CONFIG_BYTES)));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) manifest = parsed as Record<string, unknown>;
      } catch (e) {
        const reason = e instanceof SyntaxError ? 'it is not valid JSON' : errorCode(e) === 'EINVAL' && e instanceof Error ? e.message : (errorCode(e) ?? String(e));
        return { error: `cannot read the package.json of package "${name}": ${reason}`, stamps };
      }
    }
    const inside = (field: string, rel: string) =>
      /^([\\/]|[a-zA-Z]:)/.test(rel) || rel.split(/[\\/]/).includes('..')
        ? { error: `the "${field}" field of package "${name}" must be a path inside the package (not "${rel}")`, stamps }
        : { file: this.fs.resolve(root, rel), stamps };
    if ('tnote' in manifest) {
      const rel = manifest.tnote;
      if (typeof rel !== 'string' || !rel) return { error: `the "tnote" field of package "${name}" must be the path of its config file`, stamps };
      return inside('tnote', rel);
    }
    if (typeof manifest.main === 'string' && /\.ya?ml$/i.test(manifest.main)) return inside('main', manifest.main);
    for (const n of CONFIG_FILE_NAMES) if (await this.exists(this.fs.join(root, n))) return { file: this.fs.join(root, n), stamps };
    return {
      error: `package "${name}" has no tnote config: its package.json needs a "tnote" field (the config file's path in the package) or a YAML "main", or it needs a .tnoterc.yaml at its root`,
      stamps,
    };
  }

  /** True when no file a cached config was made from changed (watched files: until told). */
  private async fresh(stamps: readonly Stamp[]): Promise<boolean> {
    for (const s of stamps) {
      if (this.options.watched?.(s.file)) continue;
      const now = await this.fs.stat(s.file).catch(() => undefined);
      if ((now?.mtimeMs ?? -1) !== s.mtimeMs || (now?.size ?? -1) !== s.size) return false;
    }
    return true;
  }

  /** The effective config for a note file: explicit file, else the nearest one, then editor settings on top. */
  async forFile(filePath: string, options: { configFile?: string; settings?: SettingsOverrides } = {}): Promise<LoadedConfig> {
    const file = options.configFile ?? (await this.findConfigFile(this.fs.dirname(filePath)));
    const loaded = file ? await this.loadConfigFile(file) : { config: defaultConfig(), problems: [] };
    const s = options.settings;
    if (!s || (!s.profile && !s.rules)) return loaded;
    return { ...loaded, config: { ...loaded.config, profile: s.profile ?? loaded.config.profile, rules: { ...loaded.config.rules, ...(s.rules ?? {}) } } };
  }

  private async exists(p: string): Promise<boolean> {
    try {
      await this.fs.stat(p);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * What {@link parseConfigText} needs to load the ICD-10-CM code file a config names: path
 * operations and the file's text (already read by the caller; throw when it cannot be read).
 */
export interface CodeFileHost extends Pick<FileAccess, 'dirname' | 'resolve'> {
  readCodeFile(path: string): string;
}

/**
 * Parses and validates config text; `file` is used for messages and relative paths. The code file
 * it names is read with `host` (without one, naming a code file is a problem). The file-based
 * {@link ConfigLoader} reads code files itself.
 */
export function parseConfigText(text: string, file: string, host?: CodeFileHost): LoadedConfig {
  const parsed = parseConfig(text, file, host);
  parsed.loaded.own = { config: parsed.loaded.config, keys: [...parsed.keys] };
  for (const b of parsed.bases) b.fail(`extends "${b.written}" is followed only when config files are loaded from disk`);
  if (parsed.codeFile) {
    const { path, fail } = parsed.codeFile;
    try {
      let text: string;
      try {
        text = host!.readCodeFile(path);
      } catch (e) {
        throw icd10CodeFileReadError(path, e);
      }
      parsed.loaded.config.icd10Codes = icd10CodesOfFile(text, path);
      parsed.loaded.config.icd10CodeFile = path;
    } catch (e) {
      fail(`cannot load the ICD-10-CM code file: ${(e as Error).message}`);
    }
  }
  parsed.loaded.problems.sort((a, b) => a.range.start - b.range.start);
  return parsed.loaded;
}

interface ParsedConfig {
  loaded: LoadedConfig;
  /** The code file the config names (absolute), and how to report that it cannot be loaded. */
  codeFile?: { path: string; fail(message: string): void };
  /** The config files it extends (absolute, as written), and how to report a problem with one. */
  bases: { path: string; package?: string; written: string; fail(message: string, severity?: 'error' | 'warning'): void }[];
  /** The settings it sets itself (top-level keys), for merging over what it extends. */
  keys: Set<string>;
}

function parseConfig(text: string, file: string, paths?: Pick<FileAccess, 'dirname' | 'resolve'>): ParsedConfig {
  let codeFile: ParsedConfig['codeFile'];
  const bases: ParsedConfig['bases'] = [];
  const keys = new Set<string>();
  const lc = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const problems: ConfigProblem[] = [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const problem = (node: Node | null | undefined | readonly number[], message: string, severity: 'error' | 'warning' = 'error') => {
    const r = Array.isArray(node) ? (node as number[]) : ((node as Node | null | undefined)?.range ?? [0, 0]);
    const p = lc.linePos(r[0]);
    const e = lc.linePos(r[1] ?? r[0]);
    problems.push({
      file,
      range: { start: r[0] + bom, end: (r[1] ?? r[0]) + bom },
      line: p.line,
      column: p.col + (p.line === 1 ? bom : 0),
      endLine: e.line,
      endColumn: e.col + (e.line === 1 ? bom : 0),
      message,
      severity,
    });
  };
  for (const e of doc.errors) problem(e.pos, `invalid YAML: ${e.message.split('\n')[0]}`);
  const config = defaultConfig();
  const root = doc.contents as Node | null;
  if (root === null || problems.length) return { loaded: { config, problems, file }, bases, keys };
  if (!isMap(root)) {
    problem(root, `the config must be a mapping of settings (${TOP_KEYS.join(', ')})`);
    return { loaded: { config, problems, file }, bases, keys };
  }
  const ruleIds = new Set(RULES.map((r) => r.id));
  const str = (n: Node | null | undefined): string | undefined =>
    n && isScalar(n) && typeof n.value === 'string' ? n.value : n && isScalar(n) && typeof n.value === 'number' ? String(n.value) : undefined;
  for (const pair of root.items as Pair<Node, Node>[]) {
    const key = str(pair.key);
    const value = pair.value;
    if (key && key !== 'extends' && TOP_KEYS.includes(key)) keys.add(key);
    switch (key) {
      case 'extends': {
        const items = value && isSeq(value) ? (value.items as Node[]) : [value];
        for (const item of items) {
          const rel = str(item);
          if (!rel) {
            problem(item ?? pair.key, 'extends must be the path of another config file (relative to this one) or the name of an installed package, or a list of them');
            continue;
          }
          if (!paths) {
            problem(item, 'cannot extend another config file: no file access to read it');
            continue;
          }
          // Loaded by the caller (asynchronously); problems are sorted into place afterwards.
          bases.push({
            path: paths.resolve(paths.dirname(file), rel),
            package: isPackageName(rel) ? rel : undefined,
            written: rel,
            fail: (message, severity) => problem(item, message, severity),
          });
        }
        break;
      }
      case 'profile': {
        const v = str(value)?.toLowerCase();
        if (v && (PROFILES as string[]).includes(v)) config.profile = v as Profile;
        else {
          problem(value ?? pair.key, `profile must be one of: ${PROFILES.join(', ')}`);
          keys.delete('profile'); // a bad value does not replace the extended file's
        }
        break;
      }
      case 'payers': {
        if (!value || !isMap(value)) {
          problem(value ?? pair.key, 'payers must map payer names to a profile, e.g. `bcbs: commercial`');
          break;
        }
        for (const p of value.items as Pair<Node, Node>[]) {
          const name = str(p.key)?.trim().toLowerCase();
          const prof = str(p.value)?.toLowerCase();
          if (!name) problem(p.key, 'payer name must be text');
          else if (!prof || !(PROFILES as string[]).includes(prof)) problem(p.value ?? p.key, `payer "${name}" must map to one of: ${PROFILES.join(', ')}`);
          else config.payers[name] = prof as Profile;
        }
        break;
      }
      case 'profiles': {
        if (!value || !isMap(value)) {
          problem(value ?? pair.key, 'profiles must map a profile (medicare, commercial) to its settings, e.g. `commercial: { units: per-code }`');
          break;
        }
        for (const p of value.items as Pair<Node, Node>[]) {
          const name = str(p.key)?.trim().toLowerCase();
          if (!name || !(PROFILES as string[]).includes(name)) {
            problem(p.key, `unknown profile "${str(p.key) ?? ''}" (known: ${PROFILES.join(', ')})`);
            continue;
          }
          if (!p.value || !isMap(p.value)) {
            problem(p.value ?? p.key, `profile "${name}" must be a mapping of settings (${PROFILE_KEYS.join(', ')})`);
            continue;
          }
          for (const q of p.value.items as Pair<Node, Node>[]) {
            const k = str(q.key);
            if (k !== 'units') {
              problem(q.key, `unknown setting "${k ?? ''}" in profile "${name}" (known: ${PROFILE_KEYS.join(', ')})`);
              continue;
            }
            const method = str(q.value)?.trim().toLowerCase();
            if (!method || !(UNITS_METHODS as string[]).includes(method)) {
              problem(q.value ?? q.key, `units of profile "${name}" must be one of: ${UNITS_METHODS.join(', ')} (cms: the 8-minute rule on the total timed minutes; per-code: each code on its own)`);
              continue;
            }
            config.units[name as Profile] = method as UnitsMethod;
            if (name === 'medicare' && method !== 'cms')
              problem(q.value, 'Medicare counts timed units by the CMS 8-minute rule on the total timed minutes; `units: per-code` will disagree with Medicare claims', 'warning');
          }
        }
        break;
      }
      case 'rules': {
        if (!value || !isMap(value)) {
          problem(value ?? pair.key, 'rules must map rule ids to a severity (error, warning, info or off)');
          break;
        }
        for (const p of value.items as Pair<Node, Node>[]) {
          const id = str(p.key);
          const sev = p.value && isScalar(p.value) && p.value.value === false ? 'off' : str(p.value)?.toLowerCase();
          if (!id || !ruleIds.has(id)) problem(p.key, `unknown rule id "${id ?? ''}"${id ? suggestRule(id, ruleIds) : ''}`);
          else if (!sev || !(SEVERITIES as string[]).includes(sev)) problem(p.value ?? p.key, `severity of "${id}" must be one of: ${SEVERITIES.join(', ')}`);
          else config.rules[id] = sev as SeveritySetting;
        }
        break;
      }
      case 'required': {
        if (!value || !isSeq(value)) {
          problem(value ?? pair.key, 'required must be a list of `{ section: Title, fields: [Label, …] }`');
          break;
        }
        for (const item of value.items as Node[]) {
          if (isScalar(item) && str(item)) {
            config.required.push({ section: str(item)!, fields: [] });
            continue;
          }
          if (!isMap(item)) {
            problem(item, 'each required entry must be a section title or `{ section: Title, fields: [Label, …] }`');
            continue;
          }
          let section: string | undefined;
          const fields: string[] = [];
          for (const p of item.items as Pair<Node, Node>[]) {
            const k = str(p.key);
            if (k === 'section') section = str(p.value);
            else if (k === 'fields') {
              if (!p.value || !isSeq(p.value)) problem(p.value ?? p.key, 'fields must be a list of field labels');
              else
                for (const f of p.value.items as Node[])
                  if (str(f)) fields.push(str(f)!);
                  else problem(f, 'field label must be text');
            } else problem(p.key, `unknown key "${k ?? ''}" in a required entry (expected section, fields)`);
          }
          if (!section) problem(item, 'required entry needs a `section` title');
          else config.required.push({ section, fields });
        }
        break;
      }
      case 'aliases': {
        if (!value || !isMap(value)) {
          problem(value ?? pair.key, 'aliases must be a mapping with `sections` and/or `fields`');
          break;
        }
        readAliases(value, config, problem, str);
        break;
      }
      case 'icd10CodeFile': {
        const rel = str(value);
        if (!rel) {
          problem(value ?? pair.key, 'icd10CodeFile must be a path to a CMS icd10cm-codes file');
          break;
        }
        if (!paths) {
          problem(value, 'cannot load the ICD-10-CM code file: no file access to read it');
          break;
        }
        // Loaded by the caller, which may read files only asynchronously; problems are sorted into place afterwards.
        const node = value;
        codeFile = { path: paths.resolve(paths.dirname(file), rel), fail: (message) => problem(node, message) };
        break;
      }
      case 'ignore': {
        const items = value && isSeq(value) ? (value.items as Node[]) : value && isScalar(value) && str(value) ? [value] : undefined;
        if (!items) {
          problem(value ?? pair.key, 'ignore must be a list of globs, relative to this file\'s folder, e.g. `[templates, "drafts/**"]`');
          break;
        }
        const patterns: string[] = [];
        for (const item of items) {
          const pattern = str(item);
          const wrong = pattern === undefined ? 'an ignore pattern must be text' : ignorePatternProblem(pattern);
          if (wrong) problem(item, wrong);
          else patterns.push(pattern!);
        }
        if (paths) config.ignore = { base: paths.dirname(file), patterns };
        break;
      }
      default:
        problem(pair.key, `unknown setting "${key ?? ''}" (known: ${TOP_KEYS.join(', ')})`);
    }
  }
  config.sources = [file];
  return { loaded: { config: withVocabulary(config), problems, file }, codeFile, bases, keys };
}

/** `over` on top of `base`, for the settings `over` sets itself (`keys`): maps and lists add up, the rest is replaced. */
function mergeConfig(base: ResolvedConfig, over: ResolvedConfig, keys: ReadonlySet<string>): ResolvedConfig {
  const out: ResolvedConfig = {
    ...base,
    payers: { ...base.payers },
    rules: { ...base.rules },
    units: { ...base.units },
    required: [...base.required],
    sources: [...base.sources, ...over.sources],
  };
  if (keys.has('profile')) out.profile = over.profile;
  if (keys.has('profiles')) Object.assign(out.units, over.units);
  if (keys.has('ignore')) out.ignore = over.ignore;
  if (keys.has('payers')) Object.assign(out.payers, over.payers);
  if (keys.has('rules')) Object.assign(out.rules, over.rules);
  if (keys.has('required')) out.required.push(...over.required);
  if (keys.has('aliases')) {
    const sections: Record<string, string[]> = { ...base.aliases.sections };
    for (const [id, names] of Object.entries(over.aliases.sections ?? {})) sections[id] = [...(sections[id] ?? []), ...names];
    const fields: Record<string, Record<string, string[]>> = {};
    for (const [id, f] of Object.entries(base.aliases.fields ?? {})) fields[id] = { ...f };
    for (const [id, f] of Object.entries(over.aliases.fields ?? {})) {
      const into = (fields[id] ??= {});
      for (const [field, names] of Object.entries(f)) into[field] = [...(into[field] ?? []), ...names];
    }
    out.aliases = { sections, fields };
  }
  if (keys.has('icd10CodeFile')) {
    out.icd10CodeFile = over.icd10CodeFile;
    out.icd10Codes = over.icd10Codes;
  }
  return withVocabulary(out);
}

type ProblemFn = (node: Node | null | undefined, message: string, severity?: 'error' | 'warning') => void;

function readAliases(value: Node, config: ResolvedConfig, problem: ProblemFn, str: (n: Node | null | undefined) => string | undefined): void {
  const sectionIds = new Map(SECTIONS.map((s) => [s.id, s]));
  const bySection = (name: string | undefined) => {
    if (!name) return undefined;
    const n = normalizeName(name);
    return SECTIONS.find((s) => s.id === n || normalizeName(s.title) === n);
  };
  const list = (n: Node | null | undefined): string[] | undefined => {
    if (n && isSeq(n)) return (n.items as Node[]).map((x) => str(x)).filter((x): x is string => !!x);
    const s = str(n);
    return s ? [s] : undefined;
  };
  for (const p of (value as unknown as { items: Pair<Node, Node>[] }).items) {
    const k = str(p.key);
    if (k === 'sections') {
      if (!p.value || !isMap(p.value)) {
        problem(p.value ?? p.key, 'aliases.sections must map a section (e.g. instruction) to a list of extra headings');
        continue;
      }
      for (const s of p.value.items as Pair<Node, Node>[]) {
        const spec = bySection(str(s.key));
        const names = list(s.value);
        if (!spec) problem(s.key, `unknown section "${str(s.key) ?? ''}" (known: ${[...sectionIds.keys()].join(', ')})`);
        else if (!names) problem(s.value ?? s.key, 'aliases must be a list of headings');
        else (config.aliases.sections ??= {})[spec.id] = [...(config.aliases.sections?.[spec.id] ?? []), ...names];
      }
    } else if (k === 'fields') {
      if (!p.value || !isMap(p.value)) {
        problem(p.value ?? p.key, 'aliases.fields must map a section to `{ field: [extra labels] }`');
        continue;
      }
      for (const s of p.value.items as Pair<Node, Node>[]) {
        const spec = bySection(str(s.key));
        if (!spec) {
          problem(s.key, `unknown section "${str(s.key) ?? ''}"`);
          continue;
        }
        if (!s.value || !isMap(s.value)) {
          problem(s.value ?? s.key, 'expected a mapping of field ids to extra labels');
          continue;
        }
        for (const f of s.value.items as Pair<Node, Node>[]) {
          const fname = str(f.key);
          const fspec = spec.fields.find((x) => x.id === normalizeName(fname ?? '') || normalizeName(x.label) === normalizeName(fname ?? ''));
          const names = list(f.value);
          if (!fspec) problem(f.key, `unknown field "${fname ?? ''}" in section ${spec.title} (known: ${spec.fields.map((x) => x.label).join(', ')})`);
          else if (!names) problem(f.value ?? f.key, 'aliases must be a list of labels');
          else {
            const fields = ((config.aliases.fields ??= {})[spec.id] ??= {});
            fields[fspec.id] = [...(fields[fspec.id] ?? []), ...names];
          }
        }
      }
    } else problem(p.key, `unknown key "${k ?? ''}" in aliases (expected sections, fields)`);
  }
}

function suggestRule(id: string, ids: Set<string>): string {
  const best = closest(id, ids);
  return best && best.distance <= Math.max(2, Math.floor(id.length / 4)) ? ` (did you mean "${best.candidate}"?)` : '';
}
