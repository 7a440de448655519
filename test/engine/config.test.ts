import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintText } from '../../server/src/engine';
import { ConfigLoader, parseConfigText } from '../../server/src/engine/config/load';
import { nodeFileAccess } from '../../server/src/node/nodeFs';
import { defaultConfig, unitsMethodFor, unitsMethodIsPayers } from '../../server/src/engine/config/types';
import { configSchema } from '../../server/src/engine/config/schema';
import { FIXTURES, REPO_ROOT } from '../helpers/paths';

const CLEAN = fs.readFileSync(path.join(FIXTURES, 'clean-97760-pt.tnote'), 'utf8');

describe('configuration', () => {
  it('reads profile, payers, rule severities, required elements and aliases', () => {
    const { config, problems } = parseConfigText(
      [
        'profile: commercial',
        'payers:',
        '  Blue Shield: commercial',
        '  medicare advantage: medicare',
        'rules:',
        '  missing-discipline-modifier: warning',
        '  unknown-section: off',
        'required:',
        '  - section: Plan',
        '    fields: [Next visit]',
        '  - Precautions',
        'aliases:',
        '  sections:',
        '    instruction: [Home Program]',
        '  fields:',
        '    instruction:',
        '      safety: [Skin care]',
      ].join('\n'),
      '/x/.tnoterc.yaml',
    );
    assert.deepEqual(problems, []);
    assert.equal(config.profile, 'commercial');
    assert.deepEqual(config.payers, { 'blue shield': 'commercial', 'medicare advantage': 'medicare' });
    assert.deepEqual(config.rules, { 'missing-discipline-modifier': 'warning', 'unknown-section': 'off' });
    assert.deepEqual(config.required, [
      { section: 'Plan', fields: ['Next visit'] },
      { section: 'Precautions', fields: [] },
    ]);
    const text = CLEAN.replace('## Instruction', '## Home program').replace('Safety:', 'Skin care:');
    const r = lintText(text, config);
    assert.ok(!r.findings.some((f) => f.ruleId === 'missing-instruction-elements'), r.findings.map((f) => f.ruleId).join());
  });

  it('reports every unknown key and bad value with its line', () => {
    const { problems } = parseConfigText(
      'profile: medicaid\nrules:\n  missing-discipline-modifer: off\n  unknown-section: maybe\nextra: 1\naliases:\n  sections:\n    nope: [X]\n',
      '/x/.tnoterc.yaml',
    );
    assert.deepEqual(
      problems.map((p) => p.line),
      [1, 3, 4, 5, 8],
    );
    assert.match(problems[1].message, /did you mean "missing-discipline-modifier"/);
  });

  it('profiles.<profile>.units selects the units method (cms by default; per-code on request)', () => {
    const { config, problems } = parseConfigText('profiles:\n  commercial:\n    units: per-code\n', '/x/.tnoterc.yaml');
    assert.deepEqual(problems, []);
    assert.equal(unitsMethodFor('commercial', config), 'per-code');
    assert.equal(unitsMethodFor('medicare', config), 'cms');
    assert.equal(unitsMethodFor('commercial', defaultConfig()), 'cms');
    // Only an explicitly configured method is "the payer's own" (its fixes may be applied unasked).
    assert.equal(unitsMethodIsPayers('commercial', config), true);
    assert.equal(unitsMethodIsPayers('commercial', defaultConfig()), false);
    assert.equal(unitsMethodIsPayers('medicare', defaultConfig()), true);
  });

  it('reports a bad profiles entry with its line; per-code for Medicare is a warning', () => {
    const { config, problems } = parseConfigText(
      ['profiles:', '  medicaid:', '    units: cms', '  commercial:', '    units: quarter-hours', '    rounding: up', '  medicare:', '    units: per-code', 'profiles2: 1'].join('\n'),
      '/x/.tnoterc.yaml',
    );
    assert.deepEqual(
      problems.map((p) => [p.line, p.severity]),
      [
        [2, 'error'],
        [5, 'error'],
        [6, 'error'],
        [8, 'warning'],
        [9, 'error'],
      ],
    );
    assert.match(problems[0].message, /unknown profile "medicaid" \(known: medicare, commercial\)/);
    assert.match(problems[1].message, /units of profile "commercial" must be one of: cms, per-code/);
    assert.match(problems[3].message, /Medicare counts timed units by the CMS 8-minute rule/);
    assert.equal(config.units.commercial, undefined);
    assert.equal(config.units.medicare, 'per-code');
  });

  it('a per-code profile changes the units the rules expect', () => {
    const text = CLEAN.replace('payer: medicare', 'payer: commercial')
      .replace('  - code: L1971\n', '  - code: 97535\n    modifiers: [GP]\n    units: 1\n    minutes: 20\n  - code: L1971\n')
      .replace('    units: 2\n    minutes: 31\n', '    units: 2\n    minutes: 20\n')
      .replace(/31 minutes/g, '40 minutes')
      .replace('total_treatment_minutes: 31', 'total_treatment_minutes: 40');
    const units = (cfg: string) => lintText(text, parseConfigText(cfg, '/x/.tnoterc.yaml').config).findings.filter((f) => f.ruleId === 'units-not-matching-minutes');
    assert.deepEqual(units(''), []); // CMS: 40 minutes → 3 units = 2 + 1
    const perCode = units('profiles: { commercial: { units: per-code } }');
    assert.equal(perCode.length, 1);
    assert.match(perCode[0].message, /97760 20 min → 1 unit \+ 97535 20 min → 1 unit = 2 units counting each code on its own/);
    assert.equal(perCode[0].fixes[0].kind, 'safe');
  });

  it('reports YAML syntax errors in the config', () => {
    const { problems } = parseConfigText('rules: [unclosed\n', '/x/.tnoterc.yaml');
    assert.equal(problems.length > 0, true);
    assert.match(problems[0].message, /invalid YAML/);
  });

  it('finds the nearest config upwards; nearest wins; editor settings override it', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-cfg-'));
    fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(root, '.tnoterc.yaml'), 'profile: commercial\n');
    fs.writeFileSync(path.join(root, 'a', '.tnoterc.yaml'), 'rules:\n  unknown-section: off\n');
    const note = path.join(root, 'a', 'b', 'n.tnote');
    const loader = new ConfigLoader(nodeFileAccess());
    assert.equal(await loader.findConfigFile(path.dirname(note)), path.join(root, 'a', '.tnoterc.yaml'));
    const loaded = await loader.forFile(note);
    assert.equal(loaded.config.profile, 'medicare', 'the nearest file wins; the parent is not merged');
    assert.equal(loaded.config.rules['unknown-section'], 'off');
    const withSettings = await loader.forFile(note, { settings: { profile: 'commercial', rules: { 'unknown-section': 'warning' } } });
    assert.equal(withSettings.config.profile, 'commercial');
    assert.equal(withSettings.config.rules['unknown-section'], 'warning');
  });

  it('resolves icd10CodeFile relative to the config and loads it; a missing file is a problem', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-cfg-'));
    fs.writeFileSync(path.join(root, 'codes.txt'), 'M21371  Foot drop, right foot\nI69351  Hemiplegia\n');
    fs.writeFileSync(path.join(root, '.tnoterc.yaml'), 'icd10CodeFile: codes.txt\n');
    fs.mkdirSync(path.join(root, 'bad'));
    fs.writeFileSync(path.join(root, 'bad', '.tnoterc.yaml'), 'profile: commercial\nicd10CodeFile: nope.txt\nextra: 1\n');
    const loader = new ConfigLoader(nodeFileAccess());
    const ok = await loader.loadConfigFile(path.join(root, '.tnoterc.yaml'));
    assert.deepEqual(ok.problems, []);
    assert.ok(ok.config.icd10Codes?.has('M21.371'));
    assert.equal(ok.config.icd10CodeFile, path.join(root, 'codes.txt'));
    const bad = await loader.loadConfigFile(path.join(root, 'bad', '.tnoterc.yaml'));
    assert.deepEqual(
      bad.problems.map((p) => p.line),
      [2, 3],
      'the code file problem keeps its place among the others',
    );
    assert.match(bad.problems[0].message, /^cannot load the ICD-10-CM code file: Cannot read ICD-10-CM code file ".*nope\.txt": ENOENT/);
    // A file without a single code is a problem too, not an empty code set.
    fs.mkdirSync(path.join(root, 'empty'));
    fs.writeFileSync(path.join(root, 'empty', 'codes.txt'), '\n\n');
    fs.writeFileSync(path.join(root, 'empty', '.tnoterc.yaml'), 'icd10CodeFile: codes.txt\n');
    const empty = await loader.loadConfigFile(path.join(root, 'empty', '.tnoterc.yaml'));
    assert.match(empty.problems[0]?.message ?? '', /no ICD-10-CM codes/);
    assert.equal(empty.config.icd10Codes, undefined);
    // Text parsed without file access: the code file is read through the given host.
    const host = { dirname: path.dirname, resolve: path.resolve, readCodeFile: (p: string) => fs.readFileSync(p, 'utf8') };
    assert.ok(parseConfigText('icd10CodeFile: codes.txt\n', path.join(root, '.tnoterc.yaml'), host).config.icd10Codes?.has('I69.351'));
    // The same message up to the system call named (the loader stats the file before reading it).
    const viaHost = parseConfigText('icd10CodeFile: nope.txt\n', path.join(root, 'bad', '.tnoterc.yaml'), host).problems[0].message;
    assert.equal(viaHost.replace(/, \w+ '/, ", … '"), bad.problems[0].message.replace(/, \w+ '/, ", … '"));
    assert.match(parseConfigText('icd10CodeFile: codes.txt\n', path.join(root, '.tnoterc.yaml')).problems[0].message, /no file access/);
  });

  it('the committed JSON schema matches the rule registry (run `npm run gen:docs`)', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'tnoterc.schema.json'), 'utf8'));
    assert.deepEqual(committed, configSchema());
  });
});
