/**
 * The CLI's output formats: text grouped by file with a per-rule summary, --quiet,
 * --max-warnings, JUnit XML (parsed with a strict XML parser), SARIF (validated against the
 * OASIS 2.1.0 schema, test/schemas/), and file names that try to forge rows or colours.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { main } from '../../server/src/cli/main';
import type { Row } from '../../server/src/cli/report';
import { REPO_ROOT } from '../helpers/paths';
import { CLEAN, DRAFT, NO_MODIFIER, run, tempDir } from './helpers';

/** One warning (missing-instruction-elements: no safety instruction), no error. */
const NO_SAFETY = CLEAN.replace(/^Safety:.*\n/m, '');
/** Two errors (modifier, credentials) and one warning. */
const MIXED = NO_MODIFIER.replace(/^Safety:.*\n/m, '')
  .replace('Signed: Alex Rivera, PT, DPT', 'Signed: Alex Rivera')
  .replace('MRN-004211', 'MRN-777');

/** Runs main() in this process with a terminal of `columns` columns; returns stdout. */
async function inProcess(args: string[], cwd: string, columns?: number): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), cwd, color: false, columns });
  return { code, out, err };
}

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

/** Parses XML strictly (saxes: XML 1.0 well-formedness, characters included); throws on any error. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const el: XmlElement = { name: tag.name, attributes: tag.attributes, text: '', children: [] };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  assert.ok(root, 'a root element');
  return root;
}

describe('tnote check: text output', () => {
  it('groups findings by file, one short row each, then findings by rule and a total', () => {
    const dir = tempDir({ 'b.tnote': MIXED, 'a.tnote': NO_SAFETY, 'clean.tnote': CLEAN.replace('MRN-004211', 'MRN-1') });
    const r = run(['check', '.'], dir);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    // Each file once, as a heading, its rows indented below it; a clean file has no heading.
    assert.deepEqual(
      lines.filter((l) => /^\S/.test(l) && l.endsWith('.tnote')),
      ['a.tnote', 'b.tnote'],
    );
    const rowsOfB = lines.slice(lines.indexOf('b.tnote') + 1, lines.indexOf('', lines.indexOf('b.tnote')));
    assert.equal(rowsOfB.length, 3, rowsOfB.join('\n'));
    for (const row of rowsOfB) assert.match(row, /^ {2}\d+:\d+ +(error|warning) {2,}\S.* {2}[a-z0-9-]+$/);
    // Rule ids line up in one column within a file.
    const ruleColumn = rowsOfB.map((row) => row.search(/[a-z0-9-]+$/));
    assert.equal(new Set(ruleColumn).size, 1, rowsOfB.join('\n'));
    // Findings by rule: most errors first.
    const summary = lines.slice(lines.indexOf('Findings by rule') + 1, lines.indexOf('', lines.indexOf('Findings by rule')));
    assert.deepEqual(
      summary.map((l) => l.trim().split(/\s{2,}/)),
      [
        ['missing-discipline-modifier', '1 error'],
        ['missing-signature-credentials', '1 error'],
        ['missing-instruction-elements', '2 warnings'],
      ],
    );
    const fixable = (JSON.parse(run(['check', '--format', 'json', '.'], dir).stdout) as Row[]).filter((x) => x.fixable).length;
    assert.ok(fixable > 0);
    assert.equal(lines.at(-2), `2 errors, 2 warnings, 0 infos in 3 files checked (${fixable} fixable with --fix)`);
  });

  it('shortens long messages to 100 characters (not a terminal) with the full text in JSON', () => {
    const dir = tempDir({ 'a.tnote': NO_SAFETY });
    const json = JSON.parse(run(['check', '--format', 'json', 'a.tnote'], dir).stdout) as Row[];
    const long = json.find((x) => x.rule === 'missing-instruction-elements')!;
    assert.ok(long.message.length > 100, 'the fixture message is long');
    const row = run(['check', 'a.tnote'], dir)
      .stdout.split('\n')
      .find((l) => l.endsWith('missing-instruction-elements'))!;
    const shown = row.replace(/^ {2}\S+ {2}warning {2}/, '').replace(/ +missing-instruction-elements$/, '');
    assert.ok(shown.length <= 100 && shown.endsWith('…'), shown);
    assert.ok(long.message.startsWith(shown.slice(0, -1).trimEnd()), 'the start of the full message, cut at a word');
  });

  it('fits rows to the terminal width', async () => {
    const dir = tempDir({ 'b.tnote': MIXED });
    for (const columns of [80, 120]) {
      const { out } = await inProcess(['check', 'b.tnote'], dir, columns);
      const rows = out.split('\n').filter((l) => /^ {2}\d+:\d+/.test(l));
      assert.equal(rows.length, 3);
      for (const row of rows) assert.ok(row.trimEnd().length <= columns, `${row.length} > ${columns}: ${row}`);
    }
  });

  it('--quiet reports errors only; the exit status is unchanged', () => {
    const dir = tempDir({ 'b.tnote': MIXED, 'a.tnote': NO_SAFETY });
    const text = run(['check', '--quiet', '.'], dir);
    assert.equal(text.code, 1);
    assert.doesNotMatch(text.stdout, /warning {2}|a\.tnote/);
    assert.match(text.stdout, /^2 errors in 2 files checked/m);
    const json = JSON.parse(run(['check', '-q', '--format', 'json', '.'], dir).stdout) as Row[];
    assert.deepEqual([...new Set(json.map((x) => x.severity))], ['error']);
    assert.equal(json.length, 2);
    const onlyWarnings = run(['check', '--quiet', 'a.tnote'], dir);
    assert.equal(onlyWarnings.code, 0);
    assert.match(onlyWarnings.stdout, /^0 errors in 1 file checked/m);
  });

  it('--max-warnings N: exit 1 when more than N warnings, 0 when N or fewer; a bad N is bad usage', () => {
    const dir = tempDir({ 'a.tnote': NO_SAFETY, 'c.tnote': NO_SAFETY.replace('MRN-004211', 'MRN-2') });
    assert.equal(run(['check', '.'], dir).code, 0, 'warnings alone pass');
    const over = run(['check', '--max-warnings', '1', '.'], dir);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /2 warnings found, more than --max-warnings 1 allows/);
    assert.equal(run(['check', '--max-warnings=2', '.'], dir).code, 0);
    assert.equal(run(['check', '--max-warnings', '0', '--quiet', '.'], dir).code, 1, 'warnings count even when --quiet hides them');
    for (const bad of ['-1', 'many', '1.5']) assert.equal(run(['check', `--max-warnings=${bad}`, '.'], dir).code, 2, bad);
    assert.equal(run(['check', '.', '--max-warnings'], dir).code, 2, 'a missing N');
  });
});

describe('tnote check --format junit', () => {
  it('is well-formed JUnit XML: a suite per note, a failure per error or warning, a passing case for a clean note', () => {
    const dir = tempDir({ 'b.tnote': MIXED, 'clean.tnote': CLEAN.replace('MRN-004211', 'MRN-1'), 'draft.tnote': DRAFT });
    const r = run(['check', '--format', 'junit', '.'], dir);
    assert.equal(r.code, 1, r.stderr);
    const root = parseXml(r.stdout);
    assert.equal(root.name, 'testsuites');
    assert.deepEqual(
      root.children.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures]),
      [
        ['b.tnote', '3', '3'],
        ['clean.tnote', '1', '0'],
        ['draft.tnote', '1', '0'], // a draft's to-do items are infos, not failures
      ],
    );
    assert.equal(root.attributes.failures, '3');
    assert.equal(root.attributes.tests, '5');
    const failures = root.children[0].children.map((c) => c.children[0]);
    assert.deepEqual(
      failures.map((f) => [f.name, f.attributes.type]),
      [
        ['failure', 'error'],
        ['failure', 'warning'],
        ['failure', 'error'],
      ],
    );
    const json = JSON.parse(run(['check', '--format', 'json', 'b.tnote'], dir).stdout) as Row[];
    assert.deepEqual(
      failures.map((f) => f.attributes.message),
      json.map((x) => x.message),
      'full messages',
    );
    assert.equal(root.children[0].children[0].attributes.name, `${json[0].rule} (${json[0].line}:${json[0].column})`);
  });

  it('escapes markup and control characters in file names', function () {
    if (process.platform === 'win32') this.skip();
    const name = 'a&b <c> "d" \'e\' ]]> \x1b[31m\x07.tnote';
    const dir = tempDir({ [name]: NO_MODIFIER });
    const r = run(['check', '--format', 'junit', '.'], dir);
    assert.equal(r.code, 1, r.stderr);
    const root = parseXml(r.stdout); // saxes refuses raw control characters and bad markup
    const suite = root.children[0];
    assert.equal(suite.attributes.name, 'a&b <c> "d" \'e\' ]]> \\x1b[31m\\x07.tnote');
    assert.match(suite.children[0].children[0].text, /^error at a&b <c> "d" 'e' \]\]> \\x1b\[31m\\x07\.tnote:10:11: /);
  });
});

describe('tnote check --format sarif', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
  const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

  function sarifOf(dir: string, args: string[]) {
    const r = run(['check', '--format', 'sarif', ...args], dir);
    const log = JSON.parse(r.stdout);
    const valid: boolean = validate(log); // (not a type guard here: `log` stays as parsed)
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    return { r, log };
  }

  it('validates against the SARIF 2.1.0 schema (the schema itself refuses a bad log)', () => {
    const dir = tempDir({ 'b.tnote': MIXED, 'draft.tnote': DRAFT, '.tnoterc.yaml': 'colour: red\n' });
    const { r, log } = sarifOf(dir, ['.']);
    assert.equal(r.code, 2, 'the bad config');
    assert.ok(log.runs[0].results.length > 5);
    assert.ok(log.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'config-invalid'));
    // The validator is not vacuous: a space in a URI or a level SARIF does not know is refused.
    const broken = JSON.parse(r.stdout);
    broken.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a b.tnote';
    assert.equal(validate(broken), false);
    const badLevel = JSON.parse(r.stdout);
    badLevel.runs[0].results[0].level = 'info';
    assert.equal(validate(badLevel), false);
  });

  it('each rule has helpUri to its page and its full help embedded as markdown', () => {
    const dir = tempDir({ 'b.tnote': MIXED });
    const { log } = sarifOf(dir, ['b.tnote']);
    const rules = log.runs[0].tool.driver.rules as { id: string; helpUri: string; help: { text: string; markdown: string } }[];
    assert.deepEqual(
      rules.map((x) => x.id),
      ['missing-discipline-modifier', 'missing-instruction-elements', 'missing-signature-credentials'],
    );
    for (const rule of rules) {
      assert.equal(rule.helpUri, `${repo}/blob/main/docs/rules/${rule.id}.md`);
      const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8');
      // The page as shipped, with its relative links made absolute (so they work outside this repository).
      const expected = doc.replace(/\]\((?![a-z]+:|#)([^)\s]+)\)/g, (_m, target: string) => `](${new URL(target, rule.helpUri).href})`);
      assert.equal(rule.help.markdown, expected);
      assert.doesNotMatch(rule.help.markdown, /\]\(\.\.\//);
      assert.ok(rule.help.text.includes(rule.helpUri));
    }
    assert.match(rules[0].help.markdown, new RegExp(`\\]\\(${repo.replace(/\./g, '\\.')}/blob/main/docs/sources\\.md\\)`));
  });

  it('percent-encodes artifact URIs: #, ?, %, spaces and non-ASCII; absolute paths as file: URIs', function () {
    if (process.platform === 'win32') this.skip();
    const names = ['a #1.tnote', 'b?x=1.tnote', 'c%41.tnote', 'dé 😀.tnote', 'sub dir/e.tnote'];
    const dir = tempDir(Object.fromEntries(names.map((n, i) => [n, NO_MODIFIER.replace('MRN-004211', `MRN-${i}`)])));
    const { log } = sarifOf(dir, ['.']);
    const uris = [
      ...new Set(log.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri)),
    ];
    assert.deepEqual(uris.sort(), ['a%20%231.tnote', 'b%3Fx%3D1.tnote', 'c%2541.tnote', 'd%C3%A9%20%F0%9F%98%80.tnote', 'sub%20dir/e.tnote']);
    for (const [i, n] of names.entries()) assert.equal(decodeURIComponent((uris as string[]).sort()[i]), [...names].sort()[i], n);
    assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(dir).href + '/');
    // A note outside the current folder: an absolute file: URI.
    const outside = sarifOf(path.join(dir, 'sub dir'), [path.join(dir, 'a #1.tnote')]).log;
    const loc = outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.equal(loc.uri, pathToFileURL(path.join(dir, 'a #1.tnote')).href);
    assert.match(loc.uri, /^file:\/\/\/.*a%20%231\.tnote$/);
    assert.equal(loc.uriBaseId, undefined);
  });
});

describe('tnote check: file names cannot forge output', () => {
  it('escapes ESC, BEL, CR and LF in file names, in rows and on stderr', function () {
    if (process.platform === 'win32') this.skip();
    const forged = 'x\x1b[32m\x07\r\nclean.tnote\n  1:1  error    forged  fake-rule\n.tnote';
    const dir = tempDir({ [forged]: NO_MODIFIER, [`bin\x1b]0;title\x07.tnote`]: Buffer.from([0, 1, 2]) });
    const r = run(['check', '.'], dir);
    assert.equal(r.code, 2);
    for (const [stream, text] of [
      ['stdout', r.stdout],
      ['stderr', r.stderr],
    ]) {
      // eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
      assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f]/, `${stream} holds a raw control character`);
    }
    assert.doesNotMatch(r.stdout, /^\s*1:1 {2}error {4}forged/m, 'no forged row');
    assert.ok(r.stdout.split('\n').includes('x\\x1b[32m\\x07\\r\\nclean.tnote\\n  1:1  error    forged  fake-rule\\n.tnote'), r.stdout);
    assert.match(r.stderr, /^tnote: bin\\x1b\]0;title\\x07\.tnote: looks like a binary file/m);
  });

  it('a path that starts with "-" is checked after `--`; before it, a clear message', () => {
    const dir = tempDir({ '-x.tnote': NO_MODIFIER });
    const r = run(['check', '--format', 'json', '--', '-x.tnote'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual([...new Set((JSON.parse(r.stdout) as Row[]).map((x) => x.file))], ['-x.tnote']);
    const bare = run(['check', '-x.tnote'], dir);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /unknown option -x\.tnote \(a path that starts with "-" goes after `--`: tnote check -- -x\.tnote\)/);
  });
});
