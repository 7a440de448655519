// @ts-check
'use strict';
/**
 * Bundles the engine (server/src/engine/index.ts) with esbuild into a temp folder, with the same
 * options as scripts/bundle.js, so the engine benchmark never depends on a half-built `out/`.
 */
const path = require('path');
const fs = require('fs');
const os = require('os');

const root = path.resolve(__dirname, '..', '..');

async function bundleEngine(outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tnote-bench-engine-'))) {
  const esbuild = require('esbuild');
  const outfile = path.join(outDir, 'engine.js');
  await esbuild.build({
    entryPoints: [path.join(root, 'server/src/engine/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'silent',
    absWorkingDir: root,
    define: { 'import.meta.url': '__tnoteImportMetaUrl' },
    banner: { js: "const __tnoteImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
  return outfile;
}

module.exports = { bundleEngine, root };
