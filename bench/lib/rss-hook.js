// @ts-check
'use strict';
// Preloaded (`node -r`) into each measured CLI process: on exit, appends the process's own resource
// usage (maxRSS in KiB, CPU time in µs) as a line of JSON to the file named by BENCH_USAGE_FILE.
// `node -r` is passed on when `tnote` runs its check in a second process (bin/respawn.js), so a
// run leaves a line per process; bench/cli.js adds them up (the first process waits while the
// second checks: their peaks add).
const fs = require('fs');
const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    try {
      fs.appendFileSync(file, `${JSON.stringify(process.resourceUsage())}\n`);
    } catch {
      /* measurement is best effort */
    }
  });
}
