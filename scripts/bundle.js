#!/usr/bin/env node
// @ts-check
// Bundles the extension client, the language server and the CLI with esbuild (type checking is
// `tsc -b`'s job). Output: dist/extension.js, dist/server.js, dist/cli.js for Node, and
// dist/browser/extension.js, dist/browser/server.js (a web worker) for VS Code in the browser, and
// the CLI's V8 code cache dist/cli.js.v8cache (scripts/cli-code-cache.js; bin/load-cli.js uses it).
// The browser bundles are checked: no Node built-in module may reach them (see browser-check.js).
const { execFileSync } = require('child_process');
const esbuild = require('esbuild');
const path = require('path');
const { checkBrowserBundle } = require('./browser-check');

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
/** @type {import('esbuild').BuildOptions} */
const browser = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  metafile: true,
};

/** @param {import('esbuild').BuildOptions} options */
async function browserBuild(options) {
  const result = await esbuild.build({ ...browser, ...options });
  const problems = checkBrowserBundle(result.metafile, path.join(root, String(options.outfile)), root);
  if (problems.length) throw new Error(`${options.outfile} must run in a browser, but:\n  ${problems.join('\n  ')}`);
}

Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  // The web extension host loads the client as CommonJS (`vscode` is its only import) …
  browserBuild({ entryPoints: ['client/src/browserExtension.ts'], outfile: 'dist/browser/extension.js', format: 'cjs', external: ['vscode'] }),
  // … and the client starts the server as a classic web worker script.
  browserBuild({ entryPoints: ['server/src/lsp/browserMain.ts'], outfile: 'dist/browser/server.js', format: 'iife' }),
])
  .then(() => {
    // The CLI's V8 code cache (dist/cli.js.v8cache), made in a fresh process: a short `tnote check` starts sooner.
    execFileSync(process.execPath, [path.join(__dirname, 'cli-code-cache.js')], { stdio: 'inherit', cwd: root });
  })
  .catch((err) => {
    console.error(err.message ?? err);
    process.exit(1);
  });
