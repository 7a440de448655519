/**
 * The check pipeline that the CLI and the language server share: each note through the note
 * stage ({@link lintNote}: input checks, parse, note rules, a digest for the cross-note rules),
 * then the cross-note stage over the digests of every note ({@link CrossNoteChecker}).
 *
 * {@link lintFiles} is the entry for notes on disk (markdownlint-cli2's `main()` is the model):
 * it reads them through a {@link FileAccess}, applies fixes when asked, hands each note's result
 * to the caller and keeps only its digest, so memory stays flat however many notes one call
 * checks. The caller decides what to keep of a result (the CLI: report rows; the editor's
 * workspace index: findings and line starts). Notes held in memory (open editor buffers) go
 * through {@link lintNote} and {@link CrossNoteChecker.set} with the `open` layer, which stands in
 * for their copy on disk.
 */
import { defaultConfig, type ResolvedConfig } from './config/types';
import { fixAll } from './fixAll';
import { decodeNoteBytes, errorCode, readNoteBytes, readNoteFile, type FileAccess, type FileStat, type ReadPolicy } from './fs';
import { digestNote, lintText, runWorkspaceRule, sortFindings, type LintResult } from './lint';
import { RULES } from './rules/registry';
import type { NoteDigest, Rule, WorkspaceRule } from './rules/types';
import { LineIndex } from './text';
import type { Finding } from './types';

export interface NoteCheck {
  result: LintResult;
  /** What the note contributes to the cross-note rules (no text, no parse tree). */
  digest: NoteDigest;
}

/** The note stage: checks one note's text; `name` is how other notes' findings refer to it (path or URI). */
export function lintNote(name: string, text: string, config: ResolvedConfig, rules: readonly Rule[] = RULES): NoteCheck {
  const result = lintText(text, config, rules);
  return { result, digest: digestNote(name, result.note, result.profile, config, rules) };
}

/**
 * Only a note's digest for the cross-note stage: the note is parsed as {@link lintNote} parses it
 * (same input checks, same line starts, same profile, same digest) but no note rule runs, so the
 * result has no findings. For the editor's workspace index, whose notes' own findings are only
 * needed when every note is shown ("Check All Notes in Workspace").
 */
export function digestOnlyNote(name: string, text: string, config: ResolvedConfig, rules: readonly Rule[] = RULES): NoteCheck {
  // lintText with no rules: its parse, input checks and profile, and no findings.
  const result = lintText(text, config, NO_RULES);
  return { result, digest: digestNote(name, result.note, result.profile, config, rules) };
}
const NO_RULES: readonly Rule[] = [];

/** Two digests with the same key give the same cross-note findings. */
export function digestKey(d: NoteDigest): string {
  return JSON.stringify([d.profile, d.config.rules, [...d.summaries]]);
}

/** What {@link lintFiles} needs of a cross-note stage. */
export interface CrossNoteStage {
  set(id: string, digest: NoteDigest): unknown;
  delete(id: string): unknown;
  findings(): ReadonlyMap<string, Finding[]>;
}

/** Digests whose summaries' JSON text is already at hand (a cache hit), see {@link withSummariesText}. */
const summariesTexts = new WeakMap<NoteDigest, string>();

/**
 * Marks `text` as the JSON text of `digest.summaries` (as an object, key by key), so that
 * {@link CrossNoteBatch} keeps it as it is instead of writing it again.
 */
export function withSummariesText(digest: NoteDigest, text: string): NoteDigest {
  summariesTexts.set(digest, text);
  return digest;
}

/**
 * The cross-note stage of one batch run (the CLI): each note's digest is set once, then the
 * findings are asked for once. It keeps a digest as its summaries' JSON text (summaries are plain
 * JSON data, see WorkspaceRule.summarize) and each workspace rule's partition key, then runs each
 * rule partition by partition, decoding only that partition's digests. The findings are those of
 * a {@link CrossNoteChecker} given the same digests; memory is a few hundred bytes a note.
 */
export class CrossNoteBatch implements CrossNoteStage {
  private readonly notes: { id: string; file: string; profile: NoteDigest['profile']; config: NoteDigest['config']; summaries: TextSlot }[] = [];
  /** The summaries' JSON text, as UTF-8 outside the JavaScript heap. */
  private readonly texts = new TextArena();
  private readonly byId = new Map<string, number>();
  private readonly runs: { rule: WorkspaceRule; members: { note: number; key: string }[] }[];

  constructor(rules: readonly Rule[] = RULES) {
    this.runs = rules.filter((r): r is WorkspaceRule => r.scope === 'workspace').map((rule) => ({ rule, members: [] }));
  }

  set(id: string, digest: NoteDigest): void {
    if (this.byId.has(id)) throw new Error(`CrossNoteBatch: ${id} was set twice`);
    if (digest.summaries.size === 0) return;
    const note = this.notes.length;
    this.notes.push({
      id,
      file: digest.file,
      profile: digest.profile,
      config: digest.config,
      summaries: this.texts.put(summariesTexts.get(digest) ?? JSON.stringify(Object.fromEntries(digest.summaries))),
    });
    this.byId.set(id, note);
    for (const run of this.runs) {
      const summary = digest.summaries.get(run.rule.id);
      if (summary !== undefined) run.members.push({ note, key: run.rule.partition?.(summary) ?? WHOLE });
    }
  }

  /** Nothing to take out: a note that could not be read was never set. */
  delete(): void {}

  findings(): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    for (const run of this.runs) {
      // Partition by partition, each in id order (as the CrossNoteChecker runs a whole partition).
      const members = run.members.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || compareIds(this.notes[a.note].id, this.notes[b.note].id));
      for (let start = 0; start < members.length;) {
        let end = start + 1;
        while (end < members.length && members[end].key === members[start].key) end++;
        const idOf = new Map<NoteDigest, string>();
        const digests = members.slice(start, end).map(({ note }) => {
          const n = this.notes[note];
          const digest: NoteDigest = { file: n.file, profile: n.profile, config: n.config, summaries: new Map(Object.entries(JSON.parse(this.texts.get(n.summaries)) as Record<string, unknown>)) };
          idOf.set(digest, n.id);
          return digest;
        });
        runWorkspaceRule(run.rule, digests, (target, finding) => {
          const id = idOf.get(target);
          if (id === undefined) return;
          const list = out.get(id);
          if (list) list.push(finding);
          else out.set(id, [finding]);
        });
        start = end;
      }
    }
    return out;
  }
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Where a text is in a {@link TextArena}. */
interface TextSlot {
  chunk: number;
  at: number;
  length: number;
}

/**
 * Texts kept as UTF-8 in large byte arrays (outside the JavaScript heap, so they neither weigh on
 * the garbage collector nor make the heap grow), read back one at a time.
 */
class TextArena {
  private static readonly CHUNK = 1 << 20;
  private readonly chunks: Uint8Array[] = [];
  private used = TextArena.CHUNK;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  put(text: string): TextSlot {
    const bytes = this.encoder.encode(text);
    if (this.used + bytes.length > TextArena.CHUNK) {
      this.chunks.push(new Uint8Array(Math.max(TextArena.CHUNK, bytes.length)));
      this.used = 0;
    }
    const chunk = this.chunks.length - 1;
    this.chunks[chunk].set(bytes, this.used);
    const slot = { chunk, at: this.used, length: bytes.length };
    this.used += bytes.length;
    return slot;
  }

  get(slot: TextSlot): string {
    return this.decoder.decode(this.chunks[slot.chunk].subarray(slot.at, slot.at + slot.length));
  }
}

/** Where a digest comes from: a file on disk, or an open editor buffer that stands in for it. */
export type DigestLayer = 'disk' | 'open';

interface Entry {
  digest: NoteDigest;
  /** {@link digestKey}, computed when first compared (a CLI run never needs it). */
  key?: string;
}

interface Slot {
  disk?: Entry;
  open?: Entry;
}

const effective = (s: Slot) => s.open ?? s.disk;
const keyOf = (e: Entry) => (e.key ??= digestKey(e.digest));
/** The partition of rules that have none: every note together. */
const WHOLE = '';

/** One workspace rule's part of the cross-note stage. */
interface RuleRun {
  rule: WorkspaceRule;
  /** Partition key → ids of the notes in it, sorted (the order the rule sees them in). */
  members: Map<string, string[]>;
  /** Partitions to check again as a whole. */
  dirty: Set<string>;
  /** Partition key → ids whose digest changed but not its shape (rules with {@link WorkspaceRule.shape}). */
  moved: Map<string, Set<string>>;
  /** Partition key → ids that have findings of this rule. */
  reported: Map<string, Set<string>>;
  /** This rule's findings by id. */
  found: Map<string, Finding[]>;
  /** Rules with a shape: partition key → (id → ids whose findings of this rule relate to it). */
  dependents: Map<string, Map<string, Set<string>>>;
}

/** Index of `id` in a sorted list, or where it would go (binary search). */
function sortedIndex(list: readonly string[], id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The cross-note stage: the digests of the notes of one check, each under an id (a file path),
 * in two layers (an `open` digest replaces the `disk` digest of the same id). The workspace rules
 * run over them in id order when their findings are asked for, and run again only after a digest
 * that changes what they read was set or deleted; so an editor whose keystroke left a note's
 * digest as it was need not run them at all.
 *
 * Big workspaces stay fast: a rule with a {@link WorkspaceRule.partition} (the patient) is run per
 * partition, and after a change only over the partitions the changed note was and is in; a rule
 * with a {@link WorkspaceRule.shape} is run, after a change that kept the note's shape, only over
 * that note and the notes related to it. Either way the findings equal those of a run from scratch.
 */
export class CrossNoteChecker {
  private readonly slots = new Map<string, Slot>();
  /** Digest → id (how a rule's report finds its note). */
  private readonly idOfDigest = new Map<NoteDigest, string>();
  /** A digest's name (`file`, how related information names a note) → id. */
  private readonly idOfName = new Map<string, string>();
  private readonly runs: RuleRun[];
  private order: string[] | undefined;
  private readonly results = new Map<string, Finding[]>();
  private pending = true;
  private readonly changedIds = new Set<string>();

  constructor(rules: readonly Rule[] = RULES) {
    this.runs = rules
      .filter((r): r is WorkspaceRule => r.scope === 'workspace')
      .map((rule) => ({ rule, members: new Map(), dirty: new Set(), moved: new Map(), reported: new Map(), found: new Map(), dependents: new Map() }));
  }

  /** Records a note's digest; true when this changed the cross-note findings' input. */
  set(id: string, digest: NoteDigest, layer: DigestLayer = 'disk'): boolean {
    let slot = this.slots.get(id);
    if (!slot) {
      slot = {};
      this.slots.set(id, slot);
      this.order = undefined;
    }
    const before = effective(slot);
    const old = slot[layer];
    if (old) this.forgetDigest(old.digest);
    slot[layer] = { digest };
    this.idOfDigest.set(digest, id);
    this.idOfName.set(digest.file, id);
    return this.changed(id, before, effective(slot));
  }

  /** Forgets a note's digest in one layer; true when this changed the cross-note findings' input. */
  delete(id: string, layer: DigestLayer = 'disk'): boolean {
    const slot = this.slots.get(id);
    const entry = slot?.[layer];
    if (!slot || !entry) return false;
    const before = effective(slot);
    delete slot[layer];
    this.forgetDigest(entry.digest);
    const after = effective(slot);
    if (after) this.idOfName.set(after.digest.file, id);
    else {
      this.slots.delete(id);
      this.order = undefined;
    }
    return this.changed(id, before, after);
  }

  has(id: string, layer?: DigestLayer): boolean {
    const slot = this.slots.get(id);
    return !!slot && (layer ? !!slot[layer] : true);
  }

  /** Ids of the notes in the check, in the order the cross-note rules see them. */
  ids(): readonly string[] {
    return (this.order ??= [...this.slots.keys()].sort());
  }

  get size(): number {
    return this.slots.size;
  }

  /** True when the next {@link findings} call runs workspace rules (something changed since the last). */
  get stale(): boolean {
    return this.pending;
  }

  /** Cross-note findings by id, for the notes that have any. */
  findings(): ReadonlyMap<string, Finding[]> {
    if (!this.pending) return this.results;
    this.pending = false;
    const touched = new Set<string>();
    for (const run of this.runs) {
      // Whole partitions: take out what they reported last time, then check them again.
      for (const part of run.dirty) {
        for (const id of run.reported.get(part) ?? []) if (run.found.delete(id)) touched.add(id);
        run.reported.delete(part);
        run.moved.delete(part);
        run.dependents.delete(part);
      }
      for (const part of run.dirty) {
        const ids = run.members.get(part);
        if (ids) this.checkPartition(run, part, ids, touched);
      }
      run.dirty.clear();
      // Notes that kept their shape: with the notes related to them (see WorkspaceRule.shape).
      for (const [part, moved] of run.moved) {
        let deps = run.dependents.get(part);
        if (!deps) run.dependents.set(part, (deps = new Map<string, Set<string>>()));
        const again = new Set(moved);
        for (const id of moved) for (const d of deps.get(id) ?? []) again.add(d);
        const subset = new Set(again);
        for (const id of again) for (const rid of this.relatedIds(run, id)) subset.add(rid);
        const ids = [...subset].filter((id) => this.slots.has(id)).sort();
        const got = this.run(run, ids, again);
        for (const id of again) this.replace(run, deps, id, got.get(id), touched);
        let reported = run.reported.get(part);
        if (!reported) run.reported.set(part, (reported = new Set()));
        for (const id of got.keys()) reported.add(id);
      }
      run.moved.clear();
    }
    for (const id of touched) {
      const lists: Finding[][] = [];
      for (const run of this.runs) {
        const l = run.found.get(id);
        if (l) lists.push(l);
      }
      if (lists.length === 0) this.results.delete(id);
      else this.results.set(id, lists.length === 1 ? lists[0] : lists.flat());
      this.changedIds.add(id);
    }
    return this.results;
  }

  findingsFor(id: string): Finding[] {
    return this.findings().get(id) ?? [];
  }

  /**
   * Ids whose cross-note findings may have changed since the last call (the workspace rules are
   * run first if needed); for an editor that publishes only what changed.
   */
  takeChanged(): Set<string> {
    this.findings();
    const out = new Set(this.changedIds);
    this.changedIds.clear();
    return out;
  }

  /** Runs one rule over `ids` (sorted); the findings by id (of `only`, when given). */
  private run(run: RuleRun, ids: readonly string[], only?: ReadonlySet<string>): Map<string, Finding[]> {
    const got = new Map<string, Finding[]>();
    runWorkspaceRule(
      run.rule,
      ids.map((id) => effective(this.slots.get(id)!)!.digest),
      (target, finding) => {
        const id = this.idOfDigest.get(target);
        if (id === undefined || (only && !only.has(id))) return;
        const list = got.get(id);
        if (list) list.push(finding);
        else got.set(id, [finding]);
      },
    );
    return got;
  }

  /** Checks a whole partition (its previous findings already taken out). */
  private checkPartition(run: RuleRun, part: string, ids: readonly string[], touched: Set<string>): void {
    const got = this.run(run, ids);
    if (got.size === 0) return;
    for (const [id, list] of got) {
      run.found.set(id, list);
      touched.add(id);
    }
    run.reported.set(part, new Set(got.keys()));
    if (!run.rule.shape) return;
    // Who relates to whom: within the partition, since the rule saw only its notes.
    const deps = new Map<string, Set<string>>();
    for (const id of got.keys()) {
      for (const rid of this.relatedIds(run, id)) {
        let d = deps.get(rid);
        if (!d) deps.set(rid, (d = new Set()));
        d.add(id);
      }
    }
    run.dependents.set(part, deps);
  }

  /** Sets (or with `undefined` clears) one note's findings of a shaped rule, keeping its partition's dependents index. */
  private replace(run: RuleRun, deps: Map<string, Set<string>>, id: string, list: Finding[] | undefined, touched: Set<string>): void {
    for (const rid of this.relatedIds(run, id)) deps.get(rid)?.delete(id);
    if (list) run.found.set(id, list);
    else if (!run.found.delete(id)) return;
    touched.add(id);
    if (!list) return;
    for (const rid of this.relatedIds(run, id)) {
      let d = deps.get(rid);
      if (!d) deps.set(rid, (d = new Set()));
      d.add(id);
    }
  }

  /** Ids of the notes that one note's findings of a rule relate to. */
  private relatedIds(run: RuleRun, id: string): Set<string> {
    const out = new Set<string>();
    for (const f of run.found.get(id) ?? []) {
      for (const r of f.related ?? []) {
        const rid = r.file === undefined ? undefined : this.idOfName.get(r.file);
        if (rid !== undefined && rid !== id) out.add(rid);
      }
    }
    return out;
  }

  private forgetDigest(digest: NoteDigest): void {
    this.idOfDigest.delete(digest);
  }

  private changed(id: string, before: Entry | undefined, after: Entry | undefined): boolean {
    if (before === after || (before && after && keyOf(before) === keyOf(after))) return false;
    this.pending = true;
    for (const run of this.runs) {
      const was = before?.digest.summaries.get(run.rule.id);
      const is = after?.digest.summaries.get(run.rule.id);
      const from = was === undefined ? undefined : (run.rule.partition?.(was) ?? WHOLE);
      const to = is === undefined ? undefined : (run.rule.partition?.(is) ?? WHOLE);
      if (from !== undefined && from === to && run.rule.shape && run.rule.shape(was) === run.rule.shape(is)) {
        // Same shape: only this note and the notes related to it are checked again.
        if (!run.dirty.has(from)) {
          let moved = run.moved.get(from);
          if (!moved) run.moved.set(from, (moved = new Set()));
          moved.add(id);
        }
        continue;
      }
      if (from !== undefined) run.dirty.add(from);
      if (to !== undefined) run.dirty.add(to);
      if (from === to) continue;
      if (from !== undefined) {
        const list = run.members.get(from)!;
        list.splice(sortedIndex(list, id), 1);
        if (list.length === 0) run.members.delete(from);
      }
      if (to !== undefined) {
        const list = run.members.get(to);
        if (list) list.splice(sortedIndex(list, id), 0, id);
        else run.members.set(to, [id]);
      }
    }
    return true;
  }
}

/** What {@link lintFiles} found for one file. */
export type FileOutcome =
  | {
      file: string;
      ok: true;
      result: LintResult;
      digest: NoteDigest;
      stat: FileStat;
      /** With `digestOnly`: the note rules did not run (`result.findings` is empty, not the note's findings). */
      digestOnly?: true;
      /** With `fix`: how many fixes were written, or why writing failed (the file is then unchanged). */
      fixed?: { count: number } | { error: string };
    }
  | { file: string; ok: false; error: string; code?: string; cause?: unknown };

/** A note file as {@link lintFiles} read it: its text (without a byte-order mark), whether it had one, and its stat. */
export interface NoteAsRead {
  text: string;
  bom: boolean;
  stat: FileStat;
}

export interface LintFilesOptions {
  fs: FileAccess;
  /** Size limit and decoding of note files. */
  read: ReadPolicy;
  configFor(file: string): ResolvedConfig | Promise<ResolvedConfig>;
  /**
   * Where each note's digest goes (and where a note that cannot be read is taken out). Without it
   * the caller records digests itself, from each outcome (the editor's index does, to drop an
   * outcome that a newer change to the file has overtaken).
   */
  crossNote?: CrossNoteStage;
  /** The note's id in `crossNote` (default: its path). */
  idOf?(file: string): string;
  /** How other notes' findings name the note (default: its path; the editor uses URIs). */
  nameOf?(file: string): string;
  /**
   * Apply every safe fix before checking, and write the fixed text with this (a byte-order mark
   * kept). `read` is the note as it was read, so the writer can make sure the file did not change
   * in between (no lost update). A rejection leaves the note unfixed: its code, else its message,
   * becomes the outcome's `fixed.error`.
   */
  fix?: { write(file: string, text: string, read: NoteAsRead): Promise<void> };
  rules?: readonly Rule[];
  /**
   * Parse each note and make its digest, but run no note rule ({@link digestOnlyNote}): the
   * outcome is marked `digestOnly` and has no findings. A function is asked per file, when the
   * file is checked. Not with `fix` (fixing needs the findings: a note being fixed is checked).
   */
  digestOnly?: boolean | ((file: string) => boolean);
  /** Each file's outcome, in order; the result is not kept after this returns. */
  onNote(outcome: FileOutcome): void | Promise<void>;
  /** Called after each file; `false` stops (a newer run superseded this one). A server yields here. */
  between?(done: number, total: number): boolean | void | Promise<boolean | void>;
  /**
   * When given, the cross-note stage runs once every file is in, and this gets each file's
   * cross-note findings (with its lines, read again: results are not kept).
   */
  onCrossNote?(file: string, findings: Finding[], lines: LineIndex): void | Promise<void>;
}

/**
 * The note stage for files on disk, in the given order, and optionally the cross-note stage (see
 * the module comment). Never rejects for one file: failures to read, write or check a file are
 * outcomes.
 */
export async function lintFiles(files: readonly string[], options: LintFilesOptions): Promise<void> {
  const idOf = (f: string) => (options.idOf ? options.idOf(f) : f);
  const nameOf = (f: string) => (options.nameOf ? options.nameOf(f) : f);
  const rules = options.rules ?? RULES;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const id = idOf(file);
    const outcome = await lintFile(file, nameOf(file), rules, options);
    if (outcome.ok) options.crossNote?.set(id, outcome.digest);
    else options.crossNote?.delete(id);
    await options.onNote(outcome);
    if ((await options.between?.(i + 1, files.length)) === false) return;
  }
  if (!options.onCrossNote || !options.crossNote) return;
  await crossNoteFindingsByFile(options.fs, options.read, files, options.crossNote.findings(), options.onCrossNote, idOf);
}

/**
 * The cross-note stage's output for files on disk: `each` gets the files with cross-note findings
 * in `all` (by id), in file order, each id once, with the note's lines — the note is read again
 * (results are not kept through a run; a note that could not be read has no digest, so no findings).
 */
export async function crossNoteFindingsByFile(
  fs: FileAccess,
  read: ReadPolicy,
  files: readonly string[],
  all: ReadonlyMap<string, Finding[]>,
  each: (file: string, findings: Finding[], lines: LineIndex) => void | Promise<void>,
  idOf: (file: string) => string = (f) => f,
): Promise<void> {
  if (all.size === 0) return;
  const done = new Set<string>();
  for (const file of files) {
    const id = idOf(file);
    const findings = all.get(id);
    if (!findings?.length || done.has(id)) continue;
    done.add(id);
    const text = await readNoteFile(fs, file, read);
    if (text.ok) await each(file, findings, new LineIndex(text.text));
  }
}

async function lintFile(file: string, name: string, rules: readonly Rule[], options: LintFilesOptions): Promise<FileOutcome> {
  const raw = await readNoteBytes(options.fs, file, options.read);
  if (!raw.ok) return { file, ok: false, error: raw.error, code: raw.code };
  const read = decodeNoteBytes(raw.bytes, raw.stat, options.read);
  if (!read.ok) return { file, ok: false, error: read.error, code: read.code };
  try {
    const config = await options.configFor(file);
    let text = read.text;
    let fixed: { count: number } | { error: string } | undefined;
    if (options.fix) {
      const f = fixAll(text, config);
      if (f.applied.length > 0 && f.text !== text) {
        try {
          await options.fix.write(file, (read.bom ? '\uFEFF' : '') + f.text, { text: read.text, bom: read.bom, stat: read.stat });
          text = f.text;
          fixed = { count: f.applied.length };
        } catch (e) {
          fixed = { error: errorCode(e) ?? (e instanceof Error ? e.message : String(e)) };
        }
      }
    }
    const digestOnly = !options.fix && (typeof options.digestOnly === 'function' ? options.digestOnly(file) : options.digestOnly === true);
    if (digestOnly) {
      const { result, digest } = digestOnlyNote(name, text, config, rules);
      return { file, ok: true, result, digest, stat: read.stat, digestOnly: true };
    }
    const { result, digest } = lintNote(name, text, config, rules);
    return { file, ok: true, result, digest, stat: read.stat, fixed };
  } catch (e) {
    return { file, ok: false, error: 'could not be checked (an internal error)', cause: e };
  }
}

export interface WorkspaceInput {
  file: string;
  text: string;
  config?: ResolvedConfig;
}

export interface WorkspaceResult extends LintResult {
  file: string;
}

/** Checks notes held in memory together: the note stage on each, then the cross-note stage. */
export function lintWorkspace(inputs: readonly WorkspaceInput[], rules: readonly Rule[] = RULES): WorkspaceResult[] {
  const crossNote = new CrossNoteChecker(rules);
  const results: WorkspaceResult[] = inputs.map((i) => {
    const { result, digest } = lintNote(i.file, i.text, i.config ?? defaultConfig(), rules);
    crossNote.set(i.file, digest);
    return { file: i.file, ...result };
  });
  const found = crossNote.findings();
  for (const r of results) {
    const extra = found.get(r.file) ?? [];
    if (extra.length) r.findings = sortFindings([...r.findings, ...extra]);
  }
  return results;
}
