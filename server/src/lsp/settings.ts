/**
 * Editor settings (section `tnote`, every one resource-scoped) and the effective engine
 * configuration of a document: `.tnoterc.yaml` found from the note's folder (the same loader the
 * CLI uses), with editor settings on top.
 */
import type { Connection } from 'vscode-languageserver';
import { runtime } from './runtime';
import { ConfigLoader, PROFILES, type ConfigProblem, type FileAccess, type Profile, type ResolvedConfig, type SettingsOverrides, type SeveritySetting } from '../engine';

export type RunMode = 'onType' | 'onSave';

export interface TnoteSettings {
  run: RunMode;
  profile?: Profile;
  rules: Record<string, SeveritySetting>;
  /** Absolute or workspace-folder-relative path of a config file that replaces discovery. */
  configFile?: string;
}

export const DEFAULT_SETTINGS: TnoteSettings = { run: 'onType', rules: {} };

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];

/** Accepts whatever the client sends and keeps only well-formed values. */
export function sanitizeSettings(raw: unknown): TnoteSettings {
  const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: TnoteSettings = { run: r.run === 'onSave' ? 'onSave' : 'onType', rules: {} };
  if (typeof r.profile === 'string' && (PROFILES as readonly string[]).includes(r.profile)) out.profile = r.profile as Profile;
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof sev === 'string' && SEVERITIES.includes(sev)) out.rules[id] = sev as SeveritySetting;
    }
  }
  if (typeof r.configFile === 'string' && r.configFile.trim()) out.configFile = r.configFile.trim();
  return out;
}

export function uriToPath(uri: string): string | undefined {
  return runtime().uriToPath(uri);
}

export interface EffectiveConfig {
  config: ResolvedConfig;
  problems: ConfigProblem[];
}

/**
 * Per-resource settings and configs. Settings are pulled with `workspace/configuration` when the
 * client supports it (cached per URI until the next `didChangeConfiguration`), otherwise taken
 * from the pushed `didChangeConfiguration` payload.
 */
export class SettingsStore {
  private pulled = new Map<string, Promise<TnoteSettings>>();
  private pushed: TnoteSettings = DEFAULT_SETTINGS;
  private reportedProblems = new Set<string>();
  private readonly configs: ConfigLoader;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    private readonly folderOf: (uri: string) => string | undefined,
    fs: FileAccess,
  ) {
    this.configs = new ConfigLoader(fs);
  }

  /** Settings for a resource (a note or a workspace folder). */
  settingsFor(uri: string): Promise<TnoteSettings> {
    if (!this.canPull()) return Promise.resolve(this.pushed);
    let p = this.pulled.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'tnote' })
        .then(sanitizeSettings, () => DEFAULT_SETTINGS);
      this.pulled.set(uri, p);
    }
    return p;
  }

  /** After `didChangeConfiguration`: forget cached settings and configs. */
  changed(pushedSettings: unknown): void {
    this.pulled.clear();
    const tnote = pushedSettings && typeof pushedSettings === 'object' ? (pushedSettings as Record<string, unknown>).tnote : undefined;
    this.pushed = sanitizeSettings(tnote);
    this.configFilesChanged();
  }

  configFilesChanged(): void {
    this.configs.clear();
    this.reportedProblems.clear();
  }

  forget(uri: string): void {
    this.pulled.delete(uri);
  }

  /** The engine config for a note, from config files and the given settings. Never throws. */
  async configFor(uri: string, settings: TnoteSettings): Promise<EffectiveConfig> {
    const overrides: SettingsOverrides = {};
    if (settings.profile) overrides.profile = settings.profile;
    if (Object.keys(settings.rules).length) overrides.rules = settings.rules;
    const folder = this.folderOf(uri);
    const folderPath = folder ? uriToPath(folder) : undefined;
    const path = runtime();
    const filePath = uriToPath(uri) ?? path.join(folderPath ?? path.defaultFolder(), 'untitled.tnote');
    let configFile: string | undefined;
    if (settings.configFile) configFile = path.isAbsolute(settings.configFile) ? settings.configFile : path.resolve(folderPath ?? path.dirname(filePath), settings.configFile);
    const loaded = await this.configs.forFile(filePath, { configFile, settings: overrides });
    this.reportProblems(loaded.problems);
    return { config: loaded.config, problems: loaded.problems };
  }

  /** Tells the user once per problem about a broken config file (file and line only). */
  private reportProblems(problems: ConfigProblem[]): void {
    for (const p of problems) {
      const key = `${p.file}:${p.line}:${p.column}:${p.message}`;
      if (this.reportedProblems.has(key)) continue;
      this.reportedProblems.add(key);
      const text = `tnote configuration ${p.file}:${p.line}:${p.column}: ${p.message}`;
      this.connection.console.warn(text);
      if (p.severity === 'error') void this.connection.window.showWarningMessage(text);
    }
  }
}

/** A comparison key for a document URI, so `file:` URIs spelled differently (encoding) still match. */
export function uriKey(uri: string): string {
  const p = uriToPath(uri);
  if (!p) return uri;
  return runtime().caseInsensitivePaths ? p.toLowerCase() : p;
}
