// @ts-check
'use strict';
// Preloaded (`node -r`) into each measured CLI process: on exit, writes the process's own resource
// usage (maxRSS in KiB, CPU time in µs) to the file named by BENCH_USAGE_FILE.
const fs = require('fs');
const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    try {
      fs.writeFileSync(file, JSON.stringify(process.resourceUsage()));
    } catch {
      /* measurement is best effort */
    }
  });
}
