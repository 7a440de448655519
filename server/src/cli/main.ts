/**
 * `tnote` — the command-line face of the engine, for documentation teams and CI.
 *   tnote check [paths|globs...] [--format text|json|sarif|junit] [--fix] [--final] [--quiet]
 *               [--max-warnings N] [--config FILE] [--cache [--cache-location PATH]]
 * Exit status: 0 no error-severity finding, 1 at least one (or more warnings than --max-warnings),
 * 2 bad usage or unreadable input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorCode, ignorePatternProblem, isIgnored, primarySource, RULES, type IgnoreList } from '../engine';
import { nodeFileAccess } from '../node/nodeFs';
import { readArgs } from './args';
import { applyBaseline, takeBaselineArgs, type BaselineOptions } from './baseline';
import { cacheFile, CheckCache } from './cache';
import { checkFiles, ConfigCache } from './checkFiles';
import { displayPath, expandInputs } from './files';
import { growYoungGenerationFor, tuneHeapFor } from './heap';
import { escapeControls } from './format/escape';
import { jsonWriter } from './format/json';
import { junitWriter } from './format/junit';
import { sarifWriter } from './format/sarif';
import { textWriter } from './format/text';
import { writeWhole, type ReportWriter } from './format/writer';
import { RowSpill, StreamedReport } from './output';
import { VERSION } from './package';
import { countBySeverity, plural, sortRows, type Counts, type Report, type Row } from './report';
import { reportCommand } from './report/command';
import { configCommand } from './config';

const FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
type Format = (typeof FORMATS)[number];

const HELP = `tnote ${VERSION} — checks therapy notes (.tnote) against CPT 97760 documentation and billing rules

Usage:
  tnote check [options] [paths|globs...]
              [--baseline FILE [--update-baseline]]
  tnote rules [--format text|json]
  tnote report [paths|globs...] [--out FILE] [--format html|csv]   (tnote report --help)
  tnote config --print NOTE [--format yaml|json]   the configuration that applies to NOTE
  tnote --help | --version

  paths             files, folders (searched for *.tnote) or globs; default: the current folder.
                    After \`--\` every argument is a path, even one that starts with "-".
  --format F        text (default), json (note-format.md §5), sarif (SARIF 2.1.0 for code
                    scanning) or junit (JUnit XML for CI dashboards)
  --fix             apply every safe fix in place, then report what remains
  --final           treat every note as final whatever its status (a billing gate in CI)
  --quiet           report errors only
  --max-warnings N  exit 1 when more than N warnings are found
  --config FILE     use this config file instead of the nearest .tnoterc.yaml
  --cache           keep each note's results in a cache file and check again only notes whose
                    bytes, config, rules or tnote version changed (not with --fix, which checks
                    every note and leaves the cache as it is)
  --cache-location PATH
                    the cache file (a folder gets .tnotecache inside it); default: .tnotecache
                    in the current folder; implies --cache
  --ignore GLOB     leave out notes and folders matching GLOB (relative to the current folder,
                    gitignore-like; repeatable); \`!GLOB\` among the paths does the same
  --baseline FILE   report only findings not recorded in FILE (an archive's known findings)
  --update-baseline record this run's findings in the --baseline FILE instead

Exit status: 0 no errors, 1 errors found (or more warnings than --max-warnings),
2 bad usage, unreadable input or a bad config file.`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  color: boolean;
  /** Terminal width, when the output is a terminal (text rows are shortened to fit). */
  columns?: number;
}

const defaultIo = (): Io => ({
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  cwd: process.cwd(),
  color: !!process.stdout.isTTY && !process.env.NO_COLOR,
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
});

interface Options {
  command: string;
  paths: string[];
  format: Format;
  fix: boolean;
  /** Treat every note as final whatever its `status` (a billing gate in CI). */
  final: boolean;
  quiet: boolean;
  maxWarnings?: number;
  config?: string;
  /** `--ignore GLOB` and `!GLOB` path arguments, relative to the current folder. */
  ignore: string[];
  /** `--cache` (or `--cache-location`). */
  cache: boolean;
  cacheLocation?: string;
}

function parseArgs(argv: string[]): Options | string {
  const o: Options = { command: '', paths: [], format: 'text', fix: false, final: false, quiet: false, ignore: [], cache: false };
  let onlyPaths = false;
  for (const { arg: a, name, value } of readArgs(argv)) {
    const positional = (arg: string) => {
      if (!o.command) o.command = arg;
      else o.paths.push(arg);
    };
    if (onlyPaths) {
      positional(a);
      continue;
    }
    const is = (option: string) => name === option;
    if (a === '--') onlyPaths = true;
    else if (a === '--fix') o.fix = true;
    else if (a === '--final') o.final = true;
    else if (a === '--quiet' || a === '-q') o.quiet = true;
    else if (a === '--cache') o.cache = true;
    else if (is('--cache-location')) {
      const v = value();
      if (!v) return '--cache-location needs a file or folder';
      o.cacheLocation = v;
      o.cache = true;
    } else if (is('--format')) {
      const v = value();
      if (!(FORMATS as readonly string[]).includes(v ?? '')) return `--format takes ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}${v ? ` (not "${escapeControls(v)}")` : ''}`;
      o.format = v as Format;
    } else if (is('--max-warnings')) {
      const v = value();
      if (!v || !/^\d{1,9}$/.test(v)) return `--max-warnings takes a whole number of warnings, 0 or more${v ? ` (not "${escapeControls(v)}")` : ''}`;
      o.maxWarnings = Number(v);
    } else if (is('--config')) {
      const v = value();
      if (!v) return '--config needs a file';
      o.config = v;
    } else if (is('--ignore')) {
      const v = value();
      if (!v) return '--ignore needs a glob, e.g. --ignore "templates/**"';
      const wrong = ignorePatternProblem(v);
      if (wrong) return `--ignore: ${escapeControls(wrong)}`;
      o.ignore.push(v);
    } else if (a.startsWith('!') && o.command) {
      // `!GLOB` among the paths leaves out what it matches (as --ignore GLOB does).
      const wrong = ignorePatternProblem(a.slice(1)) ?? (a.slice(1).startsWith('!') ? `"${a}": one "!" is enough` : undefined);
      if (wrong) return `${escapeControls(a)}: ${escapeControls(wrong)}`;
      o.ignore.push(a.slice(1));
    } else if (a === '--help' || a === '-h') o.command = 'help';
    else if (a === '--version' || a === '-v') o.command = 'version';
    else if (a.startsWith('-') && a !== '-') return `unknown option ${escapeControls(a)} (a path that starts with "-" goes after \`--\`: tnote check -- ${escapeControls(a)})`;
    else positional(a);
  }
  return o;
}

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  if (argv[0] === 'report') return reportCommand(argv.slice(1), io, VERSION);
  if (argv[0] === 'config') return configCommand(argv.slice(1), io);
  const bl = takeBaselineArgs(argv);
  const opts = bl.error ?? parseArgs(bl.rest);
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
    if (opts.format === 'json')
      io.out(
        JSON.stringify(
          RULES.map((r) => ({
            id: r.id,
            description: r.description,
            severity: r.defaultSeverity,
            severityByProfile: r.severityByProfile ?? {},
            kind: r.kind,
            fixable: r.fixable,
            tags: r.tags,
            sources: r.references ?? [],
            primarySource: primarySource(r)?.url ?? null,
          })),
          null,
          2,
        ),
      );
    else for (const r of RULES) io.out(`${r.id.padEnd(40)} ${r.defaultSeverity.padEnd(8)} ${r.kind.padEnd(13)} ${r.description}${primarySource(r) ? ` [${primarySource(r)!.id}]` : ''}`);
    return 0;
  }
  if (opts.command !== 'check') {
    io.err(`tnote: unknown command "${escapeControls(opts.command)}"\n\n${HELP}`);
    return 2;
  }
  return check(opts, io, bl.baseline);
}

async function check(opts: Options, io: Io, baseline?: BaselineOptions): Promise<number> {
  let exit = 0;
  // Every message on stderr names files with their control characters escaped.
  const err = (message: string) => io.err(escapeControls(message));
  let configFile: string | undefined;
  if (opts.config) {
    configFile = path.resolve(io.cwd, opts.config);
    if (!fs.existsSync(configFile)) {
      err(`tnote: config file not found: ${opts.config}`);
      return 2;
    }
  }
  const fsa = nodeFileAccess({ blocking: true });
  const configs = new ConfigCache(fsa, configFile, { forceFinal: opts.final });
  // Left out: what --ignore / !GLOB name (relative to here) and what the config of the folder a path is in ignores.
  const cliIgnore: IgnoreList = { base: io.cwd, patterns: opts.ignore };
  // Answered at once when the folder's config is loaded already (most notes: no promise per note).
  const ignoredBy = (config: IgnoreList | undefined, p: string, kind: 'file' | 'directory') => isIgnored([cliIgnore, config], p, kind);
  const ignored = (p: string, kind: 'file' | 'directory') => {
    const known = configs.loaded(p);
    return known ? ignoredBy(known.config.ignore, p, kind) : configs.for(p).then((l) => ignoredBy(l.config.ignore, p, kind));
  };
  const { files, errors, ignored: skipped } = await expandInputs(fsa, opts.paths.length ? opts.paths : ['.'], io.cwd, ignored);
  for (const e of errors) err(`tnote: ${e}`);
  if (errors.length) exit = 2;
  tuneHeapFor(files.length);
  const afterNote = growYoungGenerationFor(files.length);
  for (const f of skipped) err(`tnote: ${displayPath(f, io.cwd)} is left out by ignore patterns (ignore: in .tnoterc.yaml, --ignore or !GLOB); not checked`);

  // --fix checks every note and leaves the cache alone (fixed notes would need their new bytes hashed).
  const cache = opts.cache && !opts.fix ? new CheckCache(cacheFile(opts.cacheLocation, io.cwd), { version: VERSION, settings: { config: configFile, final: opts.final } }) : undefined;
  const saveCache = () => {
    if (!cache) return;
    if (process.env.TNOTE_DEBUG_CACHE) err(`tnote: cache: ${cache.hits} of ${files.length} notes from the cache${cache.discarded ? ` (cache file not used: ${cache.discarded})` : ''}`);
    try {
      cache.save();
    } catch (e) {
      err(`tnote: could not write the cache file ${displayPath(cache.file, io.cwd)} (${errorCode(e) ?? 'error'}); the next run checks every note again`);
    }
  };
  const checkOptions = { fix: opts.fix, announceFixes: opts.format === 'text', cwd: io.cwd, cache, afterNote };
  const writer = (): ReportWriter =>
    opts.format === 'json'
      ? jsonWriter()
      : opts.format === 'sarif'
        ? sarifWriter({ version: VERSION, cwd: io.cwd })
        : opts.format === 'junit'
          ? junitWriter()
          : textWriter({ color: io.color, columns: io.columns });
  /** The config files' problems as rows (each file once); exit 2 when one is an error. */
  const configRows = async (add: (file: string, rows: Row[]) => void) => {
    const reported = new Set<string>();
    for (const loaded of await configs.all()) {
      if (!loaded.file || reported.has(loaded.file)) continue;
      reported.add(loaded.file);
      const file = displayPath(loaded.file, io.cwd);
      add(
        file,
        loaded.problems.map((p) => ({ file, line: p.line, column: p.column, endLine: p.line, endColumn: p.column, rule: 'config-invalid', severity: p.severity, message: p.message, fixable: false })),
      );
      if (loaded.problems.some((p) => p.severity === 'error')) exit = 2;
    }
  };
  const finish = (found: Counts, errorFound: boolean) => {
    if (errorFound && exit === 0) exit = 1;
    if (opts.maxWarnings !== undefined && found.warning > opts.maxWarnings) {
      err(`tnote: ${plural(found.warning, 'warning')} found, more than --max-warnings ${opts.maxWarnings} allows`);
      if (exit === 0) exit = 1;
    }
  };

  if (baseline) {
    // Matching against a baseline takes every row at once: they are kept in memory.
    const rows: Row[] = [];
    const checked: string[] = [];
    const outcome = await checkFiles(fsa, files, checkOptions, configs, err, {
      note: (file, r) => {
        checked.push(file);
        rows.push(...r);
      },
      more: (_file, r) => rows.push(...r),
    });
    if (outcome.exit === 2) exit = 2;
    saveCache();
    await configRows((_file, r) => rows.push(...r));
    sortRows(rows);
    exit = Math.max(exit, applyBaseline(rows, files, baseline, io.cwd, io.err));
    finish(
      countBySeverity(rows),
      rows.some((r) => r.severity === 'error' && r.rule !== 'config-invalid'),
    );
    const report: Report = { rows: opts.quiet ? rows.filter((r) => r.severity === 'error') : rows, files: checked.sort(), quiet: opts.quiet };
    io.out(writeWhole(report, writer()));
    return exit;
  }

  // Each note's rows are spilled as it is checked; the report is written file by file at the end.
  const spill = new RowSpill();
  try {
    const report = new StreamedReport(spill, opts.quiet);
    const outcome = await checkFiles(fsa, files, checkOptions, configs, err, report);
    if (outcome.exit === 2) exit = 2;
    saveCache();
    await configRows((file, r) => report.more(file, r));
    finish(report.all, report.errorFound);
    let buffer: string[] = [];
    let size = 0;
    report.write(writer(), (lines) => {
      for (const l of lines) {
        buffer.push(l);
        size += l.length + 1;
      }
      if (size < 1 << 16) return;
      io.out(buffer.join('\n'));
      buffer = [];
      size = 0;
    });
    if (buffer.length) io.out(buffer.join('\n'));
  } finally {
    spill.close();
  }
  return exit;
}
