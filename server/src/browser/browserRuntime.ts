/**
 * The LSP layer's runtime ({@link LspRuntime}) in a web worker: no URI maps to a readable file
 * (see noFiles.ts), paths are `/`-separated strings, rule pages are found in the extension
 * (its URI comes from the client).
 */
import type { LspRuntime } from '../lsp/runtime';
import { dirnamePosix, normalizePosix, resolvePosix } from './noFiles';

export function browserRuntime(extensionUri: string | undefined): LspRuntime {
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
        return extensionUri ? new URL(packagePath, extensionUri.endsWith('/') ? extensionUri : `${extensionUri}/`).toString() : packagePath;
      } catch {
        return packagePath;
      }
    },
    // A macrotask: lets queued messages from the client be handled first.
    yieldToEventLoop: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  };
}
