/**
 * `tnote config --print NOTE` (issue 11 item 7): the configuration that applies to a note, with
 * the extended files resolved and the file that set each value, as YAML (default) or JSON; a
 * missing note, a folder or bad usage exits 2 with a message.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parse } from 'yaml';
import { run, tempDir } from './helpers';

const ORG = [
  'profile: commercial',
  'payers:',
  '  blue shield: commercial',
  'rules:',
  '  unknown-section: off',
  'required:',
  '  - Plan',
  'aliases:',
  '  sections:',
  '    instruction: [Home Program]',
  '',
].join('\n');
const TEAM = [
  'extends: ../org/base.yaml',
  'profiles:',
  '  commercial:',
  '    units: per-code',
  'rules:',
  '  missing-direct-contact: error',
  'required:',
  '  - section: Device',
  '    fields: [Type]',
  'aliases:',
  '  sections:',
  '    instruction: [Education]',
  'ignore:',
  '  - drafts',
  '',
].join('\n');

describe('tnote config --print', () => {
  let dir: string;
  before(() => {
    dir = tempDir({ 'org/base.yaml': ORG, 'team/.tnoterc.yaml': TEAM, 'team/notes/a.tnote': '', 'bare/b.tnote': '' });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the effective configuration as YAML, each value followed by the file that set it', () => {
    const r = run(['config', '--print', 'team/notes/a.tnote'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.split('\n');
    assert.ok(lines.includes('# Config files, applied in this order: org/base.yaml, team/.tnoterc.yaml'), r.stdout);
    for (const row of [
      'profile: commercial # org/base.yaml',
      '  blue shield: commercial # org/base.yaml',
      '    units: cms # default',
      '    units: per-code # team/.tnoterc.yaml',
      '  unknown-section: off # org/base.yaml',
      '  missing-direct-contact: error # team/.tnoterc.yaml',
      '  - Plan # org/base.yaml',
      '  - section: Device # team/.tnoterc.yaml',
      '      - Home Program # org/base.yaml',
      '      - Education # team/.tnoterc.yaml',
      '  - drafts # team/.tnoterc.yaml',
    ])
      assert.ok(lines.includes(row), `missing row "${row}" in\n${r.stdout}`);
    // It is YAML that reads back as the effective settings.
    assert.deepEqual(parse(r.stdout), {
      profile: 'commercial',
      payers: { 'blue shield': 'commercial' },
      profiles: { medicare: { units: 'cms' }, commercial: { units: 'per-code' } },
      rules: { 'unknown-section': 'off', 'missing-direct-contact': 'error' },
      required: ['Plan', { section: 'Device', fields: ['Type'] }],
      aliases: { sections: { instruction: ['Home Program', 'Education'] } },
      ignore: ['drafts'],
    });
  });

  it('--format json: the values under config and their files in the same shape under from', () => {
    const r = run(['config', '--print', 'team/notes/a.tnote', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { note: string; files: string[]; config: Record<string, unknown>; from: Record<string, unknown> };
    assert.equal(j.note, 'team/notes/a.tnote');
    assert.deepEqual(j.files, ['org/base.yaml', 'team/.tnoterc.yaml']);
    assert.equal(j.config.profile, 'commercial');
    assert.deepEqual(j.from, {
      profile: 'org/base.yaml',
      payers: { 'blue shield': 'org/base.yaml' },
      profiles: { medicare: { units: 'default' }, commercial: { units: 'team/.tnoterc.yaml' } },
      rules: { 'unknown-section': 'org/base.yaml', 'missing-direct-contact': 'team/.tnoterc.yaml' },
      required: ['org/base.yaml', 'team/.tnoterc.yaml'],
      aliases: { sections: { instruction: ['org/base.yaml', 'team/.tnoterc.yaml'] } },
      ignore: 'team/.tnoterc.yaml',
    });
  });

  it('a note with no config file gets the defaults; --config names one', () => {
    const bare = run(['config', '--print', 'bare/b.tnote', '--format=json'], dir);
    assert.equal(bare.code, 0, bare.stderr);
    const j = JSON.parse(bare.stdout) as { files: string[]; config: Record<string, unknown>; from: Record<string, unknown> };
    assert.deepEqual(j.files, []);
    assert.deepEqual(j.config, { profile: 'medicare', profiles: { medicare: { units: 'cms' }, commercial: { units: 'cms' } } });
    assert.match(run(['config', '--print', 'bare/b.tnote'], dir).stdout, /^# No config file applies: the defaults\.$/m);
    const named = run(['config', '--print', 'bare/b.tnote', '--config', 'org/base.yaml'], dir);
    assert.equal(named.code, 0, named.stderr);
    assert.match(named.stdout, /^profile: commercial # org\/base\.yaml$/m);
  });

  it('a missing note, a folder, a missing --config file and bad usage exit 2 with a clear message', () => {
    const missing = run(['config', '--print', 'team/notes/nope.tnote'], dir);
    assert.equal(missing.code, 2);
    assert.equal(missing.stdout, '');
    assert.equal(missing.stderr.trim(), 'tnote config: team/notes/nope.tnote: no such note');
    const folder = run(['config', '--print', 'team'], dir);
    assert.equal(folder.code, 2);
    assert.equal(folder.stderr.trim(), 'tnote config: team: is a folder, not a note');
    const noConfig = run(['config', '--print', 'bare/b.tnote', '--config', 'nope.yaml'], dir);
    assert.equal(noConfig.code, 2);
    assert.equal(noConfig.stderr.trim(), 'tnote config: config file not found: nope.yaml');
    for (const args of [['config'], ['config', '--print'], ['config', '--print', 'a', '--format', 'xml'], ['config', '--print', 'a', 'b']]) {
      const r = run(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^tnote config: .*\n\nUsage: tnote config --print NOTE/, args.join(' '));
    }
    const help = run(['config', '--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: tnote config --print NOTE/);
  });

  it('problems of the config files go to stderr with file and line, and an error exits 2 (still printed)', () => {
    const bad = tempDir({ '.tnoterc.yaml': 'extends: base.yaml\nprofile: medicaid\n', 'base.yaml': 'profile: commercial\nrules:\n  no-such-rule: off\n  unknown-section: off\n', 'n.tnote': '' });
    try {
      const r = run(['config', '--print', 'n.tnote'], bad);
      assert.equal(r.code, 2);
      const errs = r.stderr.trim().split('\n');
      assert.ok(errs.includes('base.yaml:3:3: error unknown rule id "no-such-rule" (config-invalid)'), r.stderr);
      assert.ok(errs.includes('.tnoterc.yaml:2:10: error profile must be one of: medicare, commercial (config-invalid)'), r.stderr);
      assert.match(r.stdout, /^ {2}unknown-section: off # base\.yaml$/m);
      assert.match(r.stdout, /^profile: commercial # base\.yaml$/m, 'a bad value does not replace the extended one');
    } finally {
      fs.rmSync(bad, { recursive: true, force: true });
    }
  });

  it('shows values from a config package in node_modules (extends by package name), found from the config file upwards', () => {
    const pkg = tempDir({
      'node_modules/@clinic/tnote-config/package.json': JSON.stringify({ name: '@clinic/tnote-config', main: 'index.js', tnote: 'org.yaml' }),
      'node_modules/@clinic/tnote-config/index.js': 'require("fs").writeFileSync("RAN", "")\n',
      'node_modules/@clinic/tnote-config/org.yaml': 'profile: commercial\n',
      'team/.tnoterc.yaml': 'extends: "@clinic/tnote-config"\n',
      'team/n.tnote': '',
      'other/.tnoterc.yaml': 'extends: tnote-config-missing\n',
      'other/n.tnote': '',
    });
    try {
      const r = run(['config', '--print', 'team/n.tnote'], pkg);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^profile: commercial # node_modules\/@clinic\/tnote-config\/org\.yaml$/m);
      assert.ok(!fs.existsSync(`${pkg}/RAN`) && !fs.existsSync(`${pkg}/team/RAN`), 'nothing of the package ran');
      const missing = run(['config', '--print', 'other/n.tnote'], pkg);
      assert.equal(missing.code, 2);
      assert.equal(
        missing.stderr.trim(),
        'other/.tnoterc.yaml:1:10: error extends "tnote-config-missing": package "tnote-config-missing" is not installed (no node_modules/tnote-config-missing in this folder or above) (config-invalid)',
      );
    } finally {
      fs.rmSync(pkg, { recursive: true, force: true });
    }
  });
});
