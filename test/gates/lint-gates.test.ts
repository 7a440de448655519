/**
 * The lint gate (`npm run lint`, run by CI) fails on what issue 9 forbids. Each case lints the text
 * of a real source file with one deliberate change, at that file's own path and with the repository's
 * eslint.config.mjs, and expects an error from the rule that guards it; the unchanged file is linted
 * too and must be clean of that rule, so the error comes from the change.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { REPO_ROOT } from '../helpers/paths';

const ENGINE_LEAF = 'server/src/engine/text.ts'; // imports nothing; lint.ts and index.ts reach it
const ADAPTER = 'server/src/cli/report.ts'; // imports only the engine's public API

describe('lint gate: what issue 9 forbids fails `npm run lint`', function () {
  this.timeout(120_000); // the first lint builds the TypeScript program (a few seconds)
  let eslint: ESLint;

  before(() => {
    eslint = new ESLint({ cwd: REPO_ROOT });
  });

  async function lint(file: string, text: string): Promise<Linter.LintMessage[]> {
    const [result] = await eslint.lintText(text, { filePath: path.join(REPO_ROOT, file) });
    return result.messages;
  }

  /** Errors of `rule` in `file` changed by `change`, after checking the unchanged file has none. */
  async function errorsAfter(file: string, rule: string, change: (text: string) => string): Promise<Linter.LintMessage[]> {
    const original = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    const before = (await lint(file, original)).filter((m) => m.ruleId === rule || m.fatal);
    assert.deepEqual(before, [], `${file} as committed already has ${rule} findings`);
    const changed = change(original);
    assert.notEqual(changed, original);
    return (await lint(file, changed)).filter((m) => m.ruleId === rule || m.fatal);
  }

  const appended = (line: string) => (text: string) => `${text}\n${line}\n`;
  const prepended = (lines: string) => (text: string) => `${lines}\n${text}`;
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('an unused variable', async () => {
    const errors = await errorsAfter(ENGINE_LEAF, '@typescript-eslint/no-unused-vars', appended('const probeUnused = 1;'));
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].severity, 2);
    assert.match(errors[0].message, /probeUnused/);
  });

  it('a runtime import cycle inside the engine (text.ts -> lint.ts -> ... -> text.ts)', async () => {
    const errors = await errorsAfter(ENGINE_LEAF, 'import-x/no-cycle', prepended("import { lintText } from './lint';\nexport const probeCycle = lintText;"));
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].severity, 2);
    assert.equal(errors[0].line, 1);
    assert.match(errors[0].message, /Dependency cycle/);
  });

  it('a direct cycle through the public API (text.ts -> index.ts -> text.ts)', async () => {
    const errors = await errorsAfter(ENGINE_LEAF, 'import-x/no-cycle', prepended("import './index';"));
    assert.equal(errors.length, 1, JSON.stringify(errors));
  });

  it('vscode and LSP imports in the engine', async () => {
    const probe = "import 'vscode';\nimport 'vscode-languageserver/node';\nimport { TextDocument } from 'vscode-languageserver-textdocument';\nexport type Probe = TextDocument;";
    const errors = await errorsAfter(ENGINE_LEAF, 'no-restricted-imports', prepended(probe));
    assert.deepEqual(
      errors.map((e) => [e.line, e.severity]),
      [
        [1, 2],
        [2, 2],
        [3, 2],
      ],
    );
    assert.match(errors[0].message, /engine is pure/);
  });

  it('an adapter importing engine internals instead of engine/index.ts', async () => {
    const probe = "import { parseNote as probeDeep } from '../engine/parse/note';\nimport { parseNote as probePublic } from '../engine';\nexport const probe = [probeDeep, probePublic];";
    const errors = await errorsAfter(ADAPTER, 'no-restricted-imports', prepended(probe));
    assert.deepEqual(
      errors.map((e) => [e.line, e.severity]),
      [[1, 2]],
      'only the deep import is an error; the public API is allowed',
    );
  });

  it('the CLI importing the language server, and the language server importing the CLI', async () => {
    const fromCli = await errorsAfter(
      'server/src/cli/cache.ts',
      'no-restricted-imports',
      prepended("import { WorkspaceIndex as probeIndex } from '../lsp/workspaceIndex';\nexport const probe = probeIndex;"),
    );
    assert.deepEqual(
      fromCli.map((e) => [e.line, e.severity]),
      [[1, 2]],
    );
    const fromLsp = await errorsAfter(
      'server/src/lsp/persistedIndex.ts',
      'no-restricted-imports',
      prepended("import { checkFiles as probeCheck } from '../cli/checkFiles';\nexport const probe = probeCheck;"),
    );
    assert.deepEqual(
      fromLsp.map((e) => [e.line, e.severity]),
      [[1, 2]],
    );
  });

  it('regular expressions that backtrack or scan quadratically', async () => {
    const probe = 'export const probeBacktrack = /^\\s*-?\\s*min$/;\nexport const probeMove = /\\s*,\\s*$/;';
    const text = fs.readFileSync(path.join(REPO_ROOT, ENGINE_LEAF), 'utf8');
    const messages = await lint(ENGINE_LEAF, `${text}\n${probe}\n`);
    const changed = `${text}\n${probe}\n`;
    const found = messages.filter((m) => m.ruleId?.startsWith('regexp/no-super-linear')).map((m) => [m.ruleId, m.line, m.severity]);
    assert.deepEqual(found, [
      ['regexp/no-super-linear-backtracking', lineOf(changed, 'probeBacktrack'), 2],
      ['regexp/no-super-linear-move', lineOf(changed, 'probeMove'), 2],
    ]);
  });
});
