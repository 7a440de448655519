// @ts-check
'use strict';
/**
 * Whether `tnote` runs its check in a second process with one V8 worker thread (issue 13). Kept
 * apart from bin/load-cli.js so that a process that only starts the second one loads nothing
 * else (Node's own os and child_process modules, on demand).
 */

/** Subcommands that check many notes: on a small machine they run in a process with one V8 worker thread. */
const HEAVY_COMMANDS = new Set(['check', 'report']);
/** The node options the user gave this process: on its command line and in NODE_OPTIONS. */
function userNodeOptions(execArgv = process.execArgv, env = process.env) {
  return `${execArgv.join(' ')} ${env.NODE_OPTIONS ?? ''}`;
}

/** Set in the process started by {@link smallPoolCommand} (never respawns again). */
const RESPAWNED = 'TNOTE_RESPAWNED';

/**
 * The command line to run this CLI again with `--v8-pool-size=1`, or undefined to run here
 * (issue 13). V8 runs its background work (the optimizing compiler, garbage-collection helpers)
 * on a pool of worker threads, 4 by default: on a machine with 2 cores those threads and the main
 * thread, which checks the notes, take turns, and a check of 10,000 notes takes ~10 % longer than
 * with one worker thread (measured on the 2-core bench and CI machine; the same CPU time, less
 * waiting). The pool size can only be given when Node starts, so `check` and `report` respawn
 * once on machines with at most 2 cores (~60 ms more for a run of a few notes). Not with
 * `--cache` (a run that mostly reads its cache gains nothing and would pay the respawn), not when
 * the user set a pool size (node options or NODE_OPTIONS), in the respawned process itself, or
 * with `TNOTE_V8_POOL=off`; `TNOTE_V8_POOL=N` asks for a pool of N threads on any machine.
 * @param {{ argv: string[], execArgv: string[], env: NodeJS.ProcessEnv, cores: number, script: string }} p
 * @returns {string[] | undefined} the node arguments, or undefined
 */
function smallPoolCommand({ argv, execArgv, env, cores, script }) {
  const setting = (env.TNOTE_V8_POOL ?? 'auto').trim().toLowerCase();
  if (env[RESPAWNED] || setting === 'off' || !HEAVY_COMMANDS.has(argv[0] ?? '')) return undefined;
  if (argv.includes('--help') || argv.includes('-h')) return undefined;
  // A --cache run mostly reads its cache (little for V8's compiler to do): one process is faster.
  if (argv.includes('--cache')) return undefined;
  if (/--v8-pool-size/.test(userNodeOptions(execArgv, env))) return undefined;
  const forced = /^[1-9]\d{0,2}$/.test(setting) ? Number(setting) : undefined;
  if (forced === undefined && (setting !== 'auto' || cores > 2)) return undefined;
  return [`--v8-pool-size=${forced ?? 1}`, ...execArgv, script, ...argv];
}

/**
 * Runs {@link smallPoolCommand}'s command line when there is one and returns true (this process
 * then only waits: signals are passed on, and the respawned process's exit status or signal
 * becomes this one's); false to run the CLI in this process.
 * @param {string} script the CLI script (bin/tnote.js)
 */
function respawnWithSmallPool(script) {
  const os = require('os');
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const args = smallPoolCommand({ argv: process.argv.slice(2), execArgv: process.execArgv, env: process.env, cores, script });
  if (!args) return false;
  const child = require('child_process').spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, [RESPAWNED]: '1' } });
  const forward = (/** @type {NodeJS.Signals} */ signal) => {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  };
  const signals = /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);
  for (const signal of signals) process.on(signal, forward);
  child.on('error', (err) => {
    for (const signal of signals) process.off(signal, forward);
    console.error(`tnote: could not start a checking process (${err.message})`);
    process.exitCode = 2;
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 2;
  });
  return true;
}

module.exports = { smallPoolCommand, respawnWithSmallPool, userNodeOptions };
