/**
 * The CMS distribution of timed units (domain-97760.md §2 steps 1–5, §3) used by the time rules'
 * fixes. Expected values are worked out by hand from the stated rules, not from the code.
 */
import * as assert from 'node:assert/strict';
import { distributeUnits, parseMinutes } from '../../server/src/engine/billing';

describe('distributeUnits (CMS 8-minute rule distribution)', () => {
  it('CMS example: 33 min 97110 + 7 min 97140 = 40 min = 3 units, split 2 + 1', () => {
    // Step 2: 40 min is in 38–52 → 3 units. Step 3: 97110 has two full 15s → 2, 97140 none → 0.
    // Step 4: one unit left; leftovers 3 (97110) vs 7 (97140) → 97140 gets it.
    assert.deepEqual(distributeUnits([33, 7]), [2, 1]);
  });

  it('two services of 7 minutes or less that together reach 8 minutes bill one unit, for the longer one', () => {
    // 5 + 4 = 9 min → 1 unit (8–22); neither has a full 15; the 5-minute one has more minutes.
    assert.deepEqual(distributeUnits([5, 4]), [1, 0]);
    assert.deepEqual(distributeUnits([4, 5]), [0, 1]);
    // 7 + 6 = 13 → 1 unit, to the 7-minute service.
    assert.deepEqual(distributeUnits([6, 7]), [0, 1]);
  });

  it('two short services together under 8 minutes bill nothing', () => {
    // 3 + 4 = 7 min → 0 units (0–7).
    assert.deepEqual(distributeUnits([3, 4]), [0, 0]);
  });

  it('a single 31-minute service bills 2 units', () => {
    // 31 is in 23–37 → 2 units.
    assert.deepEqual(distributeUnits([31]), [2]);
  });

  it('a single service follows the units table at its edges', () => {
    // 0–7 → 0, 8–22 → 1, 23–37 → 2, 38–52 → 3.
    assert.deepEqual(
      [0, 7, 8, 22, 23, 37, 38, 52, 53].map((m) => distributeUnits([m])[0]),
      [0, 0, 1, 1, 2, 2, 3, 3, 4],
    );
  });

  it('a code given at least 15 minutes keeps at least one unit', () => {
    // 15 + 14 = 29 → 2 units; 97xxx with 15 min gets its full unit, the 14 leftover minutes the other.
    assert.deepEqual(distributeUnits([15, 14]), [1, 1]);
    // 30 + 15 = 45 → 3 units, all from full quarter-hours.
    assert.deepEqual(distributeUnits([30, 15]), [2, 1]);
  });

  it('the units always add up to the table value of the total minutes', () => {
    const cases: [number[], number][] = [
      [[33, 7], 3],
      [[20, 20], 3], // 40 min → 3
      [[10, 10, 10], 2], // 30 min → 2
      [[8, 8, 8], 2], // 24 min → 2
      [[1, 1, 1, 1, 1, 1, 1, 1], 1], // 8 min → 1
    ];
    for (const [minutes, total] of cases) {
      const units = distributeUnits(minutes);
      assert.equal(
        units.reduce((a: number, b: number) => a + b, 0),
        total,
        `${minutes.join('+')}`,
      );
      // No service gets more than one unit beyond its full quarter-hours.
      units.forEach((u: number, i: number) => assert.ok(u <= Math.ceil(minutes[i] / 15), `${minutes.join('+')}: service ${i}`));
    }
  });

  it('rejects negative or non-finite minutes', () => {
    assert.throws(() => distributeUnits([-1]), RangeError);
    assert.throws(() => distributeUnits([Number.NaN]), RangeError);
  });
});

describe('parseMinutes (Time field values)', () => {
  it('reads "31 minutes", "31 min", "31" and a leading total', () => {
    assert.equal(parseMinutes('31 minutes'), 31);
    assert.equal(parseMinutes('31 min'), 31);
    assert.equal(parseMinutes('31'), 31);
    assert.equal(parseMinutes('31 minutes one-on-one orthotic training'), 31);
    assert.equal(parseMinutes('45 (97760 30 min, 97110 15 min)'), 45);
    assert.equal(parseMinutes('about 31 min'), 31);
  });

  it('does not take other numbers for minutes', () => {
    assert.equal(parseMinutes('TBD'), undefined);
    assert.equal(parseMinutes('1 hour'), undefined);
    assert.equal(parseMinutes('2 units'), undefined);
    assert.equal(parseMinutes('2026-11-20'), undefined);
  });
});
