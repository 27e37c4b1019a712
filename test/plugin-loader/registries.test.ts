import t from 'tap';
import { PluginError, type PluginManifest, type ProviderFactory, type SandboxFactory } from '../../sdk/index.js';
import { loadPlugins, type LoadedPlugin } from '../../core/plugin-loader/index.js';
import { ProviderRegistry, createPluginRegistries, describePlugins } from '../../core/registries/index.js';
import { GOOD_IDS, createRecordingLogger, fixtureOptions, fixtureSource } from './fixture-helpers.js';

type Kind = PluginManifest['kind'];
const blocks = {
  provider: (names: string[]) => ({ provider: { providers: names.map((name) => ({ name })) } }),
  sandbox: () => ({ sandbox: { languages: ['python'] } }),
  'mcp-transport': () => ({ mcpTransport: { type: 'stdio' } }),
};

/** An in-memory loaded plugin whose dispose() pushes its id to `log` (or throws / hangs). */
function fakePlugin(id: string, kind: Kind, log: string[], options: { names?: string[]; dispose?: 'throws' | 'hangs' } = {}): LoadedPlugin {
  const manifest = { id, kind, name: id, description: '', version: '1.0.0', engine: '^1.0.0', main: './index.js', ...blocks[kind](options.names ?? [id]) } as PluginManifest;
  const dispose = async (): Promise<void> => {
    if (options.dispose === 'throws') throw new Error(`${id} cannot dispose`);
    if (options.dispose === 'hangs') return new Promise(() => {});
    log.push(id);
  };
  const factory = { createProvider: () => ({}), createSession: async () => ({}), createTransport: () => ({}), dispose };
  return { manifest, dir: `/plugins/${id}`, source: 'builtin', factory: factory as unknown as ProviderFactory };
}

t.test('disposeAll runs in reverse registration order across kinds', async (t) => {
  const log: string[] = [];
  const registries = createPluginRegistries({ logger: createRecordingLogger() });
  registries.registerAll([fakePlugin('provider-a', 'provider', log), fakePlugin('sandbox-b', 'sandbox', log), fakePlugin('mcp-transport-c', 'mcp-transport', log), fakePlugin('provider-d', 'provider', log)]);
  t.same(registries.providers.list().map((plugin) => plugin.manifest.id), ['provider-a', 'provider-d']);
  t.equal(registries.sandboxes.get('sandbox-b')?.manifest.id, 'sandbox-b');
  t.equal(registries.mcpTransports.size, 1);
  await registries.disposeAll();
  t.same(log, ['provider-d', 'mcp-transport-c', 'sandbox-b', 'provider-a']);
  t.equal(registries.providers.size + registries.sandboxes.size + registries.mcpTransports.size, 0);
});

t.test('a dispose that throws or hangs is logged, bounded and does not stop the others', async (t) => {
  const log: string[] = [];
  const logger = createRecordingLogger();
  const registry = new ProviderRegistry({ logger, disposeTimeoutMs: 20 });
  registry.register(fakePlugin('provider-first', 'provider', log) as LoadedPlugin<ProviderFactory>);
  registry.register(fakePlugin('provider-throws', 'provider', log, { dispose: 'throws' }) as LoadedPlugin<ProviderFactory>);
  registry.register(fakePlugin('provider-hangs', 'provider', log, { dispose: 'hangs' }) as LoadedPlugin<ProviderFactory>);
  await registry.disposeAll();
  t.same(log, ['provider-first']);
  const errors = logger.records.filter((record) => record.level === 'error');
  t.same(errors.map((record) => [record.message, record.fields.pluginId]), [
    ['plugin dispose timed out', 'provider-hangs'],
    ['plugin dispose failed', 'provider-throws'],
  ]);
});

t.test('provider names index; a name claimed twice stays with the first plugin', async (t) => {
  const logger = createRecordingLogger();
  const registry = new ProviderRegistry({ logger });
  const first = fakePlugin('provider-compat', 'provider', [], { names: ['groq', 'together'] }) as LoadedPlugin<ProviderFactory>;
  const second = fakePlugin('provider-groq', 'provider', [], { names: ['groq', 'groq-fast'] }) as LoadedPlugin<ProviderFactory>;
  registry.register(first);
  registry.register(second);
  t.same(registry.providerNames(), ['groq', 'together', 'groq-fast']);
  t.equal(registry.findProvider('groq')?.plugin, first);
  t.equal(registry.findProvider('groq-fast')?.entry.name, 'groq-fast');
  t.equal(registry.findProvider('missing'), undefined);
  t.same(registry.nameConflicts(), [{ name: 'groq', pluginId: 'provider-groq', claimedBy: 'provider-compat' }]);
  t.ok(logger.records.some((record) => record.level === 'warn' && record.fields.name === 'groq'));
  await registry.dispose('provider-compat');
  t.same(registry.providerNames(), ['groq-fast'], 'names leave with their plugin');
});

t.test('register refuses another kind and a known id with coded errors', async (t) => {
  const registries = createPluginRegistries({ logger: createRecordingLogger() });
  registries.register(fakePlugin('provider-a', 'provider', []));
  t.throws(() => registries.register(fakePlugin('provider-a', 'provider', [])), { code: 'PLUGIN_ID_DUPLICATE' });
  const sandbox = fakePlugin('sandbox-x', 'sandbox', []) as unknown as LoadedPlugin<ProviderFactory>;
  const error = t.throws(() => registries.providers.register(sandbox), { code: 'PLUGIN_KIND_MISMATCH' });
  t.ok(error instanceof PluginError);
});

t.test('sandbox and MCP transport lookups', async (t) => {
  const registries = createPluginRegistries({ logger: createRecordingLogger() });
  registries.registerAll([fakePlugin('sandbox-local', 'sandbox', []), fakePlugin('mcp-transport-stdio', 'mcp-transport', [])]);
  t.equal((registries.sandboxes.findByLanguage('python') as LoadedPlugin<SandboxFactory> | undefined)?.manifest.id, 'sandbox-local');
  t.equal(registries.sandboxes.findByLanguage('cobol'), undefined);
  t.equal(registries.mcpTransports.findByType('stdio')?.manifest.id, 'mcp-transport-stdio');
});

t.test('loaded fixture plugins register and dispose in reverse load order', async (t) => {
  const { options, events } = fixtureOptions([fixtureSource('good')]);
  const { plugins } = await loadPlugins(options);
  const registries = createPluginRegistries({ logger: options.logger });
  registries.registerAll(plugins);
  t.same(registries.providers.providerNames(), ['good-echo']);
  await registries.disposeAll();
  t.same(events.filter((event) => event.startsWith('dispose:')), [...GOOD_IDS].reverse().map((id) => `dispose:${id}`));
});

t.test('describePlugins lists loaded and failed plugins for `plugins list`', async (t) => {
  const { options } = fixtureOptions([fixtureSource('good'), fixtureSource('setup-throws'), fixtureSource('manifest-unreadable')]);
  const rows = describePlugins(await loadPlugins(options));
  t.same(
    rows.map(({ id, kind, version, source, status, code }) => ({ id, kind, version, source, status, code })),
    [
      { id: 'mcp-transport-good-memory', kind: 'mcp-transport', version: '1.0.0', source: 'directory', status: 'loaded', code: undefined },
      { id: 'provider-broken-json', kind: undefined, version: undefined, source: 'directory', status: 'failed', code: 'PLUGIN_MANIFEST_UNREADABLE' },
      { id: 'provider-good-echo', kind: 'provider', version: '1.0.0', source: 'directory', status: 'loaded', code: undefined },
      { id: 'provider-setup-throws', kind: 'provider', version: '1.0.0', source: 'directory', status: 'failed', code: 'PLUGIN_INIT_FAILED' },
      { id: 'sandbox-good-local', kind: 'sandbox', version: '1.0.0', source: 'directory', status: 'loaded', code: undefined },
    ],
  );
  t.match(rows.find((row) => row.status === 'failed' && row.code === 'PLUGIN_INIT_FAILED')?.reason, /setup exploded/);
});
