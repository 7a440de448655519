/**
 * The front-matter schema (parse/schema.ts) is the one table of keys, values and required-when:
 * every entry is documented, and the rules behave as the table says — each allowed value passes,
 * other values fail with the table's list, every key is known, and a required key that is
 * missing is reported by the rule the table names.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHARGE_KEYS, CHARGE_SCHEMA, FRONT_MATTER_KEYS, FRONT_MATTER_SCHEMA, lintText, RULES, type KeySpec } from '../../server/src/engine';
import { frontMatterReferenceMarkdown } from '../../server/src/engine/parse/schemaDocs';
import { REPO_ROOT } from '../helpers/paths';

/** A clean 97760 note; `fm` and `charge` replace or drop (null) keys; `extra` adds front-matter lines. */
function note(opts: { fm?: Record<string, string | null>; charge?: Record<string, string | null>; extra?: string[]; time?: string[] } = {}): string {
  const fm: Record<string, string | null> = {
    patient: 'MRN-004211',
    date: '2026-11-20',
    discipline: 'PT',
    provider: 'Alex Rivera, PT, DPT',
    encounter: 'initial',
    payer: 'medicare',
    diagnoses: '[M21.371]',
    total_treatment_minutes: '31',
    ...opts.fm,
  };
  const charge: Record<string, string | null> = { code: '97760', modifiers: '[GP]', units: '2', minutes: '31', region: 'lower', ...opts.charge };
  const chargeLines = Object.entries(charge)
    .filter(([, v]) => v !== null)
    .map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}:${v === '' ? '' : ` ${v}`}`);
  const fmLines = Object.entries(fm)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}:${v === '' ? '' : ` ${v}`}`);
  return [
    '---',
    ...fmLines,
    ...(opts.extra ?? []),
    'charges:',
    ...chargeLines,
    '  - code: L1971',
    '    modifiers: [RT]',
    '    units: 1',
    '---',
    '## Device',
    'Type: Ankle-foot orthosis, prefabricated',
    'Region: lower extremity',
    'Side: right',
    'L-code: L1971',
    '## Medical Necessity',
    'Rationale: Toe drag and two near-falls this month; AFO needed for safe walking.',
    '## Instruction',
    'Use: Donning and doffing taught; wear schedule 2 h on / 1 h off.',
    'Care: Wipe shell with damp cloth.',
    'Safety: Check skin twice daily; stop and call if redness lasts.',
    '## Functional Training',
    'Activity: Gait training with AFO and cane, 150 ft x 3.',
    '## Assessment',
    'Assessment date: 2026-11-20',
    'Fitting: Trim lines checked; straps adjusted.',
    'Goals: Independent donning in 2 weeks.',
    '## Time',
    ...(opts.time ?? ['Direct contact: 31 minutes one-on-one orthotic management and training']),
    '## Signature',
    'Signed: Alex Rivera, PT, DPT — 2026-11-20',
    '',
  ].join('\n');
}

function findings(text: string, rule?: string) {
  const all = lintText(text).findings.filter((f) => f.severity !== 'info' || f.ruleId === 'invalid-field-value');
  return rule ? all.filter((f) => f.ruleId === rule) : all;
}

const ALL: { spec: KeySpec; inCharge: boolean }[] = [...FRONT_MATTER_SCHEMA.map((spec) => ({ spec, inCharge: false })), ...CHARGE_SCHEMA.map((spec) => ({ spec, inCharge: true }))];
const RULE_IDS = new Set(RULES.map((r) => r.id));

describe('front-matter schema', () => {
  it('the base note of these tests is clean', () => {
    assert.deepEqual(
      findings(note()).map((f) => `${f.ruleId}: ${f.message}`),
      [],
    );
  });

  it('holds the v1 keys of note-format.md §1 and the v2 keys (status, assistant_minutes)', () => {
    assert.deepEqual([...FRONT_MATTER_KEYS], ['patient', 'date', 'discipline', 'provider', 'furnished_by', 'encounter', 'payer', 'diagnoses', 'charges', 'total_treatment_minutes', 'status']);
    assert.deepEqual([...CHARGE_KEYS], ['code', 'modifiers', 'units', 'minutes', 'region', 'assistant_minutes']);
    assert.deepEqual(
      ALL.filter((k) => k.spec.since === 2).map((k) => k.spec.key),
      ['status', 'assistant_minutes'],
    );
  });

  for (const { spec, inCharge } of ALL) {
    const where = inCharge ? `charge key ${spec.key}` : spec.key;
    it(`${where}: documented (meaning, noun, values with meanings, synonyms that resolve, a real rule for missing)`, () => {
      assert.match(spec.meaning, /^[A-Z`].{10,}\.$/, 'a one-line meaning that is a sentence');
      assert.ok(!spec.meaning.includes('\n'));
      assert.ok(spec.noun.length > 3);
      if (spec.type === 'enum') assert.ok(spec.values && spec.values.length >= 2, 'an enum lists its values');
      for (const v of spec.values ?? []) assert.ok(v.meaning.length > 3, `${v.value} has a meaning`);
      const values = new Set((spec.values ?? []).map((v) => v.value));
      for (const [syn, value] of Object.entries(spec.valueSynonyms ?? {})) {
        assert.ok(values.has(value), `synonym ${syn} → ${value} is an allowed value`);
        assert.equal(syn, syn.toLowerCase());
      }
      if (spec.default !== undefined && spec.type === 'enum') assert.ok(values.has(spec.default), 'the default is an allowed value');
      const keys = inCharge ? CHARGE_KEYS : FRONT_MATTER_KEYS;
      for (const syn of spec.keySynonyms ?? []) assert.ok(!keys.includes(syn), `key synonym ${syn} is not itself a key`);
      if (spec.missing) assert.ok(RULE_IDS.has(spec.missing.rule), `rule ${spec.missing.rule} exists`);
      if (spec.required.when === 'never') assert.equal(spec.missing, undefined);
    });
  }

  it('no key synonym names two keys', () => {
    for (const schema of [FRONT_MATTER_SCHEMA, CHARGE_SCHEMA]) {
      const all = schema.flatMap((s) => s.keySynonyms ?? []);
      assert.deepEqual(
        all.filter((s, i) => all.indexOf(s) !== i),
        [],
      );
    }
  });

  describe('invalid-field-value follows the table', () => {
    const BASE_FM = ['patient', 'date', 'discipline', 'provider', 'encounter', 'payer', 'diagnoses', 'total_treatment_minutes'];
    const set = (inCharge: boolean, key: string, value: string) =>
      inCharge ? note({ charge: { [key]: value } }) : BASE_FM.includes(key) ? note({ fm: { [key]: value } }) : note({ extra: [`${key}: ${value}`] });

    for (const { spec, inCharge } of ALL.filter((k) => k.spec.type === 'enum')) {
      it(`${spec.key}: each allowed value passes in any case; another value fails listing the table's values, which are the fixes`, () => {
        for (const v of spec.values!) {
          for (const written of [v.value, v.value.toLowerCase(), v.value.toUpperCase(), ` ${v.value} `]) {
            assert.deepEqual(
              findings(set(inCharge, spec.key, JSON.stringify(written)), 'invalid-field-value').map((f) => f.message),
              [],
              `${spec.key}: ${written}`,
            );
          }
        }
        const bad = findings(set(inCharge, spec.key, 'zzz'), 'invalid-field-value');
        assert.equal(bad.length, 1);
        assert.equal(bad[0].severity, 'error');
        assert.equal(bad[0].message, `\`${spec.key}\` must be one of ${spec.values!.map((v) => v.value).join(', ')} (${spec.noun}).`);
        assert.deepEqual(
          bad[0].fixes.map((f) => f.title),
          spec.values!.map((v) => `Set \`${spec.key}: ${v.value}\``),
        );
        for (const [syn, value] of Object.entries(spec.valueSynonyms ?? {})) {
          const f = findings(set(inCharge, spec.key, JSON.stringify(syn)), 'invalid-field-value');
          assert.equal(f[0]?.fixes[0]?.title, `Set \`${spec.key}: ${value}\``, `${syn} offers ${value} first`);
        }
      });
    }

    for (const { spec, inCharge } of ALL.filter((k) => k.spec.type === 'count')) {
      it(`${spec.key}: whole numbers of 0 or more pass; others fail; an empty value ${spec.emptyIsInvalid ? 'fails' : 'is left to the rule that requires it'}`, () => {
        for (const ok of ['0', '31', '"31"']) assert.deepEqual(findings(set(inCharge, spec.key, ok), 'invalid-field-value'), [], ok);
        for (const bad of ['-1', '2.5', 'one', '[3]', '100000000000000000000']) assert.equal(findings(set(inCharge, spec.key, bad), 'invalid-field-value').length, 1, bad);
        assert.equal(findings(set(inCharge, spec.key, ''), 'invalid-field-value').length, spec.emptyIsInvalid ? 1 : 0);
      });
    }

    it('every key of the table is known; another key is reported, with a rename for each synonym', () => {
      const everything = note({ extra: ['furnished_by: therapist', 'status: final'], charge: { assistant_minutes: '0' } });
      assert.deepEqual(findings(everything, 'invalid-field-value'), []);
      const unknown = findings(note({ extra: ['clinic: North'] }), 'invalid-field-value');
      assert.deepEqual(
        unknown.map((f) => [f.severity, f.message]),
        [['info', '`clinic` is not a known front-matter key; the checker ignores it.']],
      );
      const unknownCharge = findings(note({ charge: { side: 'right' } }), 'invalid-field-value');
      assert.deepEqual(
        unknownCharge.map((f) => f.message),
        [`Charge line 1 has an unknown key \`side\`: a charge line takes only ${CHARGE_KEYS.join(', ')}.`],
      );
      for (const { spec, inCharge } of ALL) {
        for (const syn of spec.keySynonyms ?? []) {
          const text = inCharge ? note({ charge: { [spec.key]: null, [syn]: '1' } }) : note({ fm: { [spec.key]: null }, extra: [`${syn}: x`] });
          const f = findings(text, 'invalid-field-value').find((x) => x.message.includes(`\`${syn}\``));
          assert.ok(f?.message.includes(`(did you mean \`${spec.key}\`?)`), `${syn} → ${spec.key}: ${f?.message}`);
        }
      }
    });
  });

  describe('a required key that is missing is reported by the rule the table names', () => {
    for (const { spec, inCharge } of ALL.filter((k) => k.spec.missing)) {
      it(`${inCharge ? 'charge key ' : ''}${spec.key} → ${spec.missing!.rule}`, () => {
        // Also drop what stands in for the key (the Diagnosis field, the Time section totals).
        // A lone timed line's minutes also stand in as Direct contact minutes (rules.md v2 item 9).
        const time = spec.key === 'minutes' ? { time: [] } : {};
        const text = inCharge ? note({ charge: { [spec.key]: null }, ...time }) : note({ fm: { [spec.key]: null }, ...time });
        const got = findings(text, spec.missing!.rule);
        assert.ok(got.length >= 1, `${spec.missing!.rule} reports the missing ${spec.key}`);
        if (spec.missing!.rule === 'missing-required-field') assert.ok(got[0].message.includes(`\`${spec.key}\``));
      });
    }

    it('a key required only with certain codes is not asked for without them', () => {
      for (const spec of FRONT_MATTER_SCHEMA.filter((k) => k.required.when === 'codes' && k.missing?.rule === 'missing-required-field')) {
        const text = note({ fm: { [spec.key]: null }, charge: { code: '97110' } });
        assert.deepEqual(findings(text, 'missing-required-field'), [], spec.key);
      }
    });

    it('keys with a default are not required', () => {
      for (const { spec } of ALL.filter((k) => k.spec.default !== undefined)) assert.equal(spec.required.when, 'never', spec.key);
    });
  });

  it('docs/front-matter.md matches the table (run `npm run gen:docs`)', () => {
    assert.equal(fs.readFileSync(path.join(REPO_ROOT, 'docs', 'front-matter.md'), 'utf8'), frontMatterReferenceMarkdown() + '\n');
  });
});
