/**
 * The commented starter `.tnoterc.yaml` (the editor's *Create .tnoterc.yaml* command; committed as
 * schemas/tnoterc.starter.yaml by `npm run gen:docs`). It is written by walking the config schema
 * (config/schema.ts, itself made from the rule registry and the section vocabulary), so every rule,
 * section and field the schema knows appears in it; a setting the walk does not know how to show
 * throws, so a new key cannot be left out silently.
 *
 * Every setting is commented out (the starter changes nothing until edited); `{ active: true }`
 * gives the same text with the settings switched on, which the tests load to prove each example
 * is valid.
 */
import { RULES } from '../rules/registry';
import { SECTIONS } from '../parse/vocabulary';
import { configSchema } from './schema';

interface SchemaNode {
  description?: string;
  type?: string;
  enum?: string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  anyOf?: SchemaNode[];
  items?: SchemaNode;
}

export interface StarterOptions {
  /** Settings not commented out (for tests: every example must load without a problem). */
  active?: boolean;
}

/** Example lines (YAML, indented by the caller) of a top-level setting whose schema has no fixed keys. */
const EXAMPLES: Record<string, string[]> = {
  extends: ['extends:', '  - ../.tnoterc.yaml # the parent folder’s file, or a shared organisation file'],
  payers: ['payers:', '  blue shield: commercial', '  medicare advantage: medicare'],
  required: ['required:', `  - ${SECTIONS[SECTIONS.length - 1].title}`, `  - section: ${SECTIONS[0].title}`, `    fields: [${SECTIONS[0].fields[0].label}, ${SECTIONS[0].fields[1].label}]`],
  icd10CodeFile: ['icd10CodeFile: icd10cm-codes-2026.txt'],
  ignore: ['ignore:', '  - templates', '  - "drafts/**"'],
};

const RULE_DEFAULTS = new Map(RULES.map((r) => [r.id, r]));
const SECTION_BY_ID = new Map(SECTIONS.map((s) => [s.id, s]));

/** The starter `.tnoterc.yaml`: every setting, with what it does, commented out. */
export function starterConfig(options: StarterOptions = {}): string {
  const schema = configSchema() as SchemaNode;
  const out: string[] = [
    '# Therapy Notes (tnote) configuration: every setting, commented out.',
    '# Remove the "# " in front of a setting to use it; delete what you do not need.',
    '# Reference: schemas/tnoterc.schema.json; `tnote config --print NOTE` shows what applies to a note.',
    '# The nearest .tnoterc.yaml from a note’s folder upwards applies (use `extends` to build on another).',
  ];
  const setting = (lines: string[]) => out.push(...lines.map((l) => (options.active ? l : `# ${l}`)));
  for (const [key, node] of Object.entries(schema.properties ?? {})) {
    out.push('');
    out.push(...comment(node.description ?? key));
    setting(example(key, node));
  }
  return out.join('\n') + '\n';
}

function comment(text: string, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > 98 - indent.length) {
      lines.push(`${indent}# ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(`${indent}# ${line}`);
  return lines;
}

function example(key: string, node: SchemaNode): string[] {
  if (EXAMPLES[key]) return EXAMPLES[key];
  switch (key) {
    case 'profile':
      return [`profile: ${node.enum![0]} # ${node.enum!.join(' or ')}`];
    case 'profiles':
      return [
        'profiles:',
        ...Object.entries(node.properties!).flatMap(([profile, p]) => [
          `  ${profile}:`,
          ...Object.entries(p.properties!).map(([k, v]) => {
            if (k !== 'units') throw new Error(`starter: no example for profiles.${profile}.${k}`);
            return `    ${k}: ${v.enum![0]} # ${v.enum!.join(' or ')}`;
          }),
        ]),
      ];
    case 'rules':
      return [
        'rules: # each at its default severity; a value set here applies to every profile',
        ...Object.keys(node.properties!).map((id) => {
          const rule = RULE_DEFAULTS.get(id);
          if (!rule) throw new Error(`starter: unknown rule ${id}`);
          const byProfile = Object.entries(rule.severityByProfile ?? {}).map(([p, s]) => `${p} profile: ${s}`);
          return `  ${id}: ${rule.defaultSeverity}${byProfile.length ? ` # by default; ${byProfile.join(', ')}` : ''}`;
        }),
      ];
    case 'aliases': {
      const { sections, fields } = node.properties!;
      const known = (aliases: readonly string[]) => (aliases.length ? ` # built in: ${aliases.join(', ')}` : '');
      return [
        'aliases:',
        '  sections: # extra headings for a section',
        ...Object.keys(sections.properties!).map((id) => `    ${id}: []${known(SECTION_BY_ID.get(id as never)?.aliases ?? [])}`),
        '  fields: # extra labels for a field, by section',
        ...Object.entries(fields.properties!).flatMap(([id, s]) => [
          `    ${id}:`,
          ...Object.keys(s.properties!).map((f) => `      ${f}: []${known(SECTION_BY_ID.get(id as never)?.fields.find((x) => x.id === f)?.aliases ?? [])}`),
        ]),
      ];
    }
    default:
      throw new Error(`starter: no example for the setting "${key}" (add one to config/starter.ts)`);
  }
}
