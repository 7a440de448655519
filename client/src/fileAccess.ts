/**
 * The client's side of the web-worker server's file access (`tnote/fs/*`, shared/protocol.ts):
 * answers from `vscode.workspace.fs`, for URIs inside a workspace folder only. A file is read only
 * when `stat` says it is a regular file within the size limit (checked again on the bytes read).
 * No Node module and no `vscode` value is imported here: the file system and the URI functions are
 * passed in, so the browser entry and the tests (with a fake file system) use the same code.
 */
import { FsReadDirectoryRequest, FsReadFileRequest, FsStatRequest, type FsFailure, type FsParams, type FsReadFileParams, type FsStat } from '../../shared/protocol';

/** `vscode.FileType`'s values (stable API constants; bit flags). */
const FILE = 1;
const DIRECTORY = 2;
const SYMBOLIC_LINK = 64;

/** No file larger than this is ever sent, whatever the request says (the largest the server asks for is 32 MB). */
export const HARD_MAX_BYTES = 64 * 1024 * 1024;

/** What is used of `vscode.workspace.fs` (U: `vscode.Uri`). */
export interface WorkspaceFileSystem<U> {
  stat(uri: U): PromiseLike<{ type: number; size: number; mtime: number }>;
  readDirectory(uri: U): PromiseLike<[string, number][]>;
  readFile(uri: U): PromiseLike<Uint8Array>;
}

export interface FileAccessHost<U> {
  fs: WorkspaceFileSystem<U>;
  /** `vscode.Uri.parse` (may throw on a malformed URI). */
  parse(uri: string): U;
  /** True when the URI lies in a workspace folder (`vscode.workspace.getWorkspaceFolder`). */
  inWorkspace(uri: U): boolean;
}

/** `vscode.FileSystemError` codes (and Node's own) as errno-style codes. */
const CODES: Record<string, string> = {
  FileNotFound: 'ENOENT',
  EntryNotFound: 'ENOENT',
  FileIsADirectory: 'EISDIR',
  FileNotADirectory: 'ENOTDIR',
  NoPermissions: 'EACCES',
  Unavailable: 'EIO',
  FileExists: 'EEXIST',
};

function failed(e: unknown): FsFailure {
  const code = (e as { code?: unknown } | null)?.code;
  const error = typeof code === 'string' ? (CODES[code] ?? (/^E[A-Z]+$/.test(code) ? code : 'EIO')) : 'EIO';
  const message = error === 'ENOENT' ? 'not found' : error === 'EACCES' ? 'permission denied' : error === 'EISDIR' ? 'is a folder' : e instanceof Error && e.message ? e.message : error;
  return { error, message };
}

function kindOf(type: number): FsStat['kind'] {
  return type & DIRECTORY ? 'directory' : type & FILE ? 'file' : 'other';
}

/** Bytes → base64 (btoa exists in browsers, web workers and Node). */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** The three request handlers (see the module comment). */
export function fileAccessHandlers<U>(host: FileAccessHost<U>) {
  /** The URI of a request, when it is one inside a workspace folder. */
  const target = (params: Partial<FsParams> | null | undefined): U | FsFailure => {
    if (typeof params?.uri !== 'string') return { error: 'EINVAL', message: 'no URI given' };
    let uri: U;
    try {
      uri = host.parse(params.uri);
    } catch {
      return { error: 'EINVAL', message: 'not a URI' };
    }
    return host.inWorkspace(uri) ? uri : { error: 'EINVAL', message: 'is outside the workspace folders; in the browser only files inside the workspace can be read' };
  };
  const isFailure = (x: unknown): x is FsFailure => !!x && typeof x === 'object' && typeof (x as FsFailure).error === 'string';
  return {
    async stat(params: Partial<FsParams> | null): Promise<FsStat | FsFailure> {
      const uri = target(params);
      if (isFailure(uri)) return uri;
      try {
        const s = await host.fs.stat(uri);
        return { kind: kindOf(s.type), size: s.size, mtimeMs: s.mtime };
      } catch (e) {
        return failed(e);
      }
    },
    async readDirectory(params: Partial<FsParams> | null): Promise<{ entries: { name: string; kind: FsStat['kind'] }[] } | FsFailure> {
      const uri = target(params);
      if (isFailure(uri)) return uri;
      try {
        const entries = await host.fs.readDirectory(uri);
        // A link to a file is read as the file; a link to a folder is not followed.
        return { entries: entries.map(([name, type]) => ({ name, kind: type & SYMBOLIC_LINK && !(type & FILE) ? 'other' : kindOf(type) })) };
      } catch (e) {
        return failed(e);
      }
    },
    async readFile(params: Partial<FsReadFileParams> | null): Promise<{ base64: string } | FsFailure> {
      const uri = target(params);
      if (isFailure(uri)) return uri;
      const asked = params?.maxBytes;
      const max = typeof asked === 'number' && asked >= 0 ? Math.min(asked, HARD_MAX_BYTES) : HARD_MAX_BYTES;
      const tooLarge = { error: 'EFBIG', message: `larger than ${max} bytes` };
      try {
        const s = await host.fs.stat(uri);
        const kind = kindOf(s.type);
        if (kind === 'directory') return { error: 'EISDIR', message: 'is a folder' };
        if (kind !== 'file') return { error: 'EINVAL', message: 'is not a regular file' };
        if (s.size > max) return tooLarge;
        const bytes = await host.fs.readFile(uri);
        if (bytes.length > max) return tooLarge;
        return { base64: toBase64(bytes) };
      } catch (e) {
        return failed(e);
      }
    },
  };
}

/** What {@link registerFileAccess} needs of a language client. */
export interface RequestReceiver {
  onRequest(method: string, handler: (params: never) => unknown): { dispose(): void };
}

/** Answers the server's `tnote/fs/*` requests; returns what to dispose. */
export function registerFileAccess<U>(client: RequestReceiver, host: FileAccessHost<U>): { dispose(): void }[] {
  const h = fileAccessHandlers(host);
  return [
    client.onRequest(FsStatRequest.method, (p: FsParams) => h.stat(p)),
    client.onRequest(FsReadDirectoryRequest.method, (p: FsParams) => h.readDirectory(p)),
    client.onRequest(FsReadFileRequest.method, (p: FsReadFileParams) => h.readFile(p)),
  ];
}
