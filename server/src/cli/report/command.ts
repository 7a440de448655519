/**
 * `tnote report [paths|globs...] [--out FILE] [--format html|csv] [--patient-ids none|pseudonym|plain] [--config FILE]`
 *
 * A compliance summary of a folder of notes: every note checked as final through the same pipeline
 * as `tnote check`, then counted (aggregate.ts) and written as one self-contained HTML file
 * (html.ts) or as CSV (csv.ts). Exit status: 0 written; 2 bad usage, unreadable input or a config
 * error (the report is still written when it can be), or the file could not be written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeFileAccess } from '../../node/nodeFs';
import { ConfigCache } from '../checkFiles';
import { readArgs } from '../args';
import { displayPath, expandInputs, writeFileAtomic } from '../files';
import { aggregate } from './aggregate';
import { collect } from './collect';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import type { PatientIds } from './model';

export const REPORT_USAGE = `Usage: tnote report [paths|globs...] [--out FILE] [--format html|csv] [--patient-ids none|pseudonym|plain] [--config FILE]

  paths          files, folders (searched for *.tnote) or globs; default: the current folder
  --out, -o      write the report to FILE (default: standard output)
  --format       html (default; csv when FILE ends in .csv): one self-contained offline page with
                 charts and a table of notes; csv: one row per note
  --patient-ids  none (default): no patient ids; pseudonym: ids replaced by pseudonyms that hold
                 within this report only; plain: ids as written (the report is then PHI)
  --config       use this config file instead of the nearest .tnoterc.yaml

Every note is checked as a final note: it is ready to bill when no error or warning remains.
Notes with status: template are left out. The report never contains note text or finding
messages: only file names, dates, providers, disciplines, codes, rule ids and counts.`;

export interface ReportIo {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
}

interface ReportOptions {
  paths: string[];
  out?: string;
  format?: 'html' | 'csv';
  patientIds: PatientIds;
  config?: string;
  help: boolean;
}

function parseReportArgs(argv: readonly string[]): ReportOptions | string {
  const o: ReportOptions = { paths: [], patientIds: 'none', help: false };
  // An argument that starts with "-" is an option here, never an option's value.
  for (const { arg: a, name, value } of readArgs(argv, '-')) {
    if (name === '--help' || name === '-h') o.help = true;
    else if (name === '--out' || name === '-o') {
      const v = value();
      if (!v) return `${name} needs a file`;
      o.out = v;
    } else if (name === '--format') {
      const v = value();
      if (v !== 'html' && v !== 'csv') return `--format takes html or csv${v ? ` (not "${v}")` : ''}`;
      o.format = v;
    } else if (name === '--patient-ids') {
      const v = value();
      if (v !== 'none' && v !== 'pseudonym' && v !== 'plain') return `--patient-ids takes none, pseudonym or plain${v ? ` (not "${v}")` : ''}`;
      o.patientIds = v;
    } else if (name === '--config') {
      const v = value();
      if (!v) return '--config needs a file';
      o.config = v;
    } else if (a.startsWith('-') && a !== '-') return `unknown option ${a} for report`;
    else o.paths.push(a);
  }
  return o;
}

export async function reportCommand(argv: readonly string[], io: ReportIo, version: string, now: () => Date = () => new Date()): Promise<number> {
  const opts = parseReportArgs(argv);
  if (typeof opts === 'string') {
    io.err(`tnote: ${opts}\n\n${REPORT_USAGE}`);
    return 2;
  }
  if (opts.help) {
    io.out(REPORT_USAGE);
    return 0;
  }
  let exit = 0;
  let configFile: string | undefined;
  if (opts.config) {
    configFile = path.resolve(io.cwd, opts.config);
    if (!fs.existsSync(configFile)) {
      io.err(`tnote: config file not found: ${opts.config}`);
      return 2;
    }
  }
  const outFile = opts.out ? path.resolve(io.cwd, opts.out) : undefined;
  if (outFile && fs.existsSync(outFile) && fs.statSync(outFile).isDirectory()) {
    io.err(`tnote: --out names a folder: ${opts.out}`);
    return 2;
  }
  if (outFile && !fs.existsSync(path.dirname(outFile))) {
    io.err(`tnote: cannot write ${opts.out}: its folder does not exist`);
    return 2;
  }
  if (outFile?.endsWith('.tnote')) {
    io.err(`tnote: --out ${opts.out} would overwrite a note; give the report its own file name (report.html)`);
    return 2;
  }
  const format = opts.format ?? (outFile && /\.csv$/i.test(outFile) ? 'csv' : 'html');

  const fsa = nodeFileAccess({ blocking: true });
  const { files, errors } = await expandInputs(fsa, opts.paths.length ? opts.paths : ['.'], io.cwd);
  for (const e of errors) io.err(`tnote: ${e}`);
  if (errors.length) exit = 2;

  const configs = new ConfigCache(fsa, configFile);
  const input = await collect(fsa, outFile ? files.filter((f) => f !== outFile) : files, configs, { cwd: io.cwd, patientIds: opts.patientIds });
  for (const file of input.unreadable) io.err(`tnote: ${file}: could not be read or checked; left out of the report`);
  if (input.unreadable.length) exit = 2;
  const reported = new Set<string>();
  for (const loaded of await configs.all()) {
    if (!loaded.file || reported.has(loaded.file)) continue;
    reported.add(loaded.file);
    for (const p of loaded.problems) {
      io.err(`tnote: ${displayPath(loaded.file, io.cwd)}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
      if (p.severity === 'error') exit = 2;
    }
  }

  const data = aggregate(input);
  const text = format === 'csv' ? renderCsv(data) : renderHtml(data, { version, generatedAt: now() });
  if (!outFile) {
    io.out(text.replace(/\r?\n$/, ''));
    return exit;
  }
  try {
    writeFileAtomic(outFile, text);
  } catch (e) {
    io.err(`tnote: cannot write ${opts.out}: ${(e as { code?: string }).code ?? String(e)}`);
    return 2;
  }
  const t = data.totals;
  io.err(`wrote ${displayPath(outFile, io.cwd)}: ${t.notes} note${t.notes === 1 ? '' : 's'}, ${t.ready} ready to bill, ${t.notReady} not ready, ${t.findings} finding${t.findings === 1 ? '' : 's'}`);
  return exit;
}
