/**
 * What the LSP layer needs from its host besides the file access: turning URIs into the
 * file access's paths and back, a few path operations, where rule pages live, and a way to let
 * other work run. The Node build installs one on `fs`/`path`/`url` (server/src/node/nodeRuntime.ts),
 * the web-worker build one on plain URL strings (server/src/browser/browserRuntime.ts), so nothing
 * in server/src/lsp imports a Node module. `startServer` installs the runtime it is given.
 */
export interface LspRuntime {
  /** The file-access path of a URI, or undefined when the file access cannot read that URI. */
  uriToPath(uri: string): string | undefined;
  /** The URI of a file-access path (the inverse of {@link uriToPath}). */
  pathToUri(path: string): string;
  /**
   * The comparison key of a path's URI (what `uriKey(pathToUri(path))` gives), by a faster route
   * where the host has one (Node: a plain absolute path is its own key). Optional.
   */
  pathKey?(path: string): string;
  basename(path: string): string;
  /** `to` relative to folder `from`. */
  relative(from: string, to: string): string;
  isAbsolute(path: string): boolean;
  join(...parts: string[]): string;
  dirname(path: string): string;
  resolve(dir: string, path: string): string;
  /** The folder an untitled note is taken to be in when there is no workspace folder. */
  defaultFolder(): string;
  /** Paths that differ only in case are the same file (Windows). */
  caseInsensitivePaths: boolean;
  /** The URI of a rule's documentation page, from its path in the package (`docs/rules/<id>.md`). */
  docsUri(packagePath: string): string;
  /** Resolves after other pending work (messages, timers) had a turn. */
  yieldToEventLoop(): Promise<void>;
  /**
   * The server's own files in the storage folder the client gives (`initializationOptions.storagePath`),
   * such as the saved workspace index; absent where the host cannot write files (web worker).
   */
  storage?: LspStorage;
}

/** Files the server keeps for itself (never note text) in a folder of its own. */
export interface LspStorage {
  /**
   * Identifies the running build (version and bundle), so that what an older or newer build saved
   * is not taken for its own.
   */
  readonly build: string;
  /**
   * The text of `name` in `folder`; undefined when there is none. Rejects when it is not a regular
   * file or is larger than `maxBytes`.
   */
  read(folder: string, name: string, maxBytes: number): Promise<string | undefined>;
  /** Writes `name` in `folder` atomically (a temporary file renamed over it), creating the folder; readable by the user only. */
  write(folder: string, name: string, text: string): Promise<void>;
}

let installed: LspRuntime | undefined;

export function installRuntime(r: LspRuntime): void {
  installed = r;
}

export function runtime(): LspRuntime {
  if (!installed) throw new Error('tnote: no LSP runtime installed (startServer installs it)');
  return installed;
}
