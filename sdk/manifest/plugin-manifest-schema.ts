import Type, { type Static } from 'typebox';

const SETTING_PATTERN = '^(apiKey|baseURL|apiVersion|organization|(headers|options)\\.[A-Za-z0-9_.-]+)$';

const EnvVar = Type.Object(
  {
    name: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$', description: 'Environment variable name, for example GROQ_API_KEY.' }),
    setting: Type.String({ pattern: SETTING_PATTERN, description: 'Provider setting it fills: apiKey, baseURL, apiVersion, organization, headers.<Name> or options.<name>.' }),
    enables: Type.Optional(Type.Boolean({ description: 'When true, setting this variable enables the provider with no config file.' })),
  },
  { additionalProperties: false, description: 'One environment variable the provider reads.' },
);

const Capabilities = Type.Object(
  {
    chat: Type.Optional(Type.Boolean({ description: 'Serves chat completions.' })),
    streaming: Type.Optional(Type.Boolean({ description: 'Streams chat completions.' })),
    tools: Type.Optional(Type.Boolean({ description: 'Supports tool calls.' })),
    embeddings: Type.Optional(Type.Boolean({ description: 'Serves embeddings.' })),
    multipleChoices: Type.Optional(Type.Boolean({ description: 'Accepts n > 1.' })),
    listModels: Type.Optional(Type.Boolean({ description: 'Can list its models.' })),
  },
  { additionalProperties: false, description: 'What the provider can do.' },
);

const ProviderEntry = Type.Object(
  {
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]*$', description: 'Provider name used in provider/model handles, for example groq.' }),
    displayName: Type.Optional(Type.String({ description: 'Human-readable name.' })),
    defaults: Type.Optional(
      Type.Object(
        {
          baseURL: Type.Optional(Type.String({ description: 'Default API base URL.' })),
          apiVersion: Type.Optional(Type.String({ description: 'Default API version.' })),
          headers: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Headers sent on every request.' })),
          options: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Provider-specific default options.' })),
        },
        { additionalProperties: false, description: 'Default settings before environment and config apply.' },
      ),
    ),
    requiresApiKey: Type.Optional(Type.Boolean({ description: 'Whether calls need an API key (false for local servers).' })),
    envVars: Type.Optional(Type.Array(EnvVar, { description: 'Environment variables this provider reads.' })),
    capabilities: Type.Optional(Capabilities),
  },
  { additionalProperties: false, description: 'One provider name the plugin serves.' },
);

/** The manifest (`plugin.json`) of every plugin; the single source of `plugin.schema.json`. */
export const PluginManifestSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: 'Path or URL of plugin.schema.json, for editors.' })),
    id: Type.String({ pattern: '^(provider|sandbox|mcp-transport)-[a-z0-9]+(-[a-z0-9]+)*$', description: 'Kebab-case id, equal to the folder name, starting with the kind.' }),
    kind: Type.Union([Type.Literal('provider'), Type.Literal('sandbox'), Type.Literal('mcp-transport')], { description: 'Plugin kind.' }),
    name: Type.String({ minLength: 1, description: 'Display name.' }),
    description: Type.String({ description: 'One-line description.' }),
    version: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$', description: 'Plugin version (semver).' }),
    engine: Type.String({ minLength: 1, description: 'Semver range of the Switchyard plugin API the plugin targets, for example ^1.0.0.' }),
    main: Type.String({ pattern: '^\\./', description: 'Relative ESM entry inside the plugin folder, for example ./index.js.' }),
    dependencies: Type.Optional(Type.Array(Type.String(), { description: 'Ids of plugins that must load first.' })),
    configSchema: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'JSON Schema of the plugin options; "secret": true marks values never logged.' })),
    provider: Type.Optional(
      Type.Object(
        { providers: Type.Array(ProviderEntry, { minItems: 1, description: 'Provider names this plugin serves.' }) },
        { additionalProperties: false, description: 'Provider block (kind provider).' },
      ),
    ),
    sandbox: Type.Optional(
      Type.Object(
        { languages: Type.Array(Type.String(), { minItems: 1, description: 'Languages the sandbox runs.' }) },
        { additionalProperties: false, description: 'Sandbox block (kind sandbox).' },
      ),
    ),
    mcpTransport: Type.Optional(
      Type.Object(
        { type: Type.String({ description: 'Transport type, for example stdio, sse or streamable-http.' }) },
        { additionalProperties: false, description: 'MCP transport block (kind mcp-transport).' },
      ),
    ),
  },
  { additionalProperties: false, description: 'Switchyard plugin manifest (plugin.json).' },
);

/** A validated plugin manifest. */
export type PluginManifest = Static<typeof PluginManifestSchema>;

/** One provider name served by a provider plugin. */
export type ProviderManifestEntry = Static<typeof ProviderEntry>;
