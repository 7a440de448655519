import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/engine';
import { rulesIndexMarkdown } from '../../server/src/engine/rules/catalog';
import { SOURCES } from '../../server/src/engine/knowledge/sources';
import { REPO_ROOT } from '../helpers/paths';

const DOCS = path.join(REPO_ROOT, 'docs', 'rules');

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = fs.readFileSync(file, 'utf8').replace(/^```[\s\S]*?\n```/gm, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])));
}

const sourceByUrl = new Map([...SOURCES.values()].map((s) => [s.url, s]));

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
    const file = path.join(DOCS, `${rule.id}.md`);

    it(`${rule.id}.md names the rule and says what it checks, why, and how it is fixed`, () => {
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(text.startsWith(`# ${rule.id}\n`), 'title is the rule id');
      for (const heading of ['## What it checks', '## Why', '## Fix']) assert.ok(text.includes(heading), `missing "${heading}"`);
      assert.ok(/## Example/.test(text), 'missing an example');
    });

    it(`${rule.id}.md stands alone: primary sources linked, no pointers to files that do not ship`, () => {
      const text = fs.readFileSync(file, 'utf8');
      // The design documents (domain research, rule list, format contract) do not ship with the project.
      assert.ok(!/domain-97760/i.test(text), 'mentions domain-97760.md, which does not ship: state the fact and link its source');
      assert.ok(!/note-format\.md\s*§/.test(text), 'points at a note-format.md § section: link ../note-format.md#anchor instead');
      assert.ok(!/\brules\.md\b/.test(text), 'mentions rules.md, which does not ship');
      assert.ok(!/\bR-[A-Z]+-\d+\b/.test(text), 'cross-references an R-… id of the research file');

      // Every address the page links is a registered source (server/src/engine/knowledge/sources.ts).
      const urls = [...text.matchAll(/https?:\/\/[^\s)<>\]]+/g)].map((m) => m[0]);
      const unknown = urls.filter((u) => !sourceByUrl.has(u));
      assert.deepEqual(unknown, [], 'links an address that is not a registered source (add it to sources.ts and docs/sources.md)');
      const linked = urls.map((u) => sourceByUrl.get(u)!);
      assert.ok(linked.length > 0, 'links no source from sources.ts');
      assert.ok(
        linked.some((s) => s.kind !== 'third-party'),
        'its only sources are third-party pages: link the primary source (CMS, MAC, association, code file) beside them',
      );
      for (const id of text.match(/\bSRC-[A-Z0-9-]+/g) ?? []) assert.ok(SOURCES.has(id), `names unknown source id ${id}`);

      // Links to the shipped format page, the sources page and the README resolve to real headings.
      for (const m of text.matchAll(/\]\((\.\.\/[\w./-]+\.md)(?:#([\w-]+))?\)/g)) {
        const target = path.resolve(DOCS, m[1]);
        assert.ok(fs.existsSync(target), `links ${m[1]}, which does not exist`);
        if (m[2]) assert.ok(anchorsOf(target).has(m[2]), `links ${m[1]}#${m[2]}, which has no such heading`);
      }
    });
  }
});

describe('sources and the format page', () => {
  it('a third-party source is only ever a secondary one, beside named primary sources', () => {
    for (const [id, s] of SOURCES) {
      for (const other of s.alongside ?? []) {
        assert.ok(SOURCES.has(other), `${id}: alongside names unknown ${other}`);
        assert.notEqual(SOURCES.get(other)!.kind, 'third-party', `${id}: alongside names another third-party page`);
      }
      if (s.kind === 'third-party') assert.ok((s.alongside ?? []).length > 0, `${id} is third-party and names no primary source beside it`);
    }
  });

  it('docs/note-format.md ships, describes the v2 format and is linked from the README', () => {
    const format = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'note-format.md'), 'utf8');
    for (const needle of ['status', 'assistant_minutes', 'RT', 'Co-signed', 'Supervision', 'tnote-disable-next-line', '"fixable"']) {
      assert.ok(format.includes(needle), `note-format.md does not mention ${needle}`);
    }
    assert.ok(!/domain-97760|rules\.md/.test(format), 'note-format.md points at a design file that does not ship');
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes('](docs/note-format.md)'), 'README does not link docs/note-format.md');
  });
});
