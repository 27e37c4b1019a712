import { PluginManifestSchema } from './plugin-manifest-schema.js';

/** The JSON text of `plugin.schema.json`, generated from {@link PluginManifestSchema}. */
export function renderPluginSchemaDocument(): string {
  const document = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://switchyard.dev/plugin.schema.json',
    title: 'Switchyard plugin manifest',
    ...JSON.parse(JSON.stringify(PluginManifestSchema)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
