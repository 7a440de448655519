#!/usr/bin/env node
// @ts-check
// Regenerates the generated documents from the rule registry (run after `tsc -b`):
// schemas/tnoterc.schema.json, schemas/tnoterc.starter.yaml, docs/rules/README.md and docs/front-matter.md.
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, '..');
const { configSchema } = require('../out/server/src/engine/config/schema');
const { starterConfig } = require('../out/server/src/engine/config/starter');
const { rulesIndexMarkdown } = require('../out/server/src/engine/rules/catalog');
const { frontMatterReferenceMarkdown } = require('../out/server/src/engine/parse/schemaDocs');
const write = (rel, text) => {
  fs.writeFileSync(path.join(root, rel), text);
  console.log(`wrote ${rel}`);
};
write('schemas/tnoterc.schema.json', JSON.stringify(configSchema(), null, 2) + '\n');
write('schemas/tnoterc.starter.yaml', starterConfig());
write('docs/rules/README.md', rulesIndexMarkdown() + '\n');
write('docs/front-matter.md', frontMatterReferenceMarkdown() + '\n');
