import t from 'tap';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderPluginSchemaDocument } from '../sdk/index.js';
import { REPOSITORY_ROOT } from './helpers/repository-paths.js';

t.test('the committed plugin.schema.json matches the TypeBox source (run `npm run schema` after changing it)', async (t) => {
  const committed = readFileSync(path.join(REPOSITORY_ROOT, 'plugin.schema.json'), 'utf8');
  t.equal(committed, renderPluginSchemaDocument());
});

t.test('every property in the schema has a description', async (t) => {
  const missing: string[] = [];
  const visit = (node: unknown, where: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const schema = node as Record<string, unknown>;
    const properties = schema['properties'] as Record<string, Record<string, unknown>> | undefined;
    for (const [name, property] of Object.entries(properties ?? {})) {
      if (typeof property['description'] !== 'string') missing.push(`${where}/${name}`);
      visit(property, `${where}/${name}`);
    }
    if (schema['items']) visit(schema['items'], `${where}[]`);
  };
  visit(JSON.parse(renderPluginSchemaDocument()), '');
  t.same(missing, []);
});
