// @ts-check
/**
 * ESLint flat config: `npm run lint` (with `--max-warnings 0`: every rule here is an error or off).
 * What it enforces beyond the recommended sets, and why, is listed in docs/code-health.md.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

/** Imports of the VS Code API or of the LSP libraries (any `vscode*` package). */
const VSCODE_PACKAGES = {
  group: ['vscode', 'vscode/**', 'vscode-*', 'vscode-*/**'],
  message: 'The engine is pure: no VS Code or LSP imports (issue 9; the adapters in server/src/lsp and server/src/cli translate).',
};

export default defineConfig(
  {
    ignores: ['out/**', 'dist/**', '.cache/**', 'test-results/**', 'bench/results/**', 'test/fixtures/**', '.vscode-test/**', 'coverage/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error', reportUnusedInlineConfigs: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  regexp.configs['flat/recommended'],
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      // Undefined names are the type checker's job (tsc for the TypeScript, checkJs for the JS).
      'no-undef': 'off',
      // `_name` marks a parameter kept for the signature (callbacks, positional arguments).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // `import x = require('x')` is TypeScript's typed CommonJS import (mocha in the VS Code suite).
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      // YAML scalar values are typed `unknown` by the yaml library but are strings, numbers or
      // booleans (core schema); String(value) on them is intended.
      '@typescript-eslint/no-base-to-string': 'off',
      // Some async functions keep a Promise-returning API without awaiting anything yet.
      '@typescript-eslint/require-await': 'off',
      // Runtime import cycles (type-only imports have no runtime effect and are not followed).
      'import-x/no-cycle': 'error',
      // Passing plain functions such as path.join or a destructured callback is the style here; the
      // engine has no classes whose methods rely on `this` being rebound.
      '@typescript-eslint/unbound-method': 'off',
      // Style only, and noisy here: `[A-Za-z]` instead of the `i` flag, groups kept for readability,
      // `[0-9]` next to `[0-9A-Z]`.
      'regexp/use-ignore-case': 'off',
      'regexp/no-unused-capturing-group': 'off',
      'regexp/prefer-d': 'off',
    },
  },
  {
    // Product code reads untrusted note text: also no quadratic scans (an unanchored pattern
    // retried from every position of a long line, e.g. `/[\w.-]*$/`).
    files: ['server/src/**', 'client/src/**', 'shared/**'],
    rules: { 'regexp/no-super-linear-move': 'error' },
  },
  {
    // Tests read JSON from the CLI and the server (`any`) and assert on it.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The JS (bench/, scripts/, test/e2e/, bin/) is CommonJS for Node, type-checked by tsconfig.js.json.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
  {
    files: ['server/src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            VSCODE_PACKAGES,
            { regex: '^(\\.\\./)+(lsp|cli)(/|$)', message: 'The engine must not depend on its adapters (server/src/lsp, server/src/cli).' },
            { regex: '(^|/)shared/protocol$', message: 'The LSP protocol module is for the adapters, not the engine.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+engine/(?!index$)', message: 'Adapters import the engine only through server/src/engine/index.ts (its public API).' },
            { regex: '^(\\.\\./)+lsp(/|$)', message: 'The CLI and the language server are separate adapters: what both need belongs in the engine.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/lsp/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+engine/(?!index$)', message: 'Adapters import the engine only through server/src/engine/index.ts (its public API).' },
            { regex: '^(\\.\\./)+cli(/|$)', message: 'The CLI and the language server are separate adapters: what both need belongs in the engine.' },
          ],
        },
      ],
    },
  },
  {
    // Imported by the client and the server: the protocol package only, nothing from either side.
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/**', 'vscode-languageclient', 'vscode-languageclient/**'],
              message: 'shared/ may use vscode-languageserver-protocol only.',
            },
            { regex: '^(\\.\\./)+(server|client)(/|$)', message: 'shared/ must not import from the client or the server.' },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+server(/|$)', message: 'The client talks to the server over LSP only; shared method names and types live in shared/protocol.ts.' }] },
      ],
    },
  },
);
