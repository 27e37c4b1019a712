import t from 'tap';
import type { PluginManifest } from '../../sdk/index.js';
import { orderPlugins, type ValidatedPlugin } from '../../core/plugin-loader/order-plugins.js';
import { settleWithin } from '../../core/plugin-loader/settle-within.js';

const plugin = (id: string, dependencies: string[] = []): ValidatedPlugin => ({
  dir: `/plugins/${id}`,
  source: 'builtin',
  manifest: { id, kind: 'sandbox', name: id, description: '', version: '1.0.0', engine: '^1.0.0', main: './index.js', dependencies, sandbox: { languages: ['js'] } } as PluginManifest,
});

interface OrderCase {
  readonly name: string;
  readonly plugins: readonly ValidatedPlugin[];
  readonly failedIds?: readonly string[];
  readonly ordered: readonly string[];
  readonly failures: Readonly<Record<string, string>>;
}

const cases: readonly OrderCase[] = [
  { name: 'keeps discovery order without dependencies', plugins: [plugin('sandbox-b'), plugin('sandbox-a')], ordered: ['sandbox-b', 'sandbox-a'], failures: {} },
  {
    name: 'dependencies come first',
    plugins: [plugin('sandbox-c', ['sandbox-b']), plugin('sandbox-a'), plugin('sandbox-b', ['sandbox-a'])],
    ordered: ['sandbox-a', 'sandbox-b', 'sandbox-c'],
    failures: {},
  },
  {
    // a -> b -> c -> a and a -> d -> b: d sits on a cycle reached through an already finished node.
    name: 'every member of a cycle fails, dependents are left for the loader',
    plugins: [plugin('sandbox-a', ['sandbox-b', 'sandbox-d']), plugin('sandbox-b', ['sandbox-c']), plugin('sandbox-c', ['sandbox-a']), plugin('sandbox-d', ['sandbox-b']), plugin('sandbox-e', ['sandbox-c'])],
    ordered: ['sandbox-e'],
    failures: { 'sandbox-a': 'PLUGIN_DEPENDENCY_CYCLE', 'sandbox-b': 'PLUGIN_DEPENDENCY_CYCLE', 'sandbox-c': 'PLUGIN_DEPENDENCY_CYCLE', 'sandbox-d': 'PLUGIN_DEPENDENCY_CYCLE' },
  },
  {
    name: 'missing and failed dependencies',
    plugins: [plugin('sandbox-a', ['sandbox-gone']), plugin('sandbox-b', ['sandbox-broken']), plugin('sandbox-c', ['sandbox-a'])],
    failedIds: ['sandbox-broken'],
    ordered: ['sandbox-c'],
    failures: { 'sandbox-a': 'PLUGIN_DEPENDENCY_MISSING', 'sandbox-b': 'PLUGIN_DEPENDENCY_FAILED' },
  },
];

for (const testCase of cases) {
  t.test(testCase.name, async (t) => {
    const { ordered, failures } = orderPlugins(testCase.plugins, new Set(testCase.failedIds ?? []));
    t.same(ordered.map((entry) => entry.manifest.id), testCase.ordered);
    t.same(Object.fromEntries(failures.map((failure) => [failure.pluginId, failure.code])), testCase.failures);
  });
}

t.test('settleWithin reports value, rejection, synchronous throw and timeout', async (t) => {
  t.same(await settleWithin(() => 1, 1000), { status: 'fulfilled', value: 1 });
  t.same(await settleWithin(async () => Promise.reject(new Error('no')), 1000), { status: 'rejected', reason: new Error('no') });
  t.match(await settleWithin(() => { throw new Error('sync'); }, 1000), { status: 'rejected' });
  let resolveLate: (value: string) => void = () => {};
  const late: unknown[] = [];
  const outcome = await settleWithin(() => new Promise<string>((resolve) => (resolveLate = resolve)), 10, (value) => late.push(value));
  t.same(outcome, { status: 'timeout' });
  resolveLate('late');
  await new Promise((resolve) => setImmediate(resolve));
  t.same(late, [{ status: 'fulfilled', value: 'late' }]);
});
