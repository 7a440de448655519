/**
 * `tnote config --print NOTE [--format yaml|json] [--config FILE]`: the configuration that applies
 * to a note — the nearest `.tnoterc.yaml` (or `--config FILE`) with what it `extends` resolved —
 * and which file set each value (`default` when none did). YAML (default) carries the file as a
 * comment after each value; JSON has the values under `config` and their files, in the same
 * shape, under `from`. Problems of the config files go to stderr as in `tnote check`.
 * Exit status: 0 printed; 2 bad usage, a missing note or a config file with errors (still printed).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import { ConfigLoader, DEFAULT_ORIGIN, effectiveConfig, type EffectiveConfig, type LoadedConfig, type Sourced } from '../engine';
import { nodeFileAccess } from '../node/nodeFs';
import { readArgs } from './args';
import { displayPath } from './files';
import { escapeControls } from './format/escape';

export const CONFIG_USAGE = `Usage: tnote config --print NOTE [--format yaml|json] [--config FILE]

  --print NOTE   print the configuration that applies to NOTE: the nearest .tnoterc.yaml from the
                 note's folder upwards, with the files it extends applied first, and which file set
                 each value ("default" when none did)
  --format       yaml (default; the file as a comment after each value) or json ({ note, files,
                 config, from }: the values, and the file of each in the same shape)
  --config FILE  use this config file instead of the nearest .tnoterc.yaml

Exit status: 0 printed; 2 bad usage, a missing note, or a config file with errors (still printed).`;

export interface ConfigIo {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
}

interface ConfigOptions {
  note?: string;
  format: 'yaml' | 'json';
  config?: string;
  help: boolean;
}

function parseConfigArgs(argv: readonly string[]): ConfigOptions | string {
  const o: ConfigOptions = { format: 'yaml', help: false };
  for (const { arg: a, name, value } of readArgs(argv)) {
    if (name === '--help' || name === '-h') o.help = true;
    else if (name === '--print') {
      const v = value();
      if (!v) return '--print needs a note, e.g. tnote config --print notes/visit.tnote';
      if (o.note !== undefined) return '--print takes one note';
      o.note = v;
    } else if (name === '--format') {
      const v = value();
      if (v !== 'yaml' && v !== 'json') return `--format takes yaml or json${v ? ` (not "${escapeControls(v)}")` : ''}`;
      o.format = v;
    } else if (name === '--config') {
      const v = value();
      if (!v) return '--config needs a file';
      o.config = v;
    } else return `unexpected argument ${escapeControls(a)} for config (tnote config --print NOTE)`;
  }
  if (!o.help && o.note === undefined) return 'config needs --print NOTE';
  return o;
}

/** Runs `tnote config` with the arguments after `config`; resolves to the exit status. */
export async function configCommand(argv: readonly string[], io: ConfigIo): Promise<number> {
  const opts = parseConfigArgs(argv);
  if (typeof opts === 'string') {
    io.err(`tnote config: ${opts}\n\n${CONFIG_USAGE}`);
    return 2;
  }
  if (opts.help) {
    io.out(CONFIG_USAGE);
    return 0;
  }
  const note = path.resolve(io.cwd, opts.note!);
  const missing = fileProblem(note);
  if (missing) {
    io.err(escapeControls(`tnote config: ${opts.note!}: ${missing === 'ENOENT' ? 'no such note' : missing}`));
    return 2;
  }
  let configFile: string | undefined;
  if (opts.config) {
    configFile = path.resolve(io.cwd, opts.config);
    if (fileProblem(configFile)) {
      io.err(escapeControls(`tnote config: config file not found: ${opts.config}`));
      return 2;
    }
  }
  const loaded = await new ConfigLoader(nodeFileAccess({ blocking: true })).forFile(note, { configFile });
  let exit = 0;
  for (const { file, problems } of withBases(loaded)) {
    for (const p of problems) {
      io.err(escapeControls(`${displayPath(file, io.cwd)}:${p.line}:${p.column}: ${p.severity} ${p.message} (config-invalid)`));
      if (p.severity === 'error') exit = 2;
    }
  }
  const eff = effectiveConfig(loaded);
  const shown = (from: string) => (from === DEFAULT_ORIGIN ? from : displayPath(from, io.cwd));
  io.out(opts.format === 'json' ? printJson(eff, displayPath(note, io.cwd), shown, io.cwd) : printYaml(eff, displayPath(note, io.cwd), shown, io.cwd));
  return exit;
}

/** Why a path is not a readable file ('ENOENT' when nothing is there), undefined when it is one. */
function fileProblem(p: string): string | undefined {
  try {
    return fs.statSync(p).isDirectory() ? 'is a folder, not a note' : undefined;
  } catch (e) {
    return (e as { code?: string }).code === 'ENOENT' || (e as { code?: string }).code === 'ENOTDIR' ? 'ENOENT' : `cannot be read (${(e as { code?: string }).code ?? String(e)})`;
  }
}

/** The file and the files it extends (each once, in the order they apply). */
function withBases(loaded: LoadedConfig, seen = new Set<string>()): { file: string; problems: LoadedConfig['problems'] }[] {
  const out: { file: string; problems: LoadedConfig['problems'] }[] = [];
  for (const b of loaded.bases ?? []) out.push(...withBases(b, seen));
  if (loaded.file && !seen.has(loaded.file)) {
    seen.add(loaded.file);
    out.push({ file: loaded.file, problems: loaded.problems });
  }
  return out;
}

type Tree = { [key: string]: Tree | Tree[] | string | string[] | Sourced<unknown> };

/**
 * The effective configuration as two trees of the same shape: plain values, and where each came
 * from. Empty maps and lists are left out; paths (code file, ignore folder) are shown like file
 * names in `tnote check` (relative to the current folder when inside it).
 */
function split(eff: EffectiveConfig, shown: (from: string) => string, cwd: string): { config: Record<string, unknown>; from: Record<string, unknown> } {
  const config: Record<string, unknown> = {};
  const from: Record<string, unknown> = {};
  const map = <T>(m: Record<string, Sourced<T>>) => [Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.value])), Object.fromEntries(Object.entries(m).map(([k, v]) => [k, shown(v.from)]))];
  const put = (key: string, value: unknown, origin: unknown) => {
    config[key] = value;
    from[key] = origin;
  };
  put('profile', eff.profile.value, shown(eff.profile.from));
  if (Object.keys(eff.payers).length) put('payers', ...(map(eff.payers) as [unknown, unknown]));
  put(
    'profiles',
    Object.fromEntries(Object.entries(eff.profiles).map(([p, s]) => [p, { units: s.units.value }])),
    Object.fromEntries(Object.entries(eff.profiles).map(([p, s]) => [p, { units: shown(s.units.from) }])),
  );
  if (Object.keys(eff.rules).length) put('rules', ...(map(eff.rules) as [unknown, unknown]));
  if (eff.required.length)
    put(
      'required',
      eff.required.map((r) => (r.value.fields.length ? r.value : r.value.section)),
      eff.required.map((r) => shown(r.from)),
    );
  const sections = Object.entries(eff.aliases.sections);
  const fields = Object.entries(eff.aliases.fields);
  if (sections.length || fields.length) {
    const value: Record<string, unknown> = {};
    const origin: Record<string, unknown> = {};
    if (sections.length) {
      value.sections = Object.fromEntries(sections.map(([id, list]) => [id, list.map((x) => x.value)]));
      origin.sections = Object.fromEntries(sections.map(([id, list]) => [id, list.map((x) => shown(x.from))]));
    }
    if (fields.length) {
      value.fields = Object.fromEntries(fields.map(([id, f]) => [id, Object.fromEntries(Object.entries(f).map(([k, list]) => [k, list.map((x) => x.value)]))]));
      origin.fields = Object.fromEntries(fields.map(([id, f]) => [id, Object.fromEntries(Object.entries(f).map(([k, list]) => [k, list.map((x) => shown(x.from))]))]));
    }
    put('aliases', value, origin);
  }
  if (eff.icd10CodeFile) put('icd10CodeFile', displayPath(eff.icd10CodeFile.value, cwd), shown(eff.icd10CodeFile.from));
  if (eff.ignore) put('ignore', eff.ignore.value.patterns, shown(eff.ignore.from));
  return { config, from };
}

function printJson(eff: EffectiveConfig, note: string, shown: (from: string) => string, cwd: string): string {
  return JSON.stringify({ note, files: eff.files.map(shown), ...split(eff, shown, cwd) }, null, 2);
}

function printYaml(eff: EffectiveConfig, note: string, shown: (from: string) => string, cwd: string): string {
  const { config, from } = split(eff, shown, cwd);
  const doc = new Document(config);
  // Each value gets its file as a comment after it: on each item of a list it sets (ignore), on the section of a required entry.
  const annotate = (node: Node | null | undefined, origin: unknown): void => {
    if (typeof origin === 'string') {
      const targets = node && isMap(node) ? [node.items[0]?.value as Node | undefined] : node && isSeq(node) ? (node.items as Node[]) : [node];
      for (const t of targets) if (t && isScalar(t)) t.comment = ` ${origin}`;
      return;
    }
    if (Array.isArray(origin) && node && isSeq(node)) (node.items as Node[]).forEach((item, i) => annotate(item, origin[i]));
    else if (origin && typeof origin === 'object' && node && isMap(node))
      for (const pair of node.items) annotate(pair.value as Node, (origin as Tree)[isScalar(pair.key) ? String(pair.key.value) : '']);
  };
  annotate(doc.contents, from);
  const files = eff.files.map(shown);
  doc.commentBefore = [
    ` Configuration for ${note}`,
    files.length ? ` Config files, applied in this order: ${files.join(', ')}` : ' No config file applies: the defaults.',
    ' Each value is followed by the file that set it (default: none did); rules not listed keep their default severity (tnote rules).',
  ].join('\n');
  return doc.toString({ lineWidth: 0 }).trimEnd();
}
