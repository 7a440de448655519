#!/usr/bin/env node
// @ts-check
// Bundles the extension client, the language server and the CLI with esbuild (type checking is
// `tsc -b`'s job). Output: dist/extension.js, dist/server.js, dist/cli.js for Node, and
// dist/browser/extension.js, dist/browser/server.js (a web worker) for VS Code in the browser, and
// the CLI's V8 code cache dist/cli.js.v8cache (scripts/cli-code-cache.js; bin/load-cli.js uses it).
// The browser bundles are checked: no Node built-in module may reach them (see browser-check.js).
const { execFileSync } = require('child_process');
const esbuild = require('esbuild');
const fs = require('fs');
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

/**
 * fdir (under tinyglobby) looks for the picomatch package at run time, for a glob option of its own
 * that tinyglobby never uses: that lookup and load cost a short CLI run several milliseconds, so the
 * CLI bundle leaves them out (the build fails if fdir's code no longer reads as expected).
 * @type {import('esbuild').Plugin}
 */
const noFdirPicomatch = {
  name: 'no-fdir-picomatch',
  setup(build) {
    build.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const lookup = /try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/;
      if (!lookup.test(text)) throw new Error(`${args.path}: its picomatch lookup changed; update noFdirPicomatch in scripts/bundle.js`);
      return { contents: text.replace(lookup, ''), loader: 'js' };
    });
  },
};

/**
 * The CLI loads the yaml package when it first uses it, not at start-up: a warm `tnote check
 * --cache` run over notes without config files parses no YAML at all. Imports of `yaml` get a
 * stand-in with the same export names, each a getter that loads the real package.
 * @type {import('esbuild').Plugin}
 */
const lazyYaml = {
  name: 'lazy-yaml',
  setup(build) {
    const names = Object.keys(require('yaml'));
    build.onResolve({ filter: /^yaml$/ }, (args) => (args.namespace === 'lazy-yaml' ? undefined : { path: 'yaml', namespace: 'lazy-yaml' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-yaml' }, () => ({
      contents: [
        'let real;',
        "const load = () => real || (real = require('yaml'));",
        ...names.map((n) => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => load()[${JSON.stringify(n)}] });`),
      ].join('\n'),
      loader: 'js',
      resolveDir: root,
    }));
  },
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
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', plugins: [noFdirPicomatch, lazyYaml] }),
  // The web extension host loads the client as CommonJS (`vscode` is its only import) …
  browserBuild({ entryPoints: ['client/src/browserExtension.ts'], outfile: 'dist/browser/extension.js', format: 'cjs', external: ['vscode'] }),
  // … and the client starts the server as a classic web worker script.
  browserBuild({ entryPoints: ['server/src/lsp/browserMain.ts'], outfile: 'dist/browser/server.js', format: 'iife' }),
])
  .then(() => {
    // The CLI's V8 code cache (dist/cli.js.v8cache), made in a fresh process: a short `tnote check` starts sooner.
    // Not under coverage: the generator runs the bundle compiled from its own wrapped source, whose
    // offsets would not match the file and would be counted as other, unrun functions.
    // (Node copies the parent's NODE_V8_COVERAGE into a child's env unless the env names it.)
    const env = { ...process.env, NODE_V8_COVERAGE: '' };
    execFileSync(process.execPath, [path.join(__dirname, 'cli-code-cache.js')], { stdio: 'inherit', cwd: root, env });
  })
  .catch((err) => {
    console.error(err.message ?? err);
    process.exit(1);
  });
