/**
 * Checking open notes and publishing diagnostics. Each open note goes through the engine's note
 * stage on every change (or on save, per `tnote.run`); results for a version that is no longer
 * current are dropped. Its digest then replaces its copy on disk in the engine's cross-note stage
 * (shared with the workspace index); when that changed what the workspace rules read, they run
 * again and every note whose diagnostics changed is re-published, else the note is published
 * with the workspace findings it had.
 */
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lintNote, sortFindings, type CrossNoteChecker, type Finding, type LintResult, type NoteDigest, type PositionMap, type ResolvedConfig } from '../engine';
import { toDiagnostic } from './diagnostics';
import type { Logger } from './log';
import { describeError } from './log';
import { uriKey, type SettingsStore, type TnoteSettings } from './settings';
import type { IndexedNote, WorkspaceIndex } from './workspaceIndex';

export interface OpenNoteState {
  uri: string;
  /** The note's identity in the cross-note stage (its real path: the same note opened by another path is the same note). */
  id: string;
  version: number;
  result: LintResult;
  config: ResolvedConfig;
  settings: TnoteSettings;
  /** Findings of workspace rules from the last workspace pass. */
  workspaceFindings: Finding[];
  /** What this note contributes to the workspace rules. */
  digest: NoteDigest;
}

function stateFor(uri: string, id: string, version: number, text: string, config: ResolvedConfig, settings: TnoteSettings, workspaceFindings: Finding[]): OpenNoteState {
  const { result, digest } = lintNote(uri, text, config);
  return { uri, id, version, result, config, settings, workspaceFindings, digest };
}

interface Published {
  signature: string;
}

/** Documents above this size are checked after a short pause (twice their last check time) instead of on every keystroke. */
const LARGE_DOCUMENT = 200_000;

export class Validator {
  private readonly open = new Map<string, OpenNoteState>();
  private readonly published = new Map<string, Published>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** How long the last check of each large note took, for the adaptive pause. */
  private readonly lintMs = new Map<string, number>();
  /** Whether notes that are not open also get diagnostics ("Check All Notes in Workspace"). */
  private showClosedNotes = false;
  /** Indexed notes read again since the last workspace pass (their own findings may have changed). */
  private readonly closedDirty = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: { get(uri: string): TextDocument | undefined; all(): TextDocument[] },
    private readonly settings: SettingsStore,
    private readonly index: WorkspaceIndex,
    private readonly crossNote: CrossNoteChecker,
    private readonly log: Logger,
  ) {
    // Notes that left the index (deleted, unreadable, their folder removed) lose their diagnostics.
    index.onDropped = (uris) => {
      for (const uri of uris) this.diskNoteRemoved(uri);
    };
    index.onUpdated = (id) => {
      if (this.showClosedNotes) this.closedDirty.add(id);
    };
  }

  state(uri: string): OpenNoteState | undefined {
    return this.open.get(uri);
  }

  /** The note's latest lint result for this exact text: the cached one, or a fresh lint. */
  async current(doc: TextDocument): Promise<OpenNoteState> {
    const s = this.open.get(doc.uri);
    if (s && s.version === doc.version) return s;
    const settings = await this.settings.settingsFor(doc.uri);
    const { config } = await this.settings.configFor(doc.uri, settings);
    return stateFor(doc.uri, s?.id ?? (await this.index.idOf(doc.uri)), doc.version, doc.getText(), config, settings, s?.workspaceFindings ?? []);
  }

  linesOf = (uri: string): PositionMap | undefined => {
    const s = this.open.get(uri) ?? [...this.open.values()].find((x) => uriKey(x.uri) === uriKey(uri));
    return s?.result.note.lines ?? this.index.get(uri)?.lines;
  };

  /** Validates now, or after a pause proportional to size for very large notes. */
  schedule(doc: TextDocument, reason: 'open' | 'change' | 'save' | 'config'): void {
    const pending = this.timers.get(doc.uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(doc.uri);
    const length = doc.getText().length;
    if (length <= LARGE_DOCUMENT || reason === 'open' || reason === 'save') {
      void this.validate(doc.uri, reason);
      return;
    }
    const delay = Math.min(1000, Math.max(20, 2 * (this.lintMs.get(doc.uri) ?? length / 10_000)));
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        void this.validate(doc.uri, reason);
      }, delay),
    );
  }

  async validate(uri: string, reason: 'open' | 'change' | 'save' | 'config'): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    try {
      const settings = await this.settings.settingsFor(uri);
      if (reason === 'change' && settings.run === 'onSave' && this.open.has(uri)) return;
      const { config } = await this.settings.configFor(uri, settings);
      const id = await this.index.idOf(uri);
      const latest = this.documents.get(uri);
      if (!latest || latest.version !== version) return; // a newer change will validate
      const started = Date.now();
      const text = latest.getText();
      const previous = this.open.get(uri);
      const state = stateFor(uri, id, version, text, config, settings, previous?.workspaceFindings ?? []);
      if (text.length > LARGE_DOCUMENT) this.lintMs.set(uri, Date.now() - started);
      this.open.set(uri, state);
      // Its identity changed (a symbolic link now leads elsewhere): it no longer stands in for the old one.
      const moved = !!previous && previous.id !== id && this.crossNote.delete(previous.id, 'open');
      if (!this.crossNote.set(id, state.digest, 'open') && !moved && !this.crossNote.stale) {
        // Nothing the workspace rules read has changed: their findings stand; publish this note only.
        state.workspaceFindings = this.crossNote.findingsFor(id);
        this.publish(uri, version, sortFindings([...state.result.findings, ...state.workspaceFindings]), state.result.note.lines, true);
      } else {
        this.runWorkspacePass(uri);
      }
      this.log.debug(`tnote: ${uri} v${version}: ${state.result.findings.length + state.workspaceFindings.length} finding(s) in ${Date.now() - started} ms`);
    } catch (err) {
      this.log.error(`tnote: checking ${uri} failed: ${describeError(err)}`);
    }
  }

  /** Re-validates every open note (settings or config files changed). */
  revalidateAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc, 'config');
  }

  closed(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    const state = this.open.get(uri);
    this.open.delete(uri);
    this.lintMs.delete(uri);
    this.settings.forget(uri);
    this.index.forgetIdentity(uri);
    this.published.delete(uri);
    // Its copy on disk (if indexed) stands in for it again.
    const changed = !!state && this.crossNote.delete(state.id, 'open');
    const indexed = state ? this.index.byId(state.id) : this.index.get(uri);
    if (this.showClosedNotes && indexed) {
      this.closedDirty.add(indexed.id);
      this.runWorkspacePass();
    } else {
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      if (changed) this.runWorkspacePass();
    }
  }

  /**
   * Runs the workspace rules over open notes and indexed notes (an open note replaces its copy on
   * disk) and publishes every open note whose diagnostics changed (`force` always), and with
   * "check all" every indexed note whose findings may have changed (`all`: every indexed note).
   * The work is proportional to what changed, not to the size of the index.
   */
  runWorkspacePass(force?: string, all = false): void {
    const { found, changed } = this.workspaceFindings();
    const openIds = new Set<string>();
    for (const s of this.open.values()) {
      openIds.add(s.id);
      s.workspaceFindings = found.get(s.id) ?? [];
      this.publish(s.uri, s.version, sortFindings([...s.result.findings, ...s.workspaceFindings]), s.result.note.lines, s.uri === force);
      // Open by another path: its copy on disk is not shown beside it.
      const disk = this.index.byId(s.id);
      if (disk && disk.uri !== s.uri) this.unpublish(disk.uri);
    }
    if (this.showClosedNotes) {
      const publish = (n: IndexedNote) => {
        // Findings not computed yet: published once computed (checkAll computes them first).
        if (!openIds.has(n.id) && n.findings) this.publish(n.uri, undefined, sortFindings([...n.findings, ...(found.get(n.id) ?? [])]), n.lines, false);
      };
      if (all) for (const n of this.index.all()) publish(n);
      else {
        for (const id of [...changed, ...this.closedDirty]) {
          const n = this.index.byId(id);
          if (n) publish(n);
        }
      }
      this.closedDirty.clear();
    } else {
      // Only open notes are shown: withdraw anything else still published.
      for (const uri of [...this.published.keys()]) if (!this.open.has(uri)) this.unpublish(uri);
    }
  }

  /** The cross-note findings of every note (the workspace rules run only if something changed) and the ids whose findings changed. */
  private workspaceFindings(): { found: ReadonlyMap<string, Finding[]>; changed: ReadonlySet<string> } {
    try {
      const changed = this.crossNote.takeChanged();
      return { found: this.crossNote.findings(), changed };
    } catch (err) {
      this.log.error(`tnote: workspace rules failed: ${describeError(err)}`);
      return { found: new Map(), changed: new Set() };
    }
  }

  private publish(uri: string, version: number | undefined, findings: Finding[], lines: PositionMap, force: boolean): void {
    const signature = `${version ?? ''}|${findings.map((f) => `${f.ruleId}@${f.range.start}-${f.range.end}:${f.severity}:${f.message.length}:${(f.related ?? []).map((r) => `${r.file}@${r.range.start}`).join(',')}`).join(';')}`;
    if (!force && this.published.get(uri)?.signature === signature) return;
    this.published.set(uri, { signature });
    const diagnostics = findings.map((f) => toDiagnostic(f, uri, lines, version ?? 0, this.linesOf));
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** A note left the index: withdraw what was published for it (unless it is open). */
  diskNoteRemoved(uri: string): void {
    if (!this.open.has(uri)) this.unpublish(uri);
  }

  private unpublish(uri: string): void {
    if (!this.published.has(uri)) return;
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * "Check All Notes in Workspace": computes the findings of indexed notes that were only digested,
   * then publishes diagnostics for every indexed note; returns totals.
   */
  async checkAll(): Promise<{ notes: number; errors: number; warnings: number; infos: number }> {
    await this.index.computeFindings();
    this.showClosedNotes = true;
    this.runWorkspacePass(undefined, true);
    const totals = { notes: 0, errors: 0, warnings: 0, infos: 0 };
    const count = (findings: Finding[]) => {
      totals.notes++;
      for (const f of findings) {
        if (f.severity === 'error') totals.errors++;
        else if (f.severity === 'warning') totals.warnings++;
        else totals.infos++;
      }
    };
    const openIds = new Set<string>();
    for (const s of this.open.values()) {
      openIds.add(s.id);
      count([...s.result.findings, ...s.workspaceFindings]);
    }
    const { found } = this.workspaceFindings();
    for (const n of this.index.all()) {
      if (!openIds.has(n.id)) count([...(n.findings ?? []), ...(found.get(n.id) ?? [])]);
    }
    return totals;
  }
}
