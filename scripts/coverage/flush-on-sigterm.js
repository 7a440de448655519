// @ts-check
'use strict';
// Preloaded (NODE_OPTIONS=--require) into every Node process of the coverage run
// (scripts/coverage/run.js). The LSP tests end their language servers with SIGTERM, and Node's
// default SIGTERM handling exits without writing the V8 coverage that c8 reads
// (NODE_V8_COVERAGE); exiting through process.exit writes it. Same exit status as the signal.
process.once('SIGTERM', () => process.exit(128 + 15));
