import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { loadConfig, parseConfigText } from '../../core/config/index.js';
import { catchConfigError, rejectConfigError } from './config-test-helpers.js';

t.test('no file named and none in the folder gives the empty config', async (t) => {
  const cwd = t.testdir({ 'config.yaml': 'not: picked up\n' });
  const config = await loadConfig({ cwd, env: { OPENAI_API_KEY: 'sk' } });
  t.equal(config.file, undefined);
  t.same(config.modelList, []);
  t.same(config.providers, {});
  t.same(config.warnings, []);
  t.same(config.env, { OPENAI_API_KEY: 'sk' });
});

t.test('switchyard.yaml is found in the working folder before .yml and .json', async (t) => {
  const cwd = t.testdir({
    'switchyard.yaml': 'general_settings: {master_key: from-yaml}\n',
    'switchyard.yml': 'general_settings: {master_key: from-yml}\n',
    'switchyard.json': '{"general_settings": {"master_key": "from-json"}}',
  });
  const config = await loadConfig({ cwd, env: {} });
  t.equal(config.masterKey, 'from-yaml');
  t.equal(config.file, join(cwd, 'switchyard.yaml'));
});

t.test('switchyard.json is used when it is the only one, and parsed as JSON', async (t) => {
  const cwd = t.testdir({ 'switchyard.json': '{"general_settings": {"master_key": "from-json"}}' });
  const config = await loadConfig({ cwd, env: {} });
  t.equal(config.masterKey, 'from-json');
});

t.test('an explicit file is resolved against cwd; plugin_dirs against the file folder', async (t) => {
  const cwd = t.testdir({ conf: { 'gateway.yml': 'plugin_dirs: [extra]\n' } });
  const config = await loadConfig({ file: 'conf/gateway.yml', cwd, env: {} });
  t.equal(config.file, join(cwd, 'conf', 'gateway.yml'));
  t.same(config.pluginDirs, [join(cwd, 'conf', 'extra')]);
});

t.test('an unreadable file is CONFIG_UNREADABLE naming the file', async (t) => {
  const cwd = t.testdir({ folder: {} });
  const missing = await rejectConfigError(loadConfig({ file: 'nope.yaml', cwd, env: {} }));
  t.equal(missing.code, 'CONFIG_UNREADABLE');
  t.equal(missing.file, 'nope.yaml');
  t.equal(missing.message, `nope.yaml: (root): cannot read ${join(cwd, 'nope.yaml')}: file not found`);
  const folder = await rejectConfigError(loadConfig({ file: 'folder', cwd, env: {} }));
  t.equal(folder.code, 'CONFIG_UNREADABLE');
  t.match(folder.message, /cannot read .*folder: is a folder, expected a file$/);
});

t.test('a YAML syntax error reports the line and column', async (t) => {
  const cwd = t.testdir();
  await writeFile(join(cwd, 'switchyard.yaml'), 'model_list:\n  - model_name: a\n    litellm_params: {model: openai/gpt-4o\ngeneral_settings: {}\n');
  const error = await rejectConfigError(loadConfig({ cwd, env: {} }));
  t.equal(error.code, 'CONFIG_INVALID');
  t.equal(error.problems.length, 1);
  t.match(error.problems[0]!.path, /^line 4, column \d+$/);
  t.match(error.message, /^switchyard\.yaml: line 4, column \d+: YAML syntax error: .*flow/i);
});

t.test('duplicate YAML keys are a syntax error, not a silent override', async (t) => {
  const error = catchConfigError(() =>
    parseConfigText('general_settings: {master_key: a}\ngeneral_settings: {master_key: b}\n', { file: 'switchyard.yaml', format: 'yaml', env: {}, baseDir: '/x' }),
  );
  t.same(error.problems, [{ path: 'line 2, column 1', message: 'YAML syntax error: Map keys must be unique' }]);
});

t.test('a JSON syntax error reports the line and column without quoting the file', async (t) => {
  const parse = (text: string) => catchConfigError(() => parseConfigText(text, { file: 'switchyard.json', format: 'json', env: {}, baseDir: '/x' }));
  t.same(parse('{\n  "general_settings": {"master_key": sk-secret}\n}').problems, [
    { path: 'line 2, column 38', message: 'JSON syntax error: unexpected character "s"; expected a value (string, number, true, false, null, object or list)' },
  ]);
  t.same(parse('{"model_list": [],\n}').problems, [
    { path: 'line 2, column 1', message: 'JSON syntax error: unexpected character "}"; expected a property name in double quotes' },
  ]);
  t.same(parse('{"a": 1').problems, [{ path: 'line 1, column 8', message: "JSON syntax error: unexpected end of file; expected ',' or '}' after a property value" }]);
  t.notMatch(parse('{"k": sk-secret}').message, /secret/);
});

t.test('YAML anchors and merge keys work, as LiteLLM users write them', async (t) => {
  const text = [
    'model_list:',
    '  - model_name: eu',
    '    litellm_params: &azure {model: azure/gpt-4o-eu, api_base: "https://eu.example", api_version: "2024-10-21"}',
    '  - model_name: us',
    '    litellm_params: {<<: *azure, model: azure/gpt-4o-us}',
  ].join('\n');
  const config = parseConfigText(text, { file: 'switchyard.yaml', format: 'yaml', env: {}, baseDir: '/x' });
  t.same(config.modelList[1]!.settings, { baseURL: 'https://eu.example', apiVersion: '2024-10-21' });
  t.equal(config.modelList[1]!.model, 'gpt-4o-us');
});
