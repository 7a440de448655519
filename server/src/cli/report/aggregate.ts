/**
 * The report's numbers: a pure function of the notes' facts and findings (no files, no clock).
 * A note is ready to bill when, checked as a final note, it has no error and no warning.
 */
import { MAX_FILLED_MONTHS, NO_PROVIDER, type GroupCount, type NoteRecord, type NoteRow, type ReportData, type ReportInput, type RuleCount, type SeverityCounts } from './model';

const zero = (): SeverityCounts => ({ error: 0, warning: 0, info: 0 });

export function isReady(note: NoteRecord): boolean {
  return !note.findings.some((f) => f.severity === 'error' || f.severity === 'warning');
}

/** `YYYY-MM` of a `YYYY-MM-DD` date. */
export function monthOf(date: string | undefined): string | undefined {
  return date ? date.slice(0, 7) : undefined;
}

/** The months from `first` to `last` (`YYYY-MM`), both included. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  const endY = Number(last.slice(0, 4));
  const endM = Number(last.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

function byCountThenKey<T>(count: (x: T) => number, key: (x: T) => string) {
  return (a: T, b: T) => count(b) - count(a) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

function noteRow(n: NoteRecord): NoteRow {
  const counts = zero();
  const perRule = new Map<string, number>();
  for (const f of n.findings) {
    counts[f.severity]++;
    perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
  }
  const rules = [...perRule]
    .map(([rule, count]) => ({ rule, count }))
    .sort(
      byCountThenKey(
        (x) => x.count,
        (x) => x.rule,
      ),
    );
  return {
    file: n.file,
    date: n.date,
    month: monthOf(n.date),
    provider: n.provider,
    discipline: n.discipline,
    status: n.status,
    codes: n.codes,
    patient: n.patient,
    ready: isReady(n),
    counts,
    rules,
  };
}

function group(rows: readonly NoteRow[], keyOf: (r: NoteRow) => string | undefined): Map<string, GroupCount> {
  const out = new Map<string, GroupCount>();
  for (const r of rows) {
    const key = keyOf(r);
    if (key === undefined) continue;
    let g = out.get(key);
    if (!g) out.set(key, (g = { key, notes: 0, ready: 0, notReady: 0, findings: 0 }));
    g.notes++;
    if (r.ready) g.ready++;
    else g.notReady++;
    g.findings += r.counts.error + r.counts.warning + r.counts.info;
  }
  return out;
}

export function aggregate(input: ReportInput): ReportData {
  const notes = [...input.notes].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const rows = notes.map(noteRow);

  const rules = new Map<string, RuleCount>();
  notes.forEach((n) => {
    const seen = new Set<string>();
    for (const f of n.findings) {
      let c = rules.get(f.rule);
      if (!c) {
        const info = input.rules.get(f.rule);
        c = { rule: f.rule, description: info?.description ?? f.rule, kind: info?.kind ?? f.kind, findings: 0, bySeverity: zero(), notes: 0 };
        rules.set(f.rule, c);
      }
      c.findings++;
      c.bySeverity[f.severity]++;
      if (!seen.has(f.rule)) {
        seen.add(f.rule);
        c.notes++;
      }
    }
  });
  const byRule = [...rules.values()].sort(
    byCountThenKey(
      (x) => x.findings,
      (x) => x.rule,
    ),
  );
  const missing = byRule
    .filter((r) => r.kind === 'completeness')
    .sort(
      byCountThenKey(
        (x) => x.notes,
        (x) => x.rule,
      ),
    );

  const byProvider = [...group(rows, (r) => r.provider ?? NO_PROVIDER).values()].sort(
    byCountThenKey(
      (x) => x.notes,
      (x) => x.key,
    ),
  );

  const months = group(rows, (r) => r.month);
  const known = [...months.keys()].sort();
  let monthKeys = known;
  if (known.length > 1) {
    const filled = monthRange(known[0], known[known.length - 1]);
    if (filled.length <= MAX_FILLED_MONTHS) monthKeys = filled;
  }
  const byMonth = monthKeys.map((key) => months.get(key) ?? { key, notes: 0, ready: 0, notReady: 0, findings: 0 });

  const bySeverity = zero();
  for (const r of rows) {
    bySeverity.error += r.counts.error;
    bySeverity.warning += r.counts.warning;
    bySeverity.info += r.counts.info;
  }
  const ready = rows.filter((r) => r.ready).length;
  return {
    totals: {
      notes: rows.length,
      ready,
      notReady: rows.length - ready,
      findings: bySeverity.error + bySeverity.warning + bySeverity.info,
      bySeverity,
      drafts: rows.filter((r) => r.status === 'draft').length,
      templatesSkipped: input.templates.length,
      unreadable: input.unreadable.length,
      undated: rows.filter((r) => !r.month).length,
    },
    byRule,
    missing,
    byProvider,
    byMonth,
    notes: rows,
    templates: [...input.templates].sort(),
    unreadable: [...input.unreadable].sort(),
    patientIds: input.patientIds,
  };
}
