import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderPluginSchemaDocument } from './plugin-schema-document.js';

// Run by `npm run schema` from dist/sdk/manifest: the repository root is three folders up.
const target = fileURLToPath(new URL('../../../plugin.schema.json', import.meta.url));
writeFileSync(target, renderPluginSchemaDocument());
process.stdout.write(`wrote ${target}\n`);
