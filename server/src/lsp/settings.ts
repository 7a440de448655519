/**
 * Editor settings (section `tnote`, every one resource-scoped) and the effective engine
 * configuration of a document: `.tnoterc.yaml` found from the note's folder (the same loader the
 * CLI uses), with editor settings on top.
 */
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import { runtime } from './runtime';
import { ConfigLoader, PROFILES, type ConfigProblem, type FileAccess, type LoadedConfig, type Profile, type ResolvedConfig, type SettingsOverrides, type SeveritySetting } from '../engine';
import { SOURCE } from './diagnostics';

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

/** The rule id config problems are shown under (as the CLI reports them). */
export const CONFIG_PROBLEM_CODE = 'config-invalid';
/** A pop-up about one config file and message at most this often. */
const POPUP_REPEAT_MS = 10 * 60_000;
/** Pop-ups about config files at most this often, whatever they say. */
const POPUP_GAP_MS = 10_000;

/** A config problem as a diagnostic of the config file (its position, as the loader gives it). */
export function configDiagnostic(p: ConfigProblem): Diagnostic {
  const start = { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
  const end = p.endLine !== undefined && p.endColumn !== undefined ? { line: Math.max(0, p.endLine - 1), character: Math.max(0, p.endColumn - 1) } : start;
  return { range: { start, end }, severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, code: CONFIG_PROBLEM_CODE, source: SOURCE, message: p.message };
}

/** A problem that cannot be shown in the file: the file itself cannot be read (a pipe, too large, no permission). */
function unreadable(p: ConfigProblem): boolean {
  return p.message.startsWith('cannot read config file');
}

/**
 * Per-resource settings and configs. Settings are pulled with `workspace/configuration` when the
 * client supports it (cached per URI until the next `didChangeConfiguration`), otherwise taken
 * from the pushed `didChangeConfiguration` payload.
 *
 * Problems of a config file are published as diagnostics of that file (squiggles at the bad key,
 * Problems entries); a pop-up only says what cannot be shown there (the file cannot be read), at
 * most once per file and message in ten minutes and once in ten seconds overall.
 */
export class SettingsStore {
  private pulled = new Map<string, Promise<TnoteSettings>>();
  private pushed: TnoteSettings = DEFAULT_SETTINGS;
  private readonly configs: ConfigLoader;
  /** Config file → the problems last published for it. */
  private readonly shown = new Map<string, readonly ConfigProblem[]>();
  /** Pop-up key → when it was last shown. */
  private readonly popups = new Map<string, number>();
  private lastPopup = -Infinity;

  /**
   * @param watched true for a config file the client's file watcher reports changes of: it is
   *   then not looked at again until {@link configFilesChanged}
   */
  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    private readonly folderOf: (uri: string) => string | undefined,
    fs: FileAccess,
    watched: (file: string) => boolean = () => false,
  ) {
    this.configs = new ConfigLoader(fs, { watched });
  }

  /** Settings for a resource (a note or a workspace folder). */
  settingsFor(uri: string): Promise<TnoteSettings> {
    if (!this.canPull()) return Promise.resolve(this.pushed);
    let p = this.pulled.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'tnote' }).then(sanitizeSettings, () => DEFAULT_SETTINGS);
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

  /** A config file was created, changed or deleted (`deleted`: URIs of those deleted, whose diagnostics go). */
  configFilesChanged(deleted: readonly string[] = []): void {
    this.configs.clear();
    for (const uri of deleted) {
      const file = uriToPath(uri);
      if (file && this.shown.delete(file)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
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
    this.showProblems(loaded);
    return { config: loaded.config, problems: loaded.problems };
  }

  /** Publishes a config file's problems as its diagnostics when they changed; pop-ups for what cannot be shown. */
  private showProblems(loaded: LoadedConfig): void {
    for (const base of loaded.bases ?? []) this.showProblems(base);
    const file = loaded.file;
    if (!file || this.shown.get(file) === loaded.problems) return;
    const before = this.shown.get(file);
    this.shown.set(file, loaded.problems);
    if (loaded.problems.length === 0 && !before?.length) return;
    void this.connection.sendDiagnostics({ uri: runtime().pathToUri(file), diagnostics: loaded.problems.map(configDiagnostic) });
    const now = Date.now();
    for (const p of loaded.problems.filter(unreadable)) {
      const key = `${p.file}\n${p.message}`;
      if (now - (this.popups.get(key) ?? -Infinity) < POPUP_REPEAT_MS || now - this.lastPopup < POPUP_GAP_MS) continue;
      this.popups.set(key, now);
      this.lastPopup = now;
      void this.connection.window.showWarningMessage(`tnote configuration ${p.file}: ${p.message}`);
    }
  }
}

/** A comparison key for a document URI, so `file:` URIs spelled differently (encoding) still match. */
export function uriKey(uri: string): string {
  const p = uriToPath(uri);
  if (!p) return uri;
  return runtime().caseInsensitivePaths ? p.toLowerCase() : p;
}
