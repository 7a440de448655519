/**
 * What a compliance report is made of. Everything here is safe to print: file names, dates of
 * service, providers, disciplines, billed codes, rule ids and counts. No note text and no
 * per-finding message (a message can quote a heading, a label or a placeholder of the note); a rule
 * is described by its one-line description from the rule table.
 */
import type { NoteStatus, RuleKind, Severity } from '../../engine';

/** One finding, reduced to what the report shows. */
export interface ReportFinding {
  rule: string;
  severity: Severity;
  kind: RuleKind;
}

/** One note: the facts the report groups by, and its findings as a final note. */
export interface NoteRecord {
  /** Display path (relative to the folder the command ran in). */
  file: string;
  /** Front-matter `date` when it is a real `YYYY-MM-DD` date, else undefined. */
  date?: string;
  /** Front-matter `provider`, white space collapsed; undefined when absent or a placeholder. */
  provider?: string;
  /** Front-matter `discipline` (upper case). */
  discipline?: string;
  /** The note's own `status` (draft or final; templates are not in a report). */
  status: Exclude<NoteStatus, 'template'>;
  /** Billed codes (CPT/HCPCS), in charge order, without repeats. */
  codes: string[];
  /** Only when patient identifiers were asked for: a pseudonym or the id as written. */
  patient?: string;
  /** Findings with the note checked as final (the engine's `forceFinal`). */
  findings: ReportFinding[];
}

export interface RuleInfo {
  id: string;
  description: string;
  kind: RuleKind;
}

/** How patient identifiers appear: not at all (default), as pseudonyms valid in one report, or as written. */
export type PatientIds = 'none' | 'pseudonym' | 'plain';

/** What the collecting step hands to {@link aggregate}. */
export interface ReportInput {
  notes: NoteRecord[];
  /** Display paths of `status: template` files that were left out (a template is not billed). */
  templates: string[];
  /** Display paths of files that could not be read or checked. */
  unreadable: string[];
  /** Metadata of the rules the findings name (unknown ids get their id as description). */
  rules: ReadonlyMap<string, RuleInfo>;
  patientIds: PatientIds;
}

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

export interface RuleCount {
  rule: string;
  description: string;
  kind: RuleKind;
  findings: number;
  bySeverity: SeverityCounts;
  /** Notes with at least one finding of the rule. */
  notes: number;
}

export interface GroupCount {
  /** Provider name, or month `YYYY-MM`. */
  key: string;
  notes: number;
  ready: number;
  notReady: number;
  findings: number;
}

export interface NoteRow {
  file: string;
  date?: string;
  /** `YYYY-MM` of the date of service. */
  month?: string;
  provider?: string;
  discipline?: string;
  status: 'draft' | 'final';
  codes: string[];
  patient?: string;
  ready: boolean;
  counts: SeverityCounts;
  /** Rules with findings on the note, most findings first, then by id. */
  rules: { rule: string; count: number }[];
}

export interface ReportData {
  totals: {
    notes: number;
    ready: number;
    notReady: number;
    findings: number;
    bySeverity: SeverityCounts;
    drafts: number;
    templatesSkipped: number;
    unreadable: number;
    /** Notes without a readable date of service (not in the by-month trend). */
    undated: number;
  };
  /** Every rule with findings, most findings first. */
  byRule: RuleCount[];
  /** Completeness rules (something not written), most notes lacking it first. */
  missing: RuleCount[];
  /** Providers, most notes first; notes without a provider under {@link NO_PROVIDER}. */
  byProvider: GroupCount[];
  /** Months in order, gaps filled with zeros (unless the dates span more than {@link MAX_FILLED_MONTHS}). */
  byMonth: GroupCount[];
  notes: NoteRow[];
  templates: string[];
  unreadable: string[];
  patientIds: PatientIds;
}

export const NO_PROVIDER = '(no provider)';
export const MAX_FILLED_MONTHS = 60;
