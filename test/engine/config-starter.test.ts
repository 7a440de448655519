/**
 * The starter `.tnoterc.yaml` (issue 11 item 7: *Create .tnoterc.yaml* writes it): it holds every
 * setting the schema knows, it loads without a problem as written (all commented out) and with
 * every setting switched on, and the committed copy the editor command ships is current.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ConfigLoader } from '../../server/src/engine/config/load';
import { configSchema } from '../../server/src/engine/config/schema';
import { starterConfig } from '../../server/src/engine/config/starter';
import { RULES } from '../../server/src/engine/rules/registry';
import { MemoryFs } from '../helpers/memoryFs';
import { REPO_ROOT } from '../helpers/paths';

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
}

/** Every property path of the schema (`rules.unknown-section`, `aliases.fields.device.type`, …). */
function propertyPaths(node: SchemaNode, prefix: string[] = []): string[][] {
  return Object.entries(node.properties ?? {}).flatMap(([k, v]) => [[...prefix, k], ...propertyPaths(v, [...prefix, k])]);
}

describe('configuration: the starter .tnoterc.yaml', () => {
  const paths = propertyPaths(configSchema());

  it('names every property of the schema, at its place, and each appears in the commented text', () => {
    assert.ok(paths.length > RULES.length + 30, `the walk found the schema's nested properties (${paths.length})`);
    const active = parse(starterConfig({ active: true })) as Record<string, unknown>;
    const text = starterConfig();
    for (const p of paths) {
      let at: unknown = active;
      for (const k of p) at = (at as Record<string, unknown> | undefined)?.[k];
      assert.notEqual(at, undefined, `the starter sets ${p.join('.')}`);
      const indent = ' '.repeat(2 * (p.length - 1));
      assert.ok(text.includes(`\n# ${indent}${p[p.length - 1]}:`), `the commented starter shows ${p.join('.')}`);
    }
  });

  it('loads with no problem as written: everything commented out, nothing changed', async () => {
    const m = new MemoryFs().file('/w/.tnoterc.yaml', starterConfig());
    const loaded = await new ConfigLoader(m).forFile('/w/n.tnote');
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.config.rules, {});
    assert.equal(loaded.config.profile, 'medicare');
    for (const line of starterConfig().split('\n')) assert.ok(line === '' || line.startsWith('#'), `commented: ${line}`);
  });

  it('loads with no problem with every setting switched on (each example is valid)', async () => {
    const m = new MemoryFs()
      .file('/.tnoterc.yaml', 'profile: commercial\n')
      .file('/w/icd10cm-codes-2026.txt', 'M21371  Foot drop, right foot\n')
      .file('/w/.tnoterc.yaml', starterConfig({ active: true }));
    const loaded = await new ConfigLoader(m).forFile('/w/n.tnote');
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.config.sources, ['/.tnoterc.yaml', '/w/.tnoterc.yaml']);
    assert.equal(Object.keys(loaded.config.rules).length, RULES.length);
    for (const r of RULES) assert.equal(loaded.config.rules[r.id], r.defaultSeverity, r.id);
    assert.ok(loaded.config.icd10Codes?.has('M21.371'));
  });

  it('the committed copy that the editor command writes is current (run `npm run gen:docs`)', () => {
    assert.equal(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'tnoterc.starter.yaml'), 'utf8'), starterConfig());
  });
});
