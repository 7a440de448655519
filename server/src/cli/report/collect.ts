/**
 * Gathers what a report needs from notes on disk, through the same pipeline as `tnote check`
 * (lintFiles, with the CLI's reading policy and configuration), every note checked as final
 * (`forceFinal`): a draft is ready to bill only when nothing would be left to fix. Of each note
 * only its facts (file, date, provider, discipline, codes, optionally the patient id) and its
 * findings' rule, severity and kind are kept: never its text or a finding's message.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { CrossNoteChecker, lintFiles, RULES, type FileAccess, type Finding, type Note } from '../../engine';
import { CLI_READ_POLICY, type ConfigCache } from '../checkFiles';
import { displayPath } from '../files';
import type { NoteRecord, PatientIds, ReportFinding, ReportInput, RuleInfo } from './model';

/** A real calendar date written `YYYY-MM-DD`. */
export function isoDate(s: string | undefined): string | undefined {
  const m = s === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = mo === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days ? s!.trim() : undefined;
}

/**
 * Pseudonyms for patient ids: a keyed hash (HMAC-SHA-256) under a key made for one report and
 * then forgotten, so the same patient gets the same pseudonym within a report, and nobody (not
 * even with a list of every MRN) can tell whose it is, or match it with another report's.
 */
export function pseudonymizer(key: Uint8Array = randomBytes(32)): (id: string) => string {
  return (id) => 'P-' + createHmac('sha256', key).update(id.trim().toUpperCase()).digest('hex').slice(0, 10);
}

function stringFact(note: Note, key: string): string | undefined {
  const v = note.facts.entries.get(key);
  if (!v || v.placeholder || (typeof v.value !== 'string' && typeof v.value !== 'number')) return undefined;
  const s = String(v.value).replace(/\s+/g, ' ').trim();
  return s || undefined;
}

export function noteRecord(file: string, note: Note, findings: readonly Finding[], patient?: (id: string) => string): NoteRecord {
  const discipline = note.facts.discipline;
  const patientId = patient ? stringFact(note, 'patient') : undefined;
  return {
    file,
    date: isoDate(note.facts.date),
    provider: stringFact(note, 'provider'),
    discipline: discipline && /^[A-Z]{1,5}$/.test(discipline) ? discipline : undefined,
    status: note.facts.status === 'draft' ? 'draft' : 'final',
    codes: [...new Set(note.facts.charges.map((c) => c.code).filter((c): c is string => !!c && /^[A-Z0-9]{5}$/.test(c)))],
    patient: patientId && patient ? patient(patientId) : undefined,
    findings: findings.map((f): ReportFinding => ({ rule: f.ruleId, severity: f.severity, kind: f.kind })),
  };
}

export function ruleTable(): Map<string, RuleInfo> {
  return new Map(RULES.map((r) => [r.id, { id: r.id, description: r.description, kind: r.kind }]));
}

export interface CollectOptions {
  cwd: string;
  patientIds: PatientIds;
}

/** Checks the files (as final notes) and returns the report's input. */
export async function collect(fs: FileAccess, files: readonly string[], configs: ConfigCache, opts: CollectOptions): Promise<ReportInput> {
  const records = new Map<string, NoteRecord>();
  const templates: string[] = [];
  const unreadable: string[] = [];
  const patient = opts.patientIds === 'pseudonym' ? pseudonymizer() : opts.patientIds === 'plain' ? (id: string) => id : undefined;
  await lintFiles(files, {
    fs,
    read: CLI_READ_POLICY,
    configFor: async (file) => ({ ...(await configs.for(file)).config, forceFinal: true }),
    crossNote: new CrossNoteChecker(),
    onNote(o) {
      const display = displayPath(o.file, opts.cwd);
      if (!o.ok) {
        unreadable.push(display);
        return;
      }
      if (o.result.note.facts.status === 'template') {
        templates.push(display);
        return;
      }
      records.set(o.file, noteRecord(display, o.result.note, o.result.findings, patient));
    },
    onCrossNote(file, findings) {
      const r = records.get(file);
      if (r) r.findings.push(...findings.map((f): ReportFinding => ({ rule: f.ruleId, severity: f.severity, kind: f.kind })));
    },
  });
  return { notes: [...records.values()], templates, unreadable, rules: ruleTable(), patientIds: opts.patientIds };
}
