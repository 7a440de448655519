/**
 * `tnote` — the command-line face of the engine, for documentation teams and CI.
 *   tnote check [paths|globs...] [--format text|json|sarif] [--fix] [--final] [--config FILE]
 * Exit status: 0 no error-severity finding, 1 at least one, 2 bad usage or unreadable input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../engine';
import { nodeFileAccess } from '../node/nodeFs';
import { checkFiles, ConfigCache } from './checkFiles';
import { displayPath, expandInputs } from './files';
import { formatJson, formatSarif, formatText, sortRows } from './report';

const VERSION = readVersion();

function readVersion(): string {
  for (const p of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', '..', 'package.json')]) {
    try {
      return (JSON.parse(fs.readFileSync(p, 'utf8')) as { version: string }).version;
    } catch {
      /* try the next location */
    }
  }
  return '0.0.0';
}

const HELP = `tnote ${VERSION} — checks therapy notes (.tnote) against CPT 97760 documentation and billing rules

Usage:
  tnote check [paths|globs...] [--format text|json|sarif] [--fix] [--final] [--config FILE]
  tnote rules [--format text|json]
  tnote --help | --version

  paths     files, folders (searched for *.tnote) or globs; default: the current folder
  --format  text (default), json (note-format.md §5) or sarif (SARIF 2.1.0 for code scanning)
  --fix     apply every safe fix in place (atomic writes), then report what remains
  --final   treat every note as final whatever its status (a billing gate in CI)
  --config  use this config file instead of the nearest .tnoterc.yaml

Exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable input.`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  color: boolean;
}

const defaultIo = (): Io => ({
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  cwd: process.cwd(),
  color: !!process.stdout.isTTY && !process.env.NO_COLOR,
});

interface Options {
  command: string;
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  /** Treat every note as final whatever its `status` (a billing gate in CI). */
  final: boolean;
  config?: string;
}

function parseArgs(argv: string[]): Options | string {
  const o: Options = { command: '', paths: [], format: 'text', fix: false, final: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (_name: string): string | undefined => {
      if (a.includes('=')) return a.slice(a.indexOf('=') + 1);
      const v = argv[++i];
      return v === undefined || v.startsWith('--') ? undefined : v;
    };
    if (a === '--fix') o.fix = true;
    else if (a === '--final') o.final = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const v = value('--format');
      if (v !== 'text' && v !== 'json' && v !== 'sarif') return `--format takes text, json or sarif${v ? ` (not "${v}")` : ''}`;
      o.format = v;
    } else if (a === '--config' || a.startsWith('--config=')) {
      const v = value('--config');
      if (!v) return '--config needs a file';
      o.config = v;
    } else if (a === '--help' || a === '-h') o.command = 'help';
    else if (a === '--version' || a === '-v') o.command = 'version';
    else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (!o.command) o.command = a;
    else o.paths.push(a);
  }
  return o;
}

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const opts = parseArgs(argv);
  if (typeof opts === 'string') {
    io.err(`tnote: ${opts}\n\n${HELP}`);
    return 2;
  }
  if (opts.command === 'help' || (!opts.command && argv.length === 0)) {
    io.out(HELP);
    return opts.command === 'help' ? 0 : 2;
  }
  if (opts.command === 'version') {
    io.out(VERSION);
    return 0;
  }
  if (opts.command === 'rules') {
    if (opts.format === 'json') io.out(JSON.stringify(RULES.map((r) => ({ id: r.id, description: r.description, severity: r.defaultSeverity, severityByProfile: r.severityByProfile ?? {}, fixable: r.fixable, tags: r.tags })), null, 2));
    else for (const r of RULES) io.out(`${r.id.padEnd(40)} ${r.defaultSeverity.padEnd(8)} ${r.description}`);
    return 0;
  }
  if (opts.command !== 'check') {
    io.err(`tnote: unknown command "${opts.command}"\n\n${HELP}`);
    return 2;
  }
  return check(opts, io);
}

async function check(opts: Options, io: Io): Promise<number> {
  let exit = 0;
  let configFile: string | undefined;
  if (opts.config) {
    configFile = path.resolve(io.cwd, opts.config);
    if (!fs.existsSync(configFile)) {
      io.err(`tnote: config file not found: ${opts.config}`);
      return 2;
    }
  }
  const fsa = nodeFileAccess({ blocking: true });
  const { files, errors } = await expandInputs(fsa, opts.paths.length ? opts.paths : ['.'], io.cwd);
  for (const e of errors) io.err(`tnote: ${e}`);
  if (errors.length) exit = 2;

  const configs = new ConfigCache(fsa, configFile, { forceFinal: opts.final });
  const outcome = await checkFiles(fsa, files, { fix: opts.fix, announceFixes: opts.format === 'text', cwd: io.cwd }, configs, io.err);
  const rows = outcome.rows;
  if (outcome.exit === 2) exit = 2;
  const reported = new Set<string>();
  for (const loaded of await configs.all()) {
    if (!loaded.file || reported.has(loaded.file)) continue;
    reported.add(loaded.file);
    for (const p of loaded.problems) {
      rows.push({ file: displayPath(loaded.file, io.cwd), line: p.line, column: p.column, endLine: p.line, endColumn: p.column, rule: 'config-invalid', severity: p.severity, message: p.message, fixable: false });
      if (p.severity === 'error') exit = 2;
    }
  }
  sortRows(rows);
  if (rows.some((r) => r.severity === 'error' && r.rule !== 'config-invalid') && exit === 0) exit = 1;
  if (opts.format === 'json') io.out(formatJson(rows));
  else if (opts.format === 'sarif') io.out(formatSarif(rows, VERSION));
  else io.out(formatText(rows, outcome.checked, io.color));
  return exit;
}

