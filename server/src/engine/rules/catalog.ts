/** The rule index page (docs/rules/README.md), generated from the registry. */
import { RULES } from './registry';
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
    '`tnote.rules` setting can change them or turn a rule off.',
    '',
  ];
  for (const g of GROUPS) {
    const rules = RULES.filter((r) => r.tags[0] === g.tag);
    if (rules.length === 0) continue;
    out.push(`## ${g.title}`, '', '| rule | severity | fix | checks |', '|---|---|---|---|');
    for (const r of rules) {
      const variants = Object.entries(r.severityByProfile ?? {}).map(([p, s]) => `${s} (${p})`);
      const sev = [r.defaultSeverity, ...variants].join(', ');
      out.push(`| [\`${r.id}\`](${r.id}.md) | ${sev} | ${r.fixable ? 'yes' : '—'} | ${r.description.replace(/\|/g, '\\|')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
