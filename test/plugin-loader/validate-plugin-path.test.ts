import t from 'tap';
import path from 'node:path';
import { validatePluginPath } from '../../core/plugin-loader/index.js';
import { FIXTURES, GOOD_IDS } from './fixture-helpers.js';

const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

t.test('a single valid plugin folder', async (t) => {
  const { checked, results } = await validatePluginPath(fixture('good', 'provider-good-echo'));
  t.equal(checked, 1);
  t.same(results, [{ dir: fixture('good', 'provider-good-echo'), id: 'provider-good-echo', errors: [] }]);
});

t.test('a single invalid plugin folder reports each error with its JSON path', async (t) => {
  const { checked, results } = await validatePluginPath(fixture('manifest-invalid', 'provider-bad-manifest'));
  t.equal(checked, 1);
  t.equal(results[0]?.id, 'provider-bad-manifest');
  t.same(results[0]?.errors.map((error) => error.path).sort(), ['/colour', '/provider/providers/0/envVars/1/setting', '/version']);
});

t.test('a folder of plugin folders', async (t) => {
  const { checked, results } = await validatePluginPath(fixture('good'));
  t.equal(checked, 3);
  t.same(results.map((result) => result.id).sort(), [...GOOD_IDS].sort());
  t.ok(results.every((result) => result.errors.length === 0));
});

interface PathCase {
  readonly folder: string;
  /** Expected problem paths for each plugin folder name. */
  readonly errors: Readonly<Record<string, readonly string[]>>;
}

const cases: readonly PathCase[] = [
  { folder: 'manifest-unreadable', errors: { 'provider-broken-json': ['/'] } },
  { folder: 'id-mismatch', errors: { 'provider-folder-name': ['/id'] } },
  { folder: 'entry-missing', errors: { 'provider-entry-missing': ['/main'] } },
  { folder: 'ts-entry', errors: { 'provider-ts-entry': [] } },
  { folder: 'dependency-cycle', errors: { 'sandbox-cycle-a': [], 'sandbox-cycle-b': [] } },
];

for (const testCase of cases) {
  t.test(`folder of folders: ${testCase.folder}`, async (t) => {
    const { checked, results } = await validatePluginPath(fixture(testCase.folder));
    t.equal(checked, Object.keys(testCase.errors).length);
    const actual = Object.fromEntries(results.map((result) => [path.basename(result.dir), result.errors.map((error) => error.path).sort()]));
    t.same(actual, testCase.errors);
  });
}

t.test('duplicate ids among the checked folders', async (t) => {
  const echo = fixture('good', 'provider-good-echo');
  const root = t.testdir({ 'provider-good-echo': t.fixture('symlink', echo), 'provider-zz-copy': t.fixture('symlink', echo) });
  const { checked, results } = await validatePluginPath(root);
  t.equal(checked, 2);
  t.same(results[0]?.errors, []);
  t.same(results[1]?.errors.map((error) => error.path), ['/id', '/id']);
  t.match(results[1]?.errors[1]?.message, /duplicate id/);
});

t.test('a path with no plugins, or no folder at all, is one error', async (t) => {
  const empty = await validatePluginPath(t.testdir({ nothing: {} }));
  t.equal(empty.checked, 0);
  t.equal(empty.results[0]?.errors.length, 1);
  const missing = await validatePluginPath(fixture('no-such-folder'));
  t.equal(missing.checked, 0);
  t.equal(missing.results[0]?.errors[0]?.path, '/');
});
