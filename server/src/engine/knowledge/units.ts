/**
 * 8-minute rule conversion (Medicare 15-minute timed codes).
 * Sources: Pub. 100-04 ch. 5 §20.2 via [S-8MIN-CC] [S-8MIN-AAPC]; table [S-8MIN-KMC] [S-8MIN-CARE]
 * (domain-97760.md §2, §3). Compiled 2026-11.
 *
 * Table: 0-7 min -> 0 units, 8-22 -> 1, 23-37 -> 2, ... in 15-minute steps;
 * closed form units = floor((minutes + 7) / 15).
 */

/**
 * Units for a number of total timed minutes. Fractional minutes are floored (a part-minute
 * does not count). Throws RangeError for negative or non-finite input.
 */
export function unitsForMinutes(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
  }
  return Math.floor((Math.floor(minutes) + 7) / 15);
}

/**
 * Inclusive range of total timed minutes that converts to `units` (0 -> 0..7, 1 -> 8..22, n -> 15n-7..15n+7).
 * Throws RangeError unless `units` is a non-negative integer.
 */
export function minutesRangeForUnits(units: number): { min: number; max: number } {
  if (!Number.isInteger(units) || units < 0) {
    throw new RangeError(`units must be a non-negative integer, got ${units}`);
  }
  if (units === 0) return { min: 0, max: 7 };
  return { min: 15 * units - 7, max: 15 * units + 7 };
}
