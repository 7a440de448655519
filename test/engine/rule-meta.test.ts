/** Every rule's metadata: sources it relies on are registered, and one of them is primary. */
import * as assert from 'node:assert/strict';
import { RULES } from '../../server/src/engine';
import { SOURCES } from '../../server/src/engine/knowledge/sources';
import { primarySource } from '../../server/src/engine/rules/catalog';

describe('rule metadata', () => {
  for (const rule of RULES) {
    it(`${rule.id}: cites registered sources, at least one primary`, () => {
      const refs = rule.references ?? [];
      assert.ok(refs.length > 0, 'no references');
      for (const id of refs) assert.ok(SOURCES.has(id), `unknown source id ${id}`);
      assert.notEqual(primarySource(rule)?.kind ?? 'third-party', 'third-party', 'only third-party sources');
    });
  }
});
