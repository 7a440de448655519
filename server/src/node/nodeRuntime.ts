/** The LSP layer's runtime ({@link LspRuntime}) on Node: file paths, `file:` URIs, the package on disk. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LspRuntime } from '../lsp/runtime';

/** The package root: the first folder at or above `start` with a package.json (dist/ → its parent). */
function findPackageRoot(start: string): string {
  for (let d = start; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return path.dirname(start);
  }
}

export function nodeRuntime(): LspRuntime {
  const packageRoot = findPackageRoot(__dirname);
  return {
    uriToPath(uri) {
      if (!uri.startsWith('file:')) return undefined;
      try {
        return fileURLToPath(uri);
      } catch {
        return undefined;
      }
    },
    pathToUri: (p) => pathToFileURL(p).toString(),
    basename: (p) => path.basename(p),
    relative: (from, to) => path.relative(from, to),
    isAbsolute: (p) => path.isAbsolute(p),
    join: (...parts) => path.join(...parts),
    dirname: (p) => path.dirname(p),
    resolve: (dir, p) => path.resolve(dir, p),
    defaultFolder: () => process.cwd(),
    caseInsensitivePaths: process.platform === 'win32',
    docsUri: (packagePath) => pathToFileURL(path.join(packageRoot, packagePath)).toString(),
    yieldToEventLoop: () => new Promise<void>((resolve) => setImmediate(resolve)),
  };
}
