/**
 * The front-matter fast path (server/src/engine/parse/fastYaml.ts) against the reference,
 * `yaml.parseDocument` (pinned at 2.9.1): on every .tnote in the repository and on seeded mutations
 * of them, the fast path either declines (the caller then uses parseDocument) or builds the same
 * document: same JS value, same node classes, ranges, scalar values/types/sources, no errors.
 *
 * More mutations: TNOTE_FASTYAML_MUTATIONS=200 npm test (per front matter; default 12), TNOTE_FASTYAML_SEED=n for another
 * sequence (default 13).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import { parseNote } from '../../server/src/engine';
import { fastParseDocument } from '../../server/src/engine/parse/fastYaml';
import { FRONT_MATTER_YAML_OPTIONS, parseYaml, yamlSource } from '../../server/src/engine/parse/frontMatter';
import { REPO_ROOT } from '../helpers/paths';
import { seededRandom, tnoteFiles } from '../helpers/repoNotes';

const MUTATIONS = Number(process.env.TNOTE_FASTYAML_MUTATIONS ?? 12);
const SEED = Number(process.env.TNOTE_FASTYAML_SEED ?? 13);

/** The masked YAML text the parser reads, for each note with a front matter. */
function frontMatters(): { file: string; yaml: string }[] {
  const out: { file: string; yaml: string }[] = [];
  for (const file of tnoteFiles(REPO_ROOT).sort()) {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const note = parseNote(text);
    const fm = note.frontMatter;
    if (!fm) continue;
    const placeholders = note.placeholders.filter((p) => p.start >= fm.contentRange.start && p.end <= fm.contentRange.end);
    out.push({ file: path.relative(REPO_ROOT, file), yaml: yamlSource(text, fm.contentRange, placeholders) });
  }
  return out;
}

/** Comments and spacing: left out of the comparison, as in {@link shape}. */
const COMMENT_KEYS = new Set(['comment', 'commentBefore', 'spaceBefore']);

/**
 * A node's own enumerable keys whose values are set (the fast path builds scalars and pairs on a
 * prototype that carries the node type, so their own keys must still be what yaml's give).
 */
function ownKeys(node: object): string[] {
  return Object.keys(node)
    .filter((k) => (node as Record<string, unknown>)[k] !== undefined && !COMMENT_KEYS.has(k))
    .sort();
}

/** Everything of a node the engine (or anyone) could read, except comments and spacing. */
function shape(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  if (isPair(node)) return { pair: [shape(node.key), shape(node.value)], ownKeys: ownKeys(node), class: node.constructor.name };
  if (isScalar(node)) {
    const s = node as { minFractionDigits?: number; format?: string };
    return {
      ownKeys: ownKeys(node),
      class: node.constructor.name,
      range: node.range,
      value: node.value,
      type: node.type,
      source: node.source,
      format: s.format,
      minFractionDigits: s.minFractionDigits,
      tag: node.tag,
      anchor: node.anchor,
    };
  }
  if (isMap(node) || isSeq(node)) {
    return { class: node.constructor.name, range: node.range, flow: !!node.flow, tag: node.tag, anchor: node.anchor, items: (node.items as unknown[]).map(shape) };
  }
  return { other: String(node) };
}

/** Undefined when the fast path declined; throws when it built something yaml would not. */
function compare(yaml: string, label: string): boolean {
  const options = { ...FRONT_MATTER_YAML_OPTIONS };
  const fast = fastParseDocument(yaml, options);
  if (!fast) return false;
  const ref = parseDocument(yaml, { ...FRONT_MATTER_YAML_OPTIONS });
  const what = `${label}\n--- yaml ---\n${yaml}`;
  assert.deepEqual(
    ref.errors.map((e) => e.code),
    [],
    `the fast path read YAML that yaml reports errors on: ${what}`,
  );
  assert.deepEqual(
    ref.warnings.map((e) => e.code),
    [],
    `the fast path read YAML that yaml warns about: ${what}`,
  );
  assert.deepEqual(fast.errors, []);
  assert.deepEqual(fast.range, ref.range, `document range: ${what}`);
  assert.deepEqual(shape(fast.contents), shape(ref.contents), `nodes: ${what}`);
  assert.deepEqual(fast.toJS(), ref.toJS(), `JS value: ${what}`);
  assert.equal(fast.directives.docStart, ref.directives.docStart);
  return true;
}

const INSERTS = [
  ':',
  '#',
  "'",
  '"',
  '-',
  ' ',
  '  ',
  '*',
  '&',
  '!',
  '{',
  '}',
  '[',
  ']',
  ',',
  '\n',
  '|',
  '>',
  '?',
  '%',
  '\t',
  '\r',
  '~',
  '.',
  '0',
  'x',
  ': ',
  ' #',
  '- ',
  '\n  ',
  '\n- ',
  '\n#c\n',
  '*a',
  '&a ',
  '!!str ',
];

function mutate(yaml: string, next: () => number): string {
  let s = yaml;
  const ops = 1 + Math.floor(next() * 3);
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(next() * (s.length + 1));
    const op = Math.floor(next() * 7);
    if (op === 0 && s.length > 0)
      s = s.slice(0, at) + s.slice(at + 1); // delete a character
    else if (op === 1 && at < s.length)
      s = s.slice(0, at) + s[at] + s.slice(at); // duplicate one
    else if (op <= 3) s = s.slice(0, at) + INSERTS[Math.floor(next() * INSERTS.length)] + s.slice(at);
    else {
      const lines = s.split('\n');
      const l = Math.floor(next() * lines.length);
      if (op === 4) lines.splice(l, 1);
      else if (op === 5) lines.splice(l, 0, lines[l]);
      else lines[l] = next() < 0.5 ? ' '.repeat(1 + Math.floor(next() * 4)) + lines[l] : lines[l].replace(/^ {1,2}/, '');
      s = lines.join('\n');
    }
  }
  return s;
}

describe('front-matter fast path (differential against yaml.parseDocument)', () => {
  const all = frontMatters();

  it('the yaml package is pinned at the version the fast path was tested against', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    assert.equal({ ...pkg.dependencies, ...pkg.devDependencies }.yaml, '2.9.1');
    const installed = JSON.parse(fs.readFileSync(require.resolve('yaml/package.json'), 'utf8')) as { version: string };
    assert.equal(installed.version, '2.9.1');
  });

  it('builds the same document as parseDocument for every front matter in the repository, and handles most of them', () => {
    assert.ok(all.length > 100, `expected the repository's notes, found ${all.length}`);
    let fast = 0;
    for (const { file, yaml } of all) if (compare(yaml, file)) fast++;
    // The subset covers how notes are written: most real front matters must take the fast path.
    assert.ok(fast / all.length > 0.6, `only ${fast} of ${all.length} front matters took the fast path`);
    if (process.env.TNOTE_FASTYAML_MUTATIONS) console.log(`      ${fast} of ${all.length} front matters took the fast path`);
  });

  it('builds the same document as parseDocument, or declines, on seeded mutations', () => {
    const next = seededRandom(SEED);
    let fast = 0;
    let total = 0;
    for (const { file, yaml } of all) {
      for (let i = 0; i < MUTATIONS; i++) {
        const m = mutate(yaml, next);
        total++;
        if (compare(m, `${file}, mutation ${i}`)) fast++;
      }
    }
    // Many mutations stay inside the subset (a changed value, a moved comment): they are compared.
    assert.ok(fast > total / 10, `only ${fast} of ${total} mutations took the fast path`);
    if (process.env.TNOTE_FASTYAML_MUTATIONS) console.log(`      ${fast} of ${total} mutations compared, the rest declined`);
  });

  it('keeps the limit on values: a front matter of more than 10,000 values is refused, aliases or not', () => {
    const big = parseNote(`---\nx: [${Array(10_001).fill('1').join(', ')}]\n---\n`);
    assert.deepEqual(
      big.frontMatter?.problems.map((p) => p.code),
      ['ALIAS_EXPANSION'],
    );
    const small = parseNote(`---\nx: [${Array(1_000).fill('1').join(', ')}]\n---\n`);
    assert.deepEqual(small.frontMatter?.problems, []);
  });

  it('declines what is outside the subset', () => {
    const outside = [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: {b: 1}\n',
      'a: |\n  text\n',
      'a: >\n  text\n',
      'a: one\n  two\n',
      'a: "x\\ty"\n',
      "a: 'it''s'\n",
      'a: 1\r\nb: 2\r\n',
      'a:\tb\n',
      'a: 1\na: 2\n',
      '- a\n- b\n',
      '  a: 1\n',
      'a: [b, [c]]\n',
      '%YAML 1.2\n---\na: 1\n',
      'ch:\n  - a: 1\n    # trailing\nb: 2\n',
      '',
      '# only a comment\n',
    ];
    for (const y of outside) assert.equal(fastParseDocument(y, { ...FRONT_MATTER_YAML_OPTIONS }), undefined, JSON.stringify(y));
  });

  it('reads the subset with the schema: numbers, booleans, null, quoted text stay as yaml reads them', () => {
    const y = 'a: 1\nb: 0x1F\nc: 1.50\nd: true\ne: ~\nf:\ng: "01"\nh: \'2026-01-02\'\ni: 2026-01-02\nj: [GP, 59, .5]\nk:\n  - code: 97760\n    units: 2\n';
    assert.ok(compare(y, 'scalars'));
    const doc = parseYaml(y);
    assert.deepEqual(doc.toJS(), { a: 1, b: 31, c: 1.5, d: true, e: null, f: null, g: '01', h: '2026-01-02', i: '2026-01-02', j: ['GP', 59, 0.5], k: [{ code: 97760, units: 2 }] });
  });
});
