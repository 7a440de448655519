/** The rule index page (docs/rules/README.md), generated from the registry. */
import { SOURCES, type SourceInfo } from '../knowledge/sources';
import { RULES } from './registry';
import type { RuleMeta } from './types';
import type { RuleTag } from './types';

const GROUPS: { tag: RuleTag; title: string }[] = [
  { tag: 'structure', title: 'Note structure (every note)' },
  { tag: 'documentation', title: '97760 documentation elements' },
  { tag: 'modifiers', title: 'Modifiers' },
  { tag: 'billing', title: 'Code selection and billing' },
  { tag: 'time', title: 'Time and units' },
  { tag: 'diagnoses', title: 'Diagnoses' },
  { tag: 'consistency', title: 'Consistency between the claim and the note' },
];

export function rulesIndexMarkdown(): string {
  const out = [
    '# Rules',
    '',
    'Generated from the rule registry (`npm run gen:docs`); a test fails when it is stale. Rule ids are',
    'stable: once released they never change. Severities are the defaults; `.tnoterc.yaml` or the',
    '`tnote.rules` setting can change them or turn a rule off. Kind: *completeness* (something not',
    'written yet: a "to do" item in a draft note) or *correctness* (something written that is wrong).',
    'Source: the first primary source the rule relies on (every source: the rule page and',
    '[`../sources.md`](../sources.md)).',
    '',
  ];
  for (const g of GROUPS) {
    const rules = RULES.filter((r) => r.tags[0] === g.tag);
    if (rules.length === 0) continue;
    out.push(`## ${g.title}`, '', '| rule | severity | kind | fix | checks | source |', '|---|---|---|---|---|---|');
    for (const r of rules) {
      const variants = Object.entries(r.severityByProfile ?? {}).map(([p, s]) => `${s} (${p})`);
      const sev = [r.defaultSeverity, ...variants].join(', ');
      const source = primarySource(r);
      const cite = source ? `[${source.id}](${source.url})` : '—';
      out.push(`| [\`${r.id}\`](${r.id}.md) | ${sev} | ${r.kind} | ${r.fixable ? 'yes' : '—'} | ${r.description.replace(/\|/g, '\\|')} | ${cite} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** The first of a rule's sources that is not a third-party page (`references` holds source ids). */
export function primarySource(rule: RuleMeta): SourceInfo | undefined {
  const infos = (rule.references ?? []).map((id) => SOURCES.get(id)).filter((s): s is SourceInfo => s !== undefined);
  return infos.find((s) => s.kind !== 'third-party') ?? infos[0];
}
