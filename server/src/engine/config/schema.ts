/** JSON schema of `.tnoterc.yaml`, generated from the rule registry (committed as schemas/tnoterc.schema.json). */
import { UNITS_METHODS } from '../billing';
import { SECTIONS } from '../parse/vocabulary';
import { PROFILES } from '../types';
import { RULES } from '../rules/registry';

export function configSchema(): object {
  const severity = { enum: ['error', 'warning', 'info', 'off'] };
  const sectionKeys = SECTIONS.map((s) => s.id);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'tnote configuration (.tnoterc.yaml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      extends: {
        description:
          'Another config file, or a list of them, whose settings apply first; this file’s settings go on top (maps and lists add up). A path relative to this file (e.g. `../.tnoterc.yaml` to build on the parent folder’s), or the name of an installed package (`@clinic/tnote-config`, `tnote-config-clinic`): the nearest node_modules/<name> from this folder upwards, whose package.json `tnote` field names its config file (else a YAML `main`, else a .tnoterc.yaml at the package root). Nothing in a package is run.',
        anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      },
      profile: { description: 'Default payer profile; a note’s `payer` overrides it.', enum: ['medicare', 'commercial'] },
      payers: { description: 'Maps `payer` values to a profile.', type: 'object', additionalProperties: { enum: ['medicare', 'commercial'] } },
      profiles: {
        description: 'Settings per payer profile.',
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(
          PROFILES.map((p) => [
            p,
            {
              type: 'object',
              additionalProperties: false,
              properties: {
                units: {
                  description:
                    'How timed minutes become units: cms (default; the 8-minute rule on the total timed minutes of the visit, split over the codes) or per-code (each code on its own: 8 minutes for its first unit, 15 more for each further unit).',
                  enum: [...UNITS_METHODS],
                },
              },
            },
          ]),
        ),
      },
      rules: {
        description: 'Severity per rule id, or off.',
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(RULES.map((r) => [r.id, { ...severity, description: `${r.description} (default: ${r.defaultSeverity})` }])),
      },
      required: {
        description: 'Sections (and fields in them) your organisation requires in every note.',
        type: 'array',
        items: {
          anyOf: [
            { type: 'string' },
            { type: 'object', additionalProperties: false, required: ['section'], properties: { section: { type: 'string' }, fields: { type: 'array', items: { type: 'string' } } } },
          ],
        },
      },
      aliases: {
        description: 'Extra headings and field labels accepted for the known sections and fields.',
        type: 'object',
        additionalProperties: false,
        properties: {
          sections: { type: 'object', additionalProperties: false, properties: Object.fromEntries(sectionKeys.map((k) => [k, { type: 'array', items: { type: 'string' } }])) },
          fields: {
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries(
              SECTIONS.map((s) => [s.id, { type: 'object', additionalProperties: false, properties: Object.fromEntries(s.fields.map((f) => [f.id, { type: 'array', items: { type: 'string' } }])) }]),
            ),
          },
        },
      },
      icd10CodeFile: { description: 'Path (relative to this file) of a CMS icd10cm-codes-YYYY.txt file; codes not in it are reported.', type: 'string' },
      ignore: {
        description:
          'Notes and folders not to check, as globs relative to this file’s folder (gitignore-like): a pattern without `/` matches a name at any depth (`templates`, `*.draft.tnote`), one with `/` is anchored here (`notes/archive/**`), and `!pattern` takes back what an earlier one left out. The CLI and the editor’s workspace index both honour it.',
        type: 'array',
        items: { type: 'string', minLength: 1 },
      },
    },
  };
}
