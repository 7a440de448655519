/**
 * The LSP layer's runtime ({@link LspRuntime}) in a web worker: no URI maps to a readable file
 * (see noFiles.ts), paths are `/`-separated strings, rule pages are found next to the worker
 * script (dist/browser/server.js → docs/rules/…).
 */
import type { LspRuntime } from '../lsp/runtime';
import { dirnamePosix, normalizePosix, resolvePosix } from './noFiles';

export function browserRuntime(scriptUrl: string | undefined): LspRuntime {
  return {
    uriToPath: () => undefined,
    pathToUri: (p) => `file://${encodeURI(p)}`,
    basename: (p) => normalizePosix(p).split('/').pop() ?? '',
    relative(from, to) {
      const a = normalizePosix(from).split('/').filter(Boolean);
      const b = normalizePosix(to).split('/').filter(Boolean);
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
    },
    isAbsolute: (p) => p.startsWith('/'),
    join: (...parts) => normalizePosix(parts.join('/')),
    dirname: dirnamePosix,
    resolve: resolvePosix,
    defaultFolder: () => '/',
    caseInsensitivePaths: false,
    docsUri(packagePath) {
      try {
        return scriptUrl ? new URL(`../../${packagePath}`, scriptUrl).toString() : packagePath;
      } catch {
        return packagePath;
      }
    },
    // A macrotask: lets queued messages from the client be handled first.
    yieldToEventLoop: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  };
}
