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
 * From this many notes on, the young generation may grow once, to {@link RUN_SEMI_SPACE_MB}.
 * bin/tnote.js starts every run with 1 MB semi-spaces held there (bin/load-cli.js); checking a note
 * allocates ~100 KB, so with 1 MB V8 scavenges every ~10 notes, and each scavenge copies the note
 * being checked: ~10 % of a check of 10,000 notes. With 4 MB a scavenge comes every ~40 notes, for
 * ~8 MB more peak memory (V8's default would grow it to 16 MB: ~45 MB more).
 */
export const YOUNG_GROWTH_NOTES = 1_000;
export const RUN_SEMI_SPACE_MB = 4;
/** How often (in notes) the young generation's size is read until it has grown. */
const GROWTH_CHECK_NOTES = 16;

/**
 * The V8 settings for a check of `notes` notes: none for a smaller run, or when the user chose
 * heap growth settings of their own (`nodeOptions`: the process's node options and NODE_OPTIONS).
 */
export function heapSettingsFor(notes: number, nodeOptions: string): string[] {
  if (notes < LARGE_RUN_NOTES || /--heap-growing-percent|--optimize-for-size/.test(nodeOptions)) return [];
  return ['--heap-growing-percent=100'];
}

/** True when the user chose the young generation's size (node options or NODE_OPTIONS). */
export function userSizesYoungGeneration(nodeOptions: string): boolean {
  return /--(max-|min-)?semi-space/.test(nodeOptions);
}

/**
 * For a check of `notes` notes (once they are listed): lets V8 grow the young generation once, from
 * 1 MB semi-spaces to {@link RUN_SEMI_SPACE_MB} (growth factor 4: V8 grows it at the next scavenge
 * that finds enough survivors, a few notes in), then holds it there (growth factor 1 again). The
 * returned function is called after each note; it reads V8's space sizes every 16 notes until the
 * growth has happened. Undefined (nothing changed) for a smaller run, when the user sized the young
 * generation, or when it is already that large (not started by bin/tnote.js).
 */
export function growYoungGenerationFor(notes: number, nodeOptions = currentNodeOptions()): ((done: number) => void) | undefined {
  if (notes < YOUNG_GROWTH_NOTES || userSizesYoungGeneration(nodeOptions)) return undefined;
  const target = 2 * RUN_SEMI_SPACE_MB * 1024 * 1024; // new space = two semi-spaces
  const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? target;
  if (newSpace() >= target) return undefined;
  v8.setFlagsFromString(`--semi-space-growth-factor=${RUN_SEMI_SPACE_MB}`);
  let held = false;
  return (done) => {
    if (held || done % GROWTH_CHECK_NOTES !== 0 || newSpace() < target) return;
    v8.setFlagsFromString('--semi-space-growth-factor=1');
    held = true;
  };
}

function currentNodeOptions(): string {
  return `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
}

/**
 * Applies {@link heapSettingsFor} to this process, once the notes are listed. V8 reads the setting
 * when a full collection sets the next limit, and the limit set while the folders were walked
 * (the walk's own data is still live then) would let the heap grow to ~120 MB first: so one full
 * collection follows at once (~10 ms at 100,000 notes; `gc` taken from a fresh context).
 */
export function tuneHeapFor(notes: number): void {
  const flags = heapSettingsFor(notes, currentNodeOptions());
  if (flags.length === 0) return;
  for (const flag of flags) v8.setFlagsFromString(flag);
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}
