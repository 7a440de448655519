/**
 * Reads a command line as options, for every `tnote` command: `--name value` or `--name=value`.
 */

/** One argument: `name` is the part before `=` of a `--name=value` (else the whole argument). */
export interface Arg {
  arg: string;
  name: string;
  /**
   * The option's value: what follows `=`, else the next argument (which is then consumed), unless
   * there is none or it starts with `valueStop` (an option, not a value). Undefined when missing.
   */
  value(): string | undefined;
}

export function* readArgs(argv: readonly string[], valueStop = '--'): Generator<Arg> {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    yield {
      arg: a,
      name: eq === -1 ? a : a.slice(0, eq),
      value: () => {
        if (eq !== -1) return a.slice(eq + 1) || undefined;
        const v = argv[i + 1];
        if (v === undefined || v.startsWith(valueStop)) return undefined;
        i++;
        return v;
      },
    };
  }
}
