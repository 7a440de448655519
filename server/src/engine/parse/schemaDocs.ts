/** The front-matter reference (`docs/front-matter.md`), generated from the schema table by `npm run gen:docs`. */
import { CHARGE_SCHEMA, FRONT_MATTER_SCHEMA, requiredText, typeText, type KeySpec } from './schema';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(specs: readonly KeySpec[], inCharge: boolean): string[] {
  const rows = specs.map((s) => `| \`${s.key}\` | ${cell(typeText(s))} | ${cell(requiredText(s, inCharge))} | ${cell(s.meaning)}${s.since > 1 ? ` (v${s.since})` : ''} |`);
  return ['| key | value | required | meaning |', '|---|---|---|---|', ...rows];
}

function values(specs: readonly KeySpec[]): string[] {
  const out: string[] = [];
  for (const s of specs) {
    if (!s.values) continue;
    out.push('', `\`${s.key}\`${s.type === 'enum' ? '' : ' (common values; others are allowed)'}:`, '');
    for (const v of s.values) out.push(`- \`${v.value}\` — ${v.meaning}${s.default === v.value ? ' (default)' : ''}`);
  }
  return out;
}

export function frontMatterReferenceMarkdown(): string {
  return [
    '# Front-matter reference',
    '',
    '<!-- Generated from server/src/engine/parse/schema.ts by `npm run gen:docs`; do not edit by hand. -->',
    '',
    'The YAML front matter of a note holds what goes on the claim. Keys and enumerated values match',
    'case-insensitively. A key the checker does not know is reported as `info` and ignored; an',
    'unknown key on a charge line is an error ([invalid-field-value](rules/invalid-field-value.md)).',
    '',
    '## Note keys',
    '',
    ...table(FRONT_MATTER_SCHEMA, false),
    ...values(FRONT_MATTER_SCHEMA),
    '',
    '## Charge-line keys',
    '',
    'Each item of `charges` is one charge line:',
    '',
    '```yaml',
    'charges:',
    '  - code: 97760',
    '    modifiers: [GP]',
    '    units: 2',
    '    minutes: 31',
    '    region: lower',
    '  - code: L1971',
    '    modifiers: [RT]',
    '    units: 1',
    '```',
    '',
    ...table(CHARGE_SCHEMA, true),
    ...values(CHARGE_SCHEMA),
    '',
    '"Timed code": a code billed in 15-minute units; its units follow the 8-minute rule on the',
    "visit's total timed minutes.",
  ].join('\n');
}
