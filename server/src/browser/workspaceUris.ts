/**
 * How the web-worker server names files: the engine works on path strings (engine/fs.ts), the
 * browser on URIs of any scheme (`vscode-vfs://github/owner/repo/…`, `vscode-remote://host/…`,
 * `vscode-test-web://mount/…`). A file's path here is its URI's path, decoded (`/owner/repo/a b.tnote`);
 * the scheme and authority are kept with the workspace folder the path lies in, so a path turns
 * back into the URI it came from. Only URIs with the scheme and authority of a workspace folder
 * have a path; a path in no workspace folder is not read ({@link WorkspaceUris.inWorkspace}).
 *
 * Limits: two workspace folders with the same path on different schemes or authorities share the
 * path space (the longest matching folder wins); there is no case folding.
 */
import { normalizePosix } from './posixPaths';

interface Parsed {
  /** `scheme://authority`, the scheme in lower case. */
  origin: string;
  /** The decoded, normalized path (`/` for none). */
  path: string;
}

const URI = /^([a-z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)/i;

/** The origin and decoded path of a URI, or undefined when it is not one. */
export function parseUri(uri: string): Parsed | undefined {
  const m = URI.exec(uri);
  if (!m) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(m[3]);
  } catch {
    return undefined;
  }
  return { origin: `${m[1].toLowerCase()}://${m[2] ?? ''}`, path: normalizePosix(path.startsWith('/') ? path : `/${path}`) };
}

/** A path's segments percent-encoded (the inverse of {@link parseUri}'s decoding). */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

function within(path: string, root: string): boolean {
  return path === root || root === '/' || path.startsWith(`${root}/`);
}

export class WorkspaceUris {
  private folders: Parsed[] = [];

  /** The workspace folders' URIs (at initialize and whenever they change). */
  setFolders(uris: readonly string[]): void {
    this.folders = uris.map(parseUri).filter((f): f is Parsed => !!f);
  }

  /** The path of a URI with a workspace folder's scheme and authority; undefined for any other URI. */
  toPath(uri: string): string | undefined {
    const p = parseUri(uri);
    return p && this.folders.some((f) => f.origin === p.origin) ? p.path : undefined;
  }

  /** The workspace folder a path lies in (the innermost one), if any. */
  private folderOf(path: string): Parsed | undefined {
    const n = normalizePosix(path);
    return this.folders.filter((f) => within(n, f.path)).sort((a, b) => b.path.length - a.path.length)[0];
  }

  /** True when the path lies in a workspace folder (only such files are read). */
  inWorkspace(path: string): boolean {
    return !!this.folderOf(path);
  }

  /** The URI of a path: with its workspace folder's scheme and authority (else the first folder's; `file:` without folders). */
  toUri(path: string): string {
    const n = normalizePosix(path);
    const origin = (this.folderOf(n) ?? this.folders[0])?.origin ?? 'file://';
    return `${origin}${encodePath(n)}`;
  }
}
