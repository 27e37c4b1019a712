import t from 'tap';
import path from 'node:path';
import { PluginError, type PluginErrorCode } from '../../sdk/index.js';
import { loadPlugins } from '../../core/plugin-loader/index.js';
import { FIXTURES, GOOD_IDS, fixtureOptions, fixtureSource } from './fixture-helpers.js';

interface FailureCase {
  readonly fixture: string;
  /** Expected failures: plugin id (or folder name) → code. */
  readonly expected: Readonly<Record<string, PluginErrorCode>>;
  readonly pluginConfig?: Record<string, Record<string, unknown>>;
}

const cases: readonly FailureCase[] = [
  { fixture: 'manifest-unreadable', expected: { 'provider-broken-json': 'PLUGIN_MANIFEST_UNREADABLE' } },
  { fixture: 'manifest-invalid', expected: { 'provider-bad-manifest': 'PLUGIN_MANIFEST_INVALID' } },
  { fixture: 'id-mismatch', expected: { 'provider-other-name': 'PLUGIN_MANIFEST_INVALID' } },
  { fixture: 'duplicate-id', expected: { 'provider-good-echo': 'PLUGIN_ID_DUPLICATE' } },
  { fixture: 'engine-mismatch', expected: { 'provider-future-engine': 'PLUGIN_ENGINE_MISMATCH' } },
  { fixture: 'dependency-missing', expected: { 'sandbox-needs-missing': 'PLUGIN_DEPENDENCY_MISSING' } },
  { fixture: 'dependency-cycle', expected: { 'sandbox-cycle-a': 'PLUGIN_DEPENDENCY_CYCLE', 'sandbox-cycle-b': 'PLUGIN_DEPENDENCY_CYCLE' } },
  {
    fixture: 'dependency-failed',
    expected: {
      'provider-import-broken': 'PLUGIN_ENTRY_INVALID',
      'sandbox-needs-broken': 'PLUGIN_DEPENDENCY_FAILED',
      'provider-engine-old': 'PLUGIN_ENGINE_MISMATCH',
      'sandbox-needs-old': 'PLUGIN_DEPENDENCY_FAILED',
    },
  },
  { fixture: 'entry-throws', expected: { 'provider-entry-throws': 'PLUGIN_ENTRY_INVALID' } },
  { fixture: 'entry-missing', expected: { 'provider-entry-missing': 'PLUGIN_ENTRY_INVALID' } },
  { fixture: 'entry-not-plugin', expected: { 'provider-no-setup': 'PLUGIN_ENTRY_INVALID' } },
  { fixture: 'kind-mismatch', expected: { 'provider-exports-sandbox': 'PLUGIN_KIND_MISMATCH' } },
  { fixture: 'setup-throws', expected: { 'provider-setup-throws': 'PLUGIN_INIT_FAILED' } },
  { fixture: 'setup-bad-result', expected: { 'provider-returns-nothing': 'PLUGIN_INIT_FAILED' } },
  { fixture: 'setup-hangs', expected: { 'provider-setup-hangs': 'PLUGIN_INIT_TIMEOUT' } },
  { fixture: 'config-invalid', expected: { 'provider-needs-config': 'PLUGIN_CONFIG_INVALID' }, pluginConfig: { 'provider-needs-config': { apiKey: 42 } } },
];

const failureCodes = (failures: readonly { pluginId?: string; pluginDir: string; code: string }[]) =>
  Object.fromEntries(failures.map((failure) => [failure.pluginId ?? path.basename(failure.pluginDir), failure.code]));

for (const testCase of cases) {
  t.test(`${testCase.fixture}: yields its code while good plugins still load`, async (t) => {
    const { options } = fixtureOptions([fixtureSource('good'), fixtureSource(testCase.fixture)], {
      initTimeoutMs: 50,
      pluginConfig: testCase.pluginConfig ?? {},
    });
    const { plugins, failures } = await loadPlugins(options);
    t.same(failureCodes(failures), testCase.expected);
    t.same(plugins.map((plugin) => plugin.manifest.id), GOOD_IDS);
    for (const failure of failures) t.ok(failure.message.length > 0, 'failure has a readable message');
  });
}

t.test('every broken fixture in one run: each fails alone, good plugins load', async (t) => {
  const pluginConfig = Object.assign({}, ...cases.map((testCase) => testCase.pluginConfig ?? {})) as Record<string, Record<string, unknown>>;
  const sources = [fixtureSource('good'), ...cases.map((testCase) => fixtureSource(testCase.fixture))];
  const { options } = fixtureOptions(sources, { initTimeoutMs: 50, pluginConfig });
  const { plugins, failures } = await loadPlugins(options);
  t.same(failureCodes(failures), Object.assign({}, ...cases.map((testCase) => testCase.expected)));
  t.same(plugins.map((plugin) => plugin.manifest.id), GOOD_IDS);
});

t.test('manifest and config failures carry every error with its JSON path', async (t) => {
  const { options } = fixtureOptions([fixtureSource('manifest-invalid'), fixtureSource('config-invalid')], {
    pluginConfig: { 'provider-needs-config': { apiKey: 42, retries: -1, extra: true } },
  });
  const { failures } = await loadPlugins(options);
  const paths = (id: string) => failures.find((failure) => failure.pluginId === id)?.errors?.map((error) => error.path).sort();
  t.same(paths('provider-bad-manifest'), ['/colour', '/provider/providers/0/envVars/1/setting', '/version']);
  t.same(paths('provider-needs-config'), ['/apiKey', '/extra', '/retries']);
});

t.test('plugin config reaches the context; dependencies set up first', async (t) => {
  const { options, events, configs } = fixtureOptions([fixtureSource('good')], { pluginConfig: { 'provider-good-echo': { greeting: 'hi' } } });
  const { plugins, failures } = await loadPlugins(options);
  t.same(failures, []);
  t.same(events, GOOD_IDS.map((id) => `setup:${id}`));
  t.same(configs, { 'provider-good-echo': { greeting: 'hi' }, 'sandbox-good-local': {}, 'mcp-transport-good-memory': {} });
  t.same(plugins.map((plugin) => plugin.source), ['directory', 'directory', 'directory']);
  t.ok(plugins.every((plugin) => plugin.dir.startsWith(path.join(FIXTURES, 'good'))));
});

t.test('a missing extra folder is a failure; a missing built-in folder is not', async (t) => {
  const { options } = fixtureOptions([
    { kind: 'builtin', path: 'no-such-builtin-folder' },
    { kind: 'directory', path: 'no-such-extra-folder' },
    fixtureSource('good'),
  ]);
  const { plugins, failures } = await loadPlugins(options);
  t.same(failures.map((failure) => [failure.code, path.basename(failure.pluginDir)]), [['PLUGIN_NOT_FOUND', 'no-such-extra-folder']]);
  t.equal(plugins.length, 3);
});

t.test('a directory source may be a single plugin folder', async (t) => {
  const { options } = fixtureOptions([{ kind: 'directory', path: 'good/provider-good-echo' }]);
  const { plugins, failures } = await loadPlugins(options);
  t.same(failures, []);
  t.same(plugins.map((plugin) => plugin.manifest.id), ['provider-good-echo']);
});

t.test('falls back to the .ts source when main ./index.js is missing', async (t) => {
  const { options } = fixtureOptions([fixtureSource('ts-entry')]);
  const { plugins, failures } = await loadPlugins(options);
  t.same(failures, []);
  t.same(plugins.map((plugin) => plugin.manifest.id), ['provider-ts-entry']);
});

t.test('package source resolves an npm package from node_modules under cwd', async (t) => {
  const cwd = t.testdir({
    node_modules: { '@fixture': { 'provider-packaged': t.fixture('symlink', path.join(FIXTURES, 'package-source/@fixture/provider-packaged')) } },
    nested: { folder: {} },
  });
  const { options } = fixtureOptions(
    [
      { kind: 'package', path: '@fixture/provider-packaged' },
      { kind: 'package', path: '@fixture/not-installed' },
    ],
    { cwd: path.join(cwd, 'nested/folder') },
  );
  const { plugins, failures } = await loadPlugins(options);
  t.same(plugins.map((plugin) => [plugin.manifest.id, plugin.source]), [['provider-packaged', 'package']]);
  t.same(failures.map((failure) => [failure.code, failure.pluginDir]), [['PLUGIN_NOT_FOUND', '@fixture/not-installed']]);
});

t.test('strict mode throws the first failure code, lists all, and disposes what loaded', async (t) => {
  const { options, events } = fixtureOptions([fixtureSource('good'), fixtureSource('engine-mismatch'), fixtureSource('setup-throws')], { strict: true });
  const error = await loadPlugins(options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  t.ok(error instanceof PluginError, 'throws a PluginError');
  const pluginError = error as PluginError;
  t.equal(pluginError.code, 'PLUGIN_ENGINE_MISMATCH');
  t.match(pluginError.message, /provider-future-engine/);
  t.match(pluginError.message, /provider-setup-throws/);
  t.equal((pluginError.details.errors as unknown[]).length, 2);
  t.same(events.filter((event) => event.startsWith('dispose:')), [...GOOD_IDS].reverse().map((id) => `dispose:${id}`));
});

t.test('strict mode with no failures returns normally', async (t) => {
  const { options } = fixtureOptions([fixtureSource('good')], { strict: true });
  const { plugins } = await loadPlugins(options);
  t.equal(plugins.length, 3);
});

t.test('options for an unknown plugin id are logged as a warning', async (t) => {
  const { options, logger } = fixtureOptions([fixtureSource('good')], { pluginConfig: { 'provider-nowhere': {} } });
  await loadPlugins(options);
  t.ok(logger.records.some((record) => record.level === 'warn' && record.fields.pluginId === 'provider-nowhere'));
});
