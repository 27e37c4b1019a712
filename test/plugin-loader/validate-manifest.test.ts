import t from 'tap';
import path from 'node:path';
import { validateManifest, validatePluginConfig } from '../../core/plugin-loader/index.js';
import type { PluginManifest } from '../../sdk/index.js';

const dir = path.join('/plugins', 'provider-acme');
const base = {
  id: 'provider-acme',
  kind: 'provider',
  name: 'Acme',
  description: 'Acme models.',
  version: '1.2.3',
  engine: '^1.0.0',
  main: './index.js',
  provider: { providers: [{ name: 'acme', envVars: [{ name: 'ACME_API_KEY', setting: 'apiKey', enables: true }] }] },
};

interface ManifestCase {
  readonly name: string;
  readonly change: (manifest: Record<string, unknown>) => unknown;
  /** Expected problem paths, sorted; [] means valid. */
  readonly paths: readonly string[];
  readonly dir?: string;
}

const cases: readonly ManifestCase[] = [
  { name: 'a complete manifest is valid', change: (m) => m, paths: [] },
  { name: 'not an object', change: () => 'plugin', paths: ['/'] },
  { name: 'missing required fields', change: ({ id, ...rest }) => ({ ...rest, main: undefined }), paths: ['/id', '/main'] },
  { name: 'unknown top-level field', change: (m) => ({ ...m, colour: 'blue' }), paths: ['/colour'] },
  { name: 'bad version', change: (m) => ({ ...m, version: 'one' }), paths: ['/version'] },
  { name: 'unknown kind', change: (m) => ({ ...m, kind: 'tool' }), paths: ['/kind'] },
  { name: 'id differs from the folder', change: (m) => m, dir: '/plugins/provider-other', paths: ['/id'] },
  { name: 'id does not start with the kind', change: (m) => ({ ...m, kind: 'sandbox', sandbox: { languages: ['python'] }, provider: undefined }), paths: ['/id'] },
  { name: 'kind block missing and another present', change: (m) => ({ ...m, provider: undefined, sandbox: { languages: ['python'] } }), paths: ['/provider', '/sandbox'] },
  { name: 'engine is not a semver range', change: (m) => ({ ...m, engine: 'latest and greatest' }), paths: ['/engine'] },
  { name: 'dependencies must be plugin ids', change: (m) => ({ ...m, dependencies: ['sandbox-local', 'Not An Id', 'provider-acme', 'sandbox-local'] }), paths: ['/dependencies/1', '/dependencies/2', '/dependencies/3'] },
  { name: 'main escapes the folder', change: (m) => ({ ...m, main: './../elsewhere/index.js' }), paths: ['/main'] },
  { name: 'main is not ESM JavaScript', change: (m) => ({ ...m, main: './index.cjs' }), paths: ['/main'] },
  { name: 'configSchema must describe an object', change: (m) => ({ ...m, configSchema: { type: 'string' } }), paths: ['/configSchema/type'] },
  {
    name: 'nested errors carry their full path',
    change: (m) => ({ ...m, provider: { providers: [{ name: 'acme', envVars: [{ name: 'ACME_API_KEY', setting: 'apiKey' }, { name: 'lower', setting: 'token' }] }, { name: 'acme', extra: 1 }] } }),
    paths: ['/provider/providers/0/envVars/1/name', '/provider/providers/0/envVars/1/setting', '/provider/providers/1/extra', '/provider/providers/1/name'],
  },
];

for (const testCase of cases) {
  t.test(testCase.name, async (t) => {
    const value = JSON.parse(JSON.stringify(testCase.change(structuredClone(base))));
    const { manifest, errors } = validateManifest(value, testCase.dir ?? dir);
    t.same(errors.map((error) => error.path).sort(), testCase.paths, JSON.stringify(errors));
    t.equal(manifest === undefined, testCase.paths.length > 0, 'manifest is set only when valid');
    for (const error of errors) t.ok(error.message.length > 0);
  });
}

t.test('messages are readable', async (t) => {
  const { name, ...nameless } = base;
  const { errors } = validateManifest({ ...nameless, kind: 'tool', colour: 'blue' }, dir);
  t.same(
    Object.fromEntries(errors.map((error) => [error.path, error.message])),
    { '/name': 'is required', '/colour': 'unknown property', '/kind': 'must be one of "provider", "sandbox", "mcp-transport"' },
  );
});

t.test('plugin config is checked against configSchema', async (t) => {
  const manifest = {
    ...base,
    configSchema: { type: 'object', properties: { apiKey: { type: 'string', secret: true }, retries: { type: 'integer', minimum: 0 } }, required: ['apiKey'], additionalProperties: false },
  } as unknown as PluginManifest;
  t.same(validatePluginConfig(manifest, { apiKey: 'k', retries: 2 }), { config: { apiKey: 'k', retries: 2 }, errors: [] });
  t.same(validatePluginConfig(manifest, undefined).errors.map((error) => error.path), ['/apiKey']);
  t.same(validatePluginConfig(manifest, { apiKey: 1, retries: -1, other: 0 }).errors.map((error) => error.path).sort(), ['/apiKey', '/other', '/retries']);
  t.same(validatePluginConfig(manifest, ['not', 'an', 'object']).errors.map((error) => error.path), ['/']);
  const open = base as unknown as PluginManifest;
  t.same(validatePluginConfig(open, undefined), { config: {}, errors: [] }, 'no configSchema: options default to {}');
});
