#!/usr/bin/env node
// @ts-check
// Bundles the extension client, the language server and the CLI with esbuild (type checking is
// `tsc -b`'s job). Output: dist/extension.js, dist/server.js, dist/cli.js.
const esbuild = require('esbuild');
const path = require('path');

const root = path.resolve(__dirname, '..');
const production = process.argv.includes('--production');
/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  // Some dependencies ship ESM that reads import.meta.url; give the CommonJS bundle a real one.
  define: { 'import.meta.url': '__tnoteImportMetaUrl' },
  banner: { js: "const __tnoteImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
]).catch((err) => {
  console.error(err.message ?? err);
  process.exit(1);
});
