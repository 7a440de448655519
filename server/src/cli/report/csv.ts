/**
 * The report as CSV: one row per note (the unit that is billed and handed back to a clinician),
 * the same facts and counts as the HTML table. RFC 4180 quoting, CRLF line ends; a text cell that
 * a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading apostrophe.
 */
import type { ReportData } from './model';

export const CSV_COLUMNS = ['file', 'date', 'month', 'provider', 'discipline', 'codes', 'status', 'ready', 'errors', 'warnings', 'infos', 'findings', 'rules'] as const;

/** A text cell, defused against formula injection and quoted when needed. */
export function csvText(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderCsv(data: ReportData): string {
  const withPatient = data.patientIds !== 'none';
  const head = withPatient ? ['file', 'patient', ...CSV_COLUMNS.slice(1)] : [...CSV_COLUMNS];
  const lines = [head.join(',')];
  for (const r of data.notes) {
    const findings = r.counts.error + r.counts.warning + r.counts.info;
    const cells = [
      csvText(r.file),
      ...(withPatient ? [csvText(r.patient ?? '')] : []),
      r.date ?? '',
      r.month ?? '',
      csvText(r.provider ?? ''),
      csvText(r.discipline ?? ''),
      csvText(r.codes.join(' ')),
      r.status,
      r.ready ? 'yes' : 'no',
      String(r.counts.error),
      String(r.counts.warning),
      String(r.counts.info),
      String(findings),
      csvText(r.rules.map((x) => `${x.rule}:${x.count}`).join(' ')),
    ];
    lines.push(cells.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
