import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/engine';
import { rulesIndexMarkdown } from '../../server/src/engine/rules/catalog';
import { REPO_ROOT } from '../helpers/paths';

const DOCS = path.join(REPO_ROOT, 'docs', 'rules');

describe('rule docs', () => {
  it('docs/rules/README.md matches the registry (run `npm run gen:docs`)', () => {
    assert.equal(fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8'), rulesIndexMarkdown() + '\n');
  });

  it('every docs page belongs to a registered rule', () => {
    const ids = new Set(RULES.map((r) => r.id));
    const orphans = fs.readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md' && !ids.has(f.replace(/\.md$/, '')));
    assert.deepEqual(orphans, []);
  });

  for (const rule of RULES) {
    it(`${rule.id}.md names the rule and says what it checks, why, and how it is fixed`, () => {
      const text = fs.readFileSync(path.join(DOCS, `${rule.id}.md`), 'utf8');
      assert.ok(text.startsWith(`# ${rule.id}\n`), 'title is the rule id');
      for (const heading of ['## What it checks', '## Why', '## Fix']) assert.ok(text.includes(heading), `missing "${heading}"`);
      assert.ok(/## Example/.test(text), 'missing an example');
    });
  }
});
