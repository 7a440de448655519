/**
 * `extends:` in `.tnoterc.yaml` (issue 11, item 7): a shared organisation file, or the parent
 * folder's file, applies first and the file's own settings go on top; problems stay with the file
 * they are in; circles, missing files and deep chains are problems, never hangs; a change to an
 * extended file is seen.
 */
import * as assert from 'node:assert/strict';
import { effectiveConfig } from '../../server/src/engine/config/effective';
import { ConfigLoader } from '../../server/src/engine/config/load';
import { MemoryFs } from '../helpers/memoryFs';

const ORG = [
  'profile: commercial',
  'payers:',
  '  blue shield: commercial',
  'rules:',
  '  unknown-section: off',
  '  missing-direct-contact: warning',
  'required:',
  '  - Plan',
  'aliases:',
  '  sections:',
  '    instruction: [Home Program]',
  'icd10CodeFile: codes.txt',
  '',
].join('\n');

describe('configuration: extends', () => {
  it('applies the extended file first and its own settings on top (maps and lists add up)', async () => {
    const m = new MemoryFs()
      .file('/org/tnote-org.yaml', ORG)
      .file('/org/codes.txt', 'M21371  Foot drop, right foot\n')
      .file(
        '/team/.tnoterc.yaml',
        [
          'extends: ../org/tnote-org.yaml',
          'profile: medicare',
          'rules:',
          '  missing-direct-contact: error',
          'required:',
          '  - section: Device',
          'aliases:',
          '  sections:',
          '    instruction: [Education]',
          '',
        ].join('\n'),
      );
    const loaded = await new ConfigLoader(m).forFile('/team/notes/n.tnote');
    assert.deepEqual(loaded.problems, []);
    const c = loaded.config;
    assert.equal(c.profile, 'medicare', 'its own setting wins');
    assert.deepEqual(c.payers, { 'blue shield': 'commercial' });
    assert.deepEqual(c.rules, { 'unknown-section': 'off', 'missing-direct-contact': 'error' });
    assert.deepEqual(c.required, [
      { section: 'Plan', fields: [] },
      { section: 'Device', fields: [] },
    ]);
    assert.deepEqual(c.aliases.sections, { instruction: ['Home Program', 'Education'] });
    assert.equal(c.icd10CodeFile, '/org/codes.txt', 'a path in the extended file is relative to that file');
    assert.ok(c.icd10Codes?.has('M21.371'));
    assert.deepEqual(c.sources, ['/org/tnote-org.yaml', '/team/.tnoterc.yaml'], 'nearest last');
  });

  it('a folder cascade: each file extends its parent folder’s, later entries of a list win', async () => {
    const m = new MemoryFs()
      .file('/w/.tnoterc.yaml', 'rules:\n  unknown-section: off\n')
      .file('/w/a/.tnoterc.yaml', 'extends: ../.tnoterc.yaml\nprofile: commercial\n')
      .file('/w/a/b/.tnoterc.yaml', 'extends: [../.tnoterc.yaml, /shared/x.yaml]\nrules:\n  missing-direct-contact: info\n')
      .file('/shared/x.yaml', 'profile: medicare\n');
    const c = (await new ConfigLoader(m).forFile('/w/a/b/n.tnote')).config;
    assert.equal(c.profile, 'medicare', '/shared/x.yaml comes after the parent');
    assert.deepEqual(c.rules, { 'unknown-section': 'off', 'missing-direct-contact': 'info' });
    assert.deepEqual(c.sources, ['/w/.tnoterc.yaml', '/w/a/.tnoterc.yaml', '/shared/x.yaml', '/w/a/b/.tnoterc.yaml']);
  });

  it('problems stay with their file; the extending file says so at its extends entry', async () => {
    const m = new MemoryFs().file('/org.yaml', 'profile: commercial\nrules:\n  no-such-rule: off\n').file('/w/.tnoterc.yaml', 'profile: medicare\nextends: ../org.yaml\n');
    const loaded = await new ConfigLoader(m).loadConfigFile('/w/.tnoterc.yaml');
    assert.equal(loaded.problems.length, 1);
    assert.equal(loaded.problems[0].file, '/w/.tnoterc.yaml');
    assert.equal(loaded.problems[0].line, 2);
    assert.match(loaded.problems[0].message, /the extended config file "\.\.\/org\.yaml" has 1 problem\(s\); the first, at line 3: unknown rule id "no-such-rule"/);
    assert.equal(loaded.bases?.length, 1);
    assert.equal(loaded.bases[0].problems[0].file, '/org.yaml');
    assert.equal(loaded.bases[0].problems[0].line, 3);
    assert.equal(loaded.config.profile, 'medicare');
  });

  it('a circle, a missing file, a FIFO-like file and a chain too deep are problems at the entry, never a hang', async () => {
    const m = new MemoryFs()
      .file('/a.yaml', 'extends: b.yaml\n')
      .file('/b.yaml', 'extends: a.yaml\nprofile: commercial\n')
      .file('/c.yaml', 'extends:\n  - missing.yaml\n  - pipe.yaml\n  - { a: 1 }\nprofile: commercial\n')
      .other('/pipe.yaml');
    for (let i = 0; i < 12; i++) m.file(`/chain/${i}.yaml`, `extends: ${i + 1}.yaml\n`);
    m.file('/chain/12.yaml', 'profile: commercial\n');
    const loader = new ConfigLoader(m);
    const a = await loader.loadConfigFile('/a.yaml');
    assert.match(a.problems[0].message, /the extended config file "b\.yaml" has 1 problem\(s\); the first, at line 1: extends "a\.yaml": the config files extend each other in a circle/);
    const c = await loader.loadConfigFile('/c.yaml');
    assert.deepEqual(
      c.problems.map((p) => [p.line, p.message.replace(/:.*$/, '')]),
      [
        [2, 'cannot read the extended config file "missing.yaml"'],
        [3, 'cannot read the extended config file "pipe.yaml"'],
        [4, 'extends must be the path of another config file (relative to this one) or the name of an installed package, or a list of them'],
      ],
    );
    assert.match(c.problems[1].message, /is not a regular file/);
    assert.equal(c.config.profile, 'commercial');
    const deep = await loader.loadConfigFile('/chain/0.yaml');
    assert.equal(deep.problems.length, 1);
    assert.match(JSON.stringify(deep.problems[0].message), /more than 8 config files extend one another/);
  });

  it('a change to an extended file is seen (by time and size), or when told for watched files', async () => {
    const m = new MemoryFs().file('/org.yaml', 'profile: commercial\n', 1).file('/w/.tnoterc.yaml', 'extends: ../org.yaml\n');
    const loader = new ConfigLoader(m);
    assert.equal((await loader.forFile('/w/n.tnote')).config.profile, 'commercial');
    m.file('/org.yaml', 'profile: medicare\n', 2);
    assert.equal((await loader.forFile('/w/n.tnote')).config.profile, 'medicare');
    // Every file watched: kept as loaded, no stat, until cleared.
    const watched = new ConfigLoader(m, { watched: () => true });
    assert.equal((await watched.forFile('/w/n.tnote')).config.profile, 'medicare');
    const stats = m.calls.stat;
    m.file('/org.yaml', 'profile: commercial\n', 3);
    assert.equal((await watched.forFile('/w/n.tnote')).config.profile, 'medicare');
    assert.equal(m.calls.stat, stats, 'no file looked at');
    watched.clear();
    assert.equal((await watched.forFile('/w/n.tnote')).config.profile, 'commercial');
  });

  it('the extending file’s profiles.units and ignore apply on top (they were dropped when it extended another)', async () => {
    const m = new MemoryFs()
      .file('/org/base.yaml', 'profiles:\n  medicare:\n    units: cms\nignore: [old]\n')
      .file('/team/.tnoterc.yaml', 'extends: ../org/base.yaml\nprofiles:\n  commercial:\n    units: per-code\nignore: [drafts]\n');
    const loaded = await new ConfigLoader(m).forFile('/team/n.tnote');
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.config.units, { medicare: 'cms', commercial: 'per-code' }, 'profiles add up by profile');
    assert.deepEqual(loaded.config.ignore, { base: '/team', patterns: ['drafts'] }, 'ignore is replaced, relative to its own file');
  });

  it('effectiveConfig (tnote config --print) gives the loader’s values, each with the file that set it', async () => {
    const m = new MemoryFs()
      .file('/org/tnote-org.yaml', ORG)
      .file('/org/codes.txt', 'M21371  Foot drop, right foot\n')
      .file('/org/mid.yaml', 'extends: tnote-org.yaml\nrules:\n  unknown-section: warning\nprofile: commercial\n')
      .file('/team/.tnoterc.yaml', 'extends: [../org/mid.yaml]\npayers:\n  acme: medicare\nrequired: [Device]\naliases:\n  fields:\n    instruction:\n      safety: [Skin care]\n');
    const loaded = await new ConfigLoader(m).forFile('/team/n.tnote');
    assert.deepEqual(loaded.problems, []);
    const e = effectiveConfig(loaded);
    const c = loaded.config;
    assert.deepEqual(e.files, ['/org/tnote-org.yaml', '/org/mid.yaml', '/team/.tnoterc.yaml']);
    assert.deepEqual(e.files, c.sources);
    assert.deepEqual(e.profile, { value: c.profile, from: '/org/mid.yaml' });
    assert.deepEqual(Object.fromEntries(Object.entries(e.rules).map(([k, v]) => [k, v.value])), c.rules);
    assert.deepEqual(e.rules['unknown-section'], { value: 'warning', from: '/org/mid.yaml' });
    assert.deepEqual(e.rules['missing-direct-contact'], { value: 'warning', from: '/org/tnote-org.yaml' });
    assert.deepEqual(Object.fromEntries(Object.entries(e.payers).map(([k, v]) => [k, v.value])), c.payers);
    assert.deepEqual(e.payers.acme.from, '/team/.tnoterc.yaml');
    assert.deepEqual(
      e.required.map((r) => r.value),
      c.required,
    );
    assert.deepEqual(
      e.required.map((r) => r.from),
      ['/org/tnote-org.yaml', '/team/.tnoterc.yaml'],
    );
    assert.deepEqual({ instruction: e.aliases.sections.instruction.map((x) => x.value) }, c.aliases.sections);
    assert.deepEqual(e.aliases.fields.instruction.safety, [{ value: 'Skin care', from: '/team/.tnoterc.yaml' }]);
    assert.deepEqual(e.icd10CodeFile, { value: c.icd10CodeFile, from: '/org/tnote-org.yaml' });
    assert.deepEqual(e.profiles.medicare.units, { value: 'cms', from: 'default' });
  });
});
