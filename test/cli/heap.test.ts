/** Which V8 settings a check of many notes applies (server/src/cli/heap.ts); measured in test/cli/memory.test.ts and the bench. */
import * as assert from 'node:assert/strict';
import { growYoungGenerationFor, heapSettingsFor, LARGE_RUN_NOTES, userSizesYoungGeneration, YOUNG_GROWTH_NOTES } from '../../server/src/cli/heap';

describe('CLI heap settings for large runs', () => {
  it('caps the old generation from LARGE_RUN_NOTES notes on, not below', () => {
    assert.deepEqual(heapSettingsFor(LARGE_RUN_NOTES - 1, ''), []);
    assert.deepEqual(heapSettingsFor(10_000, '-r hook.js'), []);
    assert.deepEqual(heapSettingsFor(LARGE_RUN_NOTES, ''), ['--heap-growing-percent=100']);
    assert.deepEqual(heapSettingsFor(100_000, '-r /x/rss-hook.js '), ['--heap-growing-percent=100']);
  });
  it("leaves the user's own heap growth settings alone", () => {
    assert.deepEqual(heapSettingsFor(100_000, '--heap-growing-percent=30 '), []);
    assert.deepEqual(heapSettingsFor(100_000, ' --optimize-for-size'), []);
    assert.deepEqual(heapSettingsFor(100_000, '--max-semi-space-size=8 '), ['--heap-growing-percent=100']);
  });
  it("lets the young generation grow only for a large run, and never over the user's own size", () => {
    assert.equal(growYoungGenerationFor(YOUNG_GROWTH_NOTES - 1, ''), undefined);
    assert.equal(growYoungGenerationFor(100_000, '--max-semi-space-size=16'), undefined);
    assert.equal(userSizesYoungGeneration(' --min-semi-space-size=2'), true);
    assert.equal(userSizesYoungGeneration('--semi-space-growth-factor=2'), true);
    assert.equal(userSizesYoungGeneration('-r hook.js --max-old-space-size=100'), false);
  });
});
