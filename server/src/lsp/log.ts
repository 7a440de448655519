/**
 * Logging that never carries note content: only handler names, URIs, rule ids and counts.
 * Error messages can quote the note (YAML errors do), so only the error's class and stack frames
 * are logged, never its message.
 */
import type { Connection } from 'vscode-languageserver';

export interface Logger {
  /** Detail for diagnosing the server (a line per check): sent only while the client traces the server (`$/setTrace`, in VS Code `tnote.trace.server`). */
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLogger(connection: Connection): Logger {
  return {
    debug: (m) => connection.tracer.log(m),
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
}

/** A description of an error without its message (which may quote the note). */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 8);
  return [err.name, ...frames].join('\n');
}

/**
 * Runs a handler; on an exception logs it (without note content) and returns `fallback`, so one
 * bad document never takes the server down.
 */
export function guard<T>(log: Logger, what: string, uri: string | undefined, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (err) {
    log.error(`${what} failed${uri ? ` for ${uri}` : ''}: ${describeError(err)}`);
    return fallback;
  }
}

export async function guardAsync<T>(log: Logger, what: string, uri: string | undefined, fallback: T, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    log.error(`${what} failed${uri ? ` for ${uri}` : ''}: ${describeError(err)}`);
    return fallback;
  }
}
