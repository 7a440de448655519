/**
 * Garbage-collector settings for a large `tnote check` (issue 12 item 9). bin/tnote.js keeps V8's
 * young generation small for every run; a run over many notes also caps how far the old
 * generation may grow between full collections. Its live heap grows with the number of notes
 * (~35 MB at 100,000), and V8's own factor (up to 4×) then takes the process past 200 MB; at 2×
 * it peaks at ~150 MB. Smaller runs keep V8's factor: their live heap is small, and capping it
 * there only costs CPU time (more full collections: ~5 % at 10,000 notes).
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** From this many notes on, the old generation may at most double between full collections. */
export const LARGE_RUN_NOTES = 30_000;

/**
 * The V8 settings for a check of `notes` notes: none for a smaller run, or when the user chose
 * heap growth settings of their own (`nodeOptions`: the process's node options and NODE_OPTIONS).
 */
export function heapSettingsFor(notes: number, nodeOptions: string): string[] {
  if (notes < LARGE_RUN_NOTES || /--heap-growing-percent|--optimize-for-size/.test(nodeOptions)) return [];
  return ['--heap-growing-percent=100'];
}

/**
 * Applies {@link heapSettingsFor} to this process, once the notes are listed. V8 reads the setting
 * when a full collection sets the next limit, and the limit set while the folders were walked
 * (the walk's own data is still live then) would let the heap grow to ~120 MB first: so one full
 * collection follows at once (~10 ms at 100,000 notes; `gc` taken from a fresh context).
 */
export function tuneHeapFor(notes: number): void {
  const flags = heapSettingsFor(notes, `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`);
  if (flags.length === 0) return;
  for (const flag of flags) v8.setFlagsFromString(flag);
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}
