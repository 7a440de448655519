// @ts-check
// The check that keeps Node out of the browser bundles (dist/browser/*.js): run by bundle.js on
// every build, and by the mocha suite on the built files. A Node built-in module among a bundle's
// inputs, a `require` of anything but `vscode`, or a use of Node's globals (`process`, `Buffer`,
// `__dirname`, `setImmediate`) in the project's own sources that went into the bundle makes the
// build fail with the offending names. (Dependencies come in through their `browser` entries;
// some of them probe for `process` behind a `typeof` guard, which is fine.)
const fs = require('fs');
const path = require('path');
const { builtinModules } = require('module');

const NODE_ONLY = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const NODE_GLOBALS = /(?<![.\w$'`])(?:process\.(?:env|platform|cwd|on|exit|argv|versions|nextTick)|Buffer\.(?:from|alloc|isBuffer)|__dirname|__filename|setImmediate\()/g;

/**
 * @param {import('esbuild').Metafile | undefined} metafile esbuild's metafile of the build (optional)
 * @param {string} outfile the bundle
 * @param {string} root the folder the metafile's input paths are relative to
 * @returns {string[]} what is wrong, empty when the bundle is fine
 */
function checkBrowserBundle(metafile, outfile, root) {
  const problems = [];
  for (const input of Object.keys(metafile?.inputs ?? {})) {
    const spec = input.replace(/^.*node_modules\//, '');
    if (NODE_ONLY.has(input) || NODE_ONLY.has(spec.split('/')[0])) problems.push(`imports the Node module ${input}`);
  }
  for (const input of Object.keys(metafile?.inputs ?? {})) {
    if (input.includes('node_modules/') || !/\.[cm]?[jt]s$/.test(input)) continue;
    const source = fs.readFileSync(path.resolve(root, input), 'utf8').replace(/^\s*(?:\/\/|\*|\/\*).*$/gm, '');
    for (const m of new Set([...source.matchAll(NODE_GLOBALS)].map((x) => x[0]))) problems.push(`${input} uses Node's ${m.replace(/\($/, '')}`);
  }
  for (const [out, info] of Object.entries(metafile?.outputs ?? {})) {
    for (const imp of info.imports ?? []) if (imp.path !== 'vscode') problems.push(`${out} leaves ${imp.path} to be loaded at run time`);
  }
  const text = fs.readFileSync(outfile, 'utf8');
  for (const m of new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((x) => x[1]))) {
    if (m !== 'vscode') problems.push(`requires "${m}"`);
  }
  return problems;
}

module.exports = { checkBrowserBundle };
