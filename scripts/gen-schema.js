#!/usr/bin/env node
// Regenerates schemas/tnoterc.schema.json from the rule registry (run after `tsc -b`).
const fs = require('fs');
const path = require('path');
const { configSchema } = require('../out/server/src/engine/config/schema');
const file = path.join(__dirname, '..', 'schemas', 'tnoterc.schema.json');
fs.writeFileSync(file, JSON.stringify(configSchema(), null, 2) + '\n');
console.log(`wrote ${path.relative(process.cwd(), file)}`);
