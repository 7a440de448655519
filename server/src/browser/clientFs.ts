/**
 * The file access of the web-worker server: every read is a request to the client
 * (`tnote/fs/*`, shared/protocol.ts), which answers with `vscode.workspace.fs`
 * (client/src/fileAccess.ts). Paths are mapped to URIs by {@link WorkspaceUris}; a path outside
 * the workspace folders is refused here without asking (`EINVAL`, with a message that says so),
 * so an absolute `icd10CodeFile` or `extends` path elsewhere shows that reason on the config file.
 *
 * What differs from the disk: there is no real path (a file's path is its identity: a note reached
 * through a link to it counts as a note of its own), and links to folders are not followed (the
 * client reports them as `other`: where they lead cannot be told, so a link back up the tree
 * would never end).
 */
import type { RequestType } from 'vscode-languageserver';
import { FsReadDirectoryRequest, FsReadFileRequest, FsStatRequest, type FsFailure } from '../../../shared/protocol';
import type { DirectoryEntry, FileAccess, FileStat, ReadFileOptions } from '../engine';
import { dirnamePosix, normalizePosix, resolvePosix } from './posixPaths';
import type { WorkspaceUris } from './workspaceUris';

/** Sends a request to the client (the connection's `sendRequest`). */
export type SendRequest = <P, R>(type: RequestType<P, R, void>, params: P) => Promise<R>;

/** Shown (in a config file's problems) for a file outside the workspace folders. */
export const OUTSIDE_WORKSPACE = 'is outside the workspace folders; in the browser only files inside the workspace can be read';

function failure(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

function isFailure(r: unknown): r is FsFailure {
  return !!r && typeof r === 'object' && typeof (r as FsFailure).error === 'string';
}

/** base64 → bytes (atob is a worker global). */
export function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function clientFileAccess(send: SendRequest, uris: WorkspaceUris): FileAccess {
  /** One request about a path in the workspace; a failure answer or a broken connection rejects. */
  const ask = async <P extends { uri: string }, R>(type: RequestType<P, R | FsFailure, void>, path: string, extra: Omit<P, 'uri'>): Promise<R> => {
    if (!uris.inWorkspace(path)) throw failure('EINVAL', OUTSIDE_WORKSPACE);
    let r: R | FsFailure;
    try {
      r = await send(type, { ...extra, uri: uris.toUri(path) } as P);
    } catch (e) {
      throw failure('EIO', `the editor did not answer (${e instanceof Error ? e.message : String(e)})`);
    }
    if (isFailure(r)) throw failure(r.error, typeof r.message === 'string' && r.message ? r.message : r.error);
    if (r === null || r === undefined) throw failure('EIO', 'the editor gave no answer');
    return r;
  };
  const stat = (path: string): Promise<FileStat> => ask(FsStatRequest.type, path, {});
  return {
    stat,
    async readFile(path: string, options: ReadFileOptions = {}): Promise<Uint8Array> {
      const r = await ask(FsReadFileRequest.type, path, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
      const bytes = fromBase64(r.base64);
      if (options.maxBytes !== undefined && bytes.length > options.maxBytes) throw failure('EFBIG', `larger than ${options.maxBytes} bytes`);
      return bytes;
    },
    async readDirectory(path: string): Promise<DirectoryEntry[]> {
      return (await ask(FsReadDirectoryRequest.type, path, {})).entries;
    },
    async realPath(path: string): Promise<string> {
      await stat(path); // rejects (ENOENT) when nothing is there, as on disk
      return normalizePosix(path);
    },
    join: (dir, name) => normalizePosix(`${dir}/${name}`),
    dirname: dirnamePosix,
    resolve: resolvePosix,
  };
}
