/**
 * `extends:` by package name (issue 11 item 7): `@clinic/tnote-config` or `tnote-config-clinic`
 * is found as Node finds packages — the nearest node_modules/<name> from the config file's folder
 * upwards — and its config file is read through the FileAccess (package.json "tnote", a YAML
 * "main", or a .tnoterc.yaml at the package root); nothing is run. A missing package, a package
 * without a config and a path out of the package are problems at the `extends` value.
 */
import * as assert from 'node:assert/strict';
import { ConfigLoader, isPackageName } from '../../server/src/engine/config/load';
import { MemoryFs } from '../helpers/memoryFs';

const TEAM = (name: string) => `rules:\n  missing-direct-contact: error\nextends: "${name}"\n`;

describe('configuration: extends by package name', () => {
  it('tells package names from paths', () => {
    for (const name of ['@clinic/tnote-config', 'tnote-config-clinic', 'tnote.config', '@a/b']) assert.ok(isPackageName(name), name);
    for (const p of ['./tnote-config', '../org/base.yaml', 'base.yaml', 'shared.yml', 'org/base', '/abs/base', '@clinic', '@clinic/a/b', 'C:\\org\\base', 'x.json']) assert.ok(!isPackageName(p), p);
  });

  it('a scoped package with a "tnote" field, found in node_modules further up', async () => {
    const m = new MemoryFs()
      .file('/repo/node_modules/@clinic/tnote-config/package.json', JSON.stringify({ name: '@clinic/tnote-config', main: 'index.js', tnote: 'config/org.yaml' }))
      .file('/repo/node_modules/@clinic/tnote-config/index.js', 'throw new Error("never run")')
      .file('/repo/node_modules/@clinic/tnote-config/config/org.yaml', 'profile: commercial\nrules:\n  unknown-section: off\n')
      .file('/repo/team/.tnoterc.yaml', TEAM('@clinic/tnote-config'));
    const loaded = await new ConfigLoader(m).forFile('/repo/team/notes/n.tnote');
    assert.deepEqual(loaded.problems, []);
    assert.equal(loaded.config.profile, 'commercial');
    assert.deepEqual(loaded.config.rules, { 'unknown-section': 'off', 'missing-direct-contact': 'error' });
    assert.deepEqual(loaded.config.sources, ['/repo/node_modules/@clinic/tnote-config/config/org.yaml', '/repo/team/.tnoterc.yaml']);
  });

  it('an unscoped package: a YAML "main", else the .tnoterc.yaml at its root (a JavaScript main is not run)', async () => {
    const yamlMain = new MemoryFs()
      .file('/w/node_modules/tnote-config-clinic/package.json', JSON.stringify({ main: 'clinic.yml' }))
      .file('/w/node_modules/tnote-config-clinic/clinic.yml', 'profile: commercial\n')
      .file('/w/.tnoterc.yaml', TEAM('tnote-config-clinic'));
    const a = await new ConfigLoader(yamlMain).forFile('/w/n.tnote');
    assert.deepEqual(a.problems, []);
    assert.deepEqual(a.config.sources, ['/w/node_modules/tnote-config-clinic/clinic.yml', '/w/.tnoterc.yaml']);
    const rcAtRoot = new MemoryFs()
      .file('/w/node_modules/tnote-config-clinic/package.json', JSON.stringify({ main: 'index.js' }))
      .file('/w/node_modules/tnote-config-clinic/.tnoterc.yaml', 'profile: commercial\n')
      .file('/w/.tnoterc.yaml', TEAM('tnote-config-clinic'));
    const b = await new ConfigLoader(rcAtRoot).forFile('/w/n.tnote');
    assert.deepEqual(b.problems, []);
    assert.equal(b.config.profile, 'commercial');
    assert.deepEqual(b.config.sources, ['/w/node_modules/tnote-config-clinic/.tnoterc.yaml', '/w/.tnoterc.yaml']);
    // No package.json at all: the .tnoterc.yaml at the root still counts.
    const bare = new MemoryFs().file('/w/node_modules/tnote-config-clinic/.tnoterc.yaml', 'profile: commercial\n').file('/w/.tnoterc.yaml', TEAM('tnote-config-clinic'));
    assert.equal((await new ConfigLoader(bare).forFile('/w/n.tnote')).config.profile, 'commercial');
  });

  it('the nearest installed copy wins', async () => {
    const m = new MemoryFs()
      .file('/repo/node_modules/tnote-config-clinic/.tnoterc.yaml', 'profile: medicare\n')
      .file('/repo/team/node_modules/tnote-config-clinic/.tnoterc.yaml', 'profile: commercial\n')
      .file('/repo/team/.tnoterc.yaml', TEAM('tnote-config-clinic'));
    const loaded = await new ConfigLoader(m).forFile('/repo/team/n.tnote');
    assert.equal(loaded.config.profile, 'commercial');
    assert.equal(loaded.config.sources[0], '/repo/team/node_modules/tnote-config-clinic/.tnoterc.yaml');
  });

  it('a missing package is a problem at the extends value; installing it later is seen', async () => {
    const m = new MemoryFs().file('/w/.tnoterc.yaml', TEAM('@clinic/tnote-config'));
    const loader = new ConfigLoader(m);
    const loaded = await loader.forFile('/w/n.tnote');
    assert.deepEqual(
      loaded.problems.map((p) => ({ line: p.line, column: p.column, endColumn: p.endColumn, severity: p.severity, message: p.message })),
      [
        {
          line: 3,
          column: 10,
          endColumn: 32,
          severity: 'error',
          message: 'extends "@clinic/tnote-config": package "@clinic/tnote-config" is not installed (no node_modules/@clinic/tnote-config in this folder or above)',
        },
      ],
    );
    assert.deepEqual(loaded.config.rules, { 'missing-direct-contact': 'error' }, 'its own settings still apply');
    m.file('/w/node_modules/@clinic/tnote-config/.tnoterc.yaml', 'profile: commercial\n');
    const again = await loader.forFile('/w/n.tnote');
    assert.deepEqual(again.problems, []);
    assert.equal(again.config.profile, 'commercial');
  });

  it('a package without a config, a path out of the package, a bad "tnote" field and bad JSON are problems at the value', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'package.json': JSON.stringify({ main: 'index.js' }) }, /has no tnote config: its package.json needs a "tnote" field/],
      [{ 'package.json': JSON.stringify({ tnote: '../../secret.yaml' }) }, /the "tnote" field of package "p" must be a path inside the package \(not "\.\.\/\.\.\/secret\.yaml"\)/],
      [{ 'package.json': JSON.stringify({ tnote: '/etc/x.yaml' }) }, /must be a path inside the package/],
      [{ 'package.json': JSON.stringify({ tnote: 42 }) }, /the "tnote" field of package "p" must be the path of its config file/],
      [{ 'package.json': '{ not json' }, /cannot read the package.json of package "p": it is not valid JSON/],
      [{ 'package.json': JSON.stringify({ tnote: 'missing.yaml' }) }, /cannot read the extended config file "p": ENOENT/],
    ];
    for (const [files, message] of cases) {
      const m = new MemoryFs().file('/w/.tnoterc.yaml', TEAM('p')).file('/secret.yaml', 'profile: commercial\n');
      for (const [name, text] of Object.entries(files)) m.file(`/w/node_modules/p/${name}`, text);
      const loaded = await new ConfigLoader(m).forFile('/w/n.tnote');
      assert.equal(loaded.problems.length, 1, JSON.stringify(loaded.problems));
      assert.match(loaded.problems[0].message, message);
      assert.equal(loaded.problems[0].line, 3);
      assert.equal(loaded.config.profile, 'medicare', 'nothing of the package applied');
    }
  });

  it('a package that extends its own files and other packages; a circle through a package is caught', async () => {
    const m = new MemoryFs()
      .file('/w/node_modules/base/.tnoterc.yaml', 'payers:\n  acme: commercial\n')
      .file('/w/node_modules/org/.tnoterc.yaml', 'extends: [./strict.yaml, base]\n')
      .file('/w/node_modules/org/strict.yaml', 'rules:\n  unknown-section: error\n')
      .file('/w/.tnoterc.yaml', 'extends: org\n');
    const loaded = await new ConfigLoader(m).forFile('/w/n.tnote');
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.config.payers, { acme: 'commercial' });
    assert.deepEqual(loaded.config.rules, { 'unknown-section': 'error' });
    const circle = new MemoryFs().file('/w/node_modules/a/.tnoterc.yaml', 'extends: b\n').file('/w/node_modules/b/.tnoterc.yaml', 'extends: a\n').file('/w/.tnoterc.yaml', 'extends: a\n');
    const c = await new ConfigLoader(circle).forFile('/w/n.tnote');
    assert.equal(c.problems.length, 1);
    assert.match(
      c.problems[0].message,
      /^the extended config file "a" has 1 problem\(s\); the first, at line 1: the extended config file "b" has 1 problem\(s\); the first, at line 1: extends "a": the config files extend each other in a circle$/,
    );
  });
});
