/**
 * The LSP layer's runtime ({@link LspRuntime}) in a web worker: a URI with a workspace folder's
 * scheme and authority maps to its decoded path and back (see workspaceUris.ts; without `uris`,
 * no URI maps to a file), paths are `/`-separated strings, rule pages are found in the extension
 * (its URI comes from the client).
 */
import type { LspRuntime } from '../lsp/runtime';
import { dirnamePosix, normalizePosix, resolvePosix } from './posixPaths';
import type { WorkspaceUris } from './workspaceUris';

export function browserRuntime(extensionUri: string | undefined, uris?: WorkspaceUris): LspRuntime {
  return {
    uriToPath: (uri) => uris?.toPath(uri),
    pathToUri: (p) => (uris ? uris.toUri(p) : `file://${encodeURI(p)}`),
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
