import t from 'tap';
import { interpolateEnv } from '../../core/config/index.js';
import { parseYaml } from './config-test-helpers.js';

t.test('os.environ/NAME replaces the whole value', async (t) => {
  t.same(interpolateEnv('os.environ/KEY', { KEY: 'sk-1' }), { value: 'sk-1', missing: [], invalid: [], referencesEnv: true });
  t.same(interpolateEnv('os.environ/KEY', {}).missing, ['KEY']);
  t.same(interpolateEnv('prefix os.environ/KEY', { KEY: 'x' }).value, 'prefix os.environ/KEY', 'only a whole value is a LiteLLM reference');
});

t.test('${NAME} anywhere, with defaults and an escape', async (t) => {
  const env = { HOST: 'api.example', EMPTY: '' };
  t.equal(interpolateEnv('https://${HOST}/v1', env).value, 'https://api.example/v1');
  t.equal(interpolateEnv('${PORT:-8080}', env).value, '8080');
  t.equal(interpolateEnv('${EMPTY:-fallback}', env).value, 'fallback', ':- also covers an empty variable');
  t.equal(interpolateEnv('${EMPTY}', env).value, '', 'an empty variable without a default is still set');
  t.equal(interpolateEnv('$${HOST} costs $5', env).value, '${HOST} costs $5');
  t.same(interpolateEnv('${A}-${B}', {}).missing, ['A', 'B']);
  t.same(interpolateEnv('${1BAD}', {}).invalid, ['${1BAD}']);
  t.equal(interpolateEnv('plain', env).referencesEnv, false);
});

t.test('environment_variables feed interpolation and the returned env, never process.env', async (t) => {
  const config = parseYaml(`
environment_variables:
  OPENAI_API_KEY: sk-from-file
  REDIS_PORT: 6379
model_list:
  - model_name: a
    litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_API_KEY}
`, { OPENAI_API_KEY: 'sk-from-process', HOME: '/home/gw' });
  t.equal(config.modelList[0]!.settings.apiKey, 'sk-from-file', 'the file wins, as in LiteLLM');
  t.same(config.env, { OPENAI_API_KEY: 'sk-from-file', HOME: '/home/gw', REDIS_PORT: '6379' });
  t.equal(process.env.REDIS_PORT, undefined);
});

t.test('interpolation reaches nested values, model_info and plugin options', async (t) => {
  const config = parseYaml(`
model_list:
  - model_name: a
    litellm_params: {model: openai/gpt-4o, extra_headers: {X-Team: "\${TEAM}"}}
    model_info: {id: "\${DEPLOYMENT_ID}", notes: ["\${TEAM}"]}
plugin_config:
  mcp-transport-stdio: {env: {TOKEN: os.environ/TOKEN}}
`, { TEAM: 'search', DEPLOYMENT_ID: 'dep-1', TOKEN: 't0k' });
  t.same(config.modelList[0]!.settings.headers, { 'X-Team': 'search' });
  t.same(config.modelList[0]!.modelInfo, { id: 'dep-1', notes: ['search'] });
  t.same(config.pluginConfig['mcp-transport-stdio'], { env: { TOKEN: 't0k' } });
});
