import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { loadConfig, parseConfigText } from '../../core/config/index.js';
import { parseYaml } from './config-test-helpers.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

const EXAMPLE_ENV = {
  OPENAI_API_KEY: 'sk-openai',
  AZURE_API_BASE: 'https://eu.openai.azure.example',
  AZURE_API_KEY: 'azure-key',
  ANTHROPIC_API_KEY: 'sk-ant',
  LITELLM_MASTER_KEY: 'sk-master',
  DATABASE_URL: 'postgresql://gw@db/gw',
};

const unsupported = (path: string): string => {
  const key = path.slice(path.lastIndexOf('.') + 1);
  return `litellm-example.yaml: ${path}: '${key}' is a LiteLLM setting that Switchyard does not support yet; it is ignored`;
};

const EXPECTED_WARNINGS = [
  'mcp_servers',
  'model_list[1].litellm_params.region_name',
  ...['database_connection_pool_limit', 'proxy_batch_write_at'].map((k) => `general_settings.${k}`),
  ...['redis_host', 'redis_port', 'redis_password'].map((k) => `router_settings.${k}`),
  ...['drop_params', 'callbacks', 'success_callback', 'failure_callback', 'cache', 'cache_params', 'json_logs'].map((k) => `litellm_settings.${k}`),
].map(unsupported);

t.test('the LiteLLM reference example loads unchanged, with one warning per unsupported key', async (t) => {
  const config = await loadConfig({ file: 'litellm-example.yaml', cwd: FIXTURES, env: EXAMPLE_ENV });
  t.equal(config.file, join(FIXTURES, 'litellm-example.yaml'));
  t.same(config.warnings, EXPECTED_WARNINGS);
  t.equal(config.warnings.length, 14);

  t.same(config.modelList.map((d) => [d.modelName, d.provider, d.model, d.path]), [
    ['gpt-4o', 'openai', 'gpt-4o', 'model_list[0]'],
    ['gpt-4o', 'azure', 'gpt-4o-eu', 'model_list[1]'],
    ['claude-sonnet', 'anthropic', 'claude-sonnet-4-20250514', 'model_list[2]'],
    ['claude-sonnet', 'bedrock', 'anthropic.claude-sonnet-4-20250514-v1:0', 'model_list[3]'],
    ['embed-small', 'openai', 'text-embedding-3-small', 'model_list[4]'],
  ]);
  const [openai, azure, , bedrock, embed] = config.modelList;
  t.same(openai!.settings, { apiKey: 'sk-openai' });
  t.same(openai!.params, { model: 'openai/gpt-4o', api_key: 'sk-openai', rpm: 500, tpm: 200000, order: 1 });
  t.same(openai!.modelInfo, { id: 'openai-gpt4o' });
  t.same(azure!.settings, { baseURL: 'https://eu.openai.azure.example', apiKey: 'azure-key', apiVersion: '2024-10-21', timeoutMs: 300_000 });
  t.equal(azure!.params.stream_timeout, 30, 'routing params stay in params');
  t.same(openai!.routing, { rpm: 500, tpm: 200000, order: 1 });
  t.same(azure!.routing, { rpm: 300, order: 2, streamTimeoutMs: 30_000 });
  t.equal(azure!.params.region_name, 'eu');
  t.same(azure!.modelInfo, { base_model: 'azure/gpt-4o' });
  t.same(bedrock!.settings, { options: { aws_region_name: 'us-west-2' } }, 'provider options reach the plugin; routing keys (weight) do not');
  t.same(bedrock!.routing, { weight: 1 });
  t.equal(bedrock!.params.aws_region_name, 'us-west-2');
  t.same(embed!.modelInfo, { mode: 'embedding' });

  t.equal(config.masterKey, 'sk-master');
  t.equal(config.databaseUrl, 'postgresql://gw@db/gw');
  t.equal(config.maxRequestBodyBytes, undefined);
  t.equal(config.routerSettings.routing_strategy, 'simple-shuffle');
  t.same(config.routerSettings.fallbacks, [{ 'gpt-4o': ['claude-sonnet'] }]);
  t.notOk('redis_host' in config.routerSettings, 'an unset variable under an ignored key drops that key instead of failing');
  t.match(config.router, {
    routingStrategy: 'simple-shuffle', numRetries: 2, timeoutMs: 600_000, allowedFails: 3, cooldownTimeMs: 30_000, enablePreCallChecks: true,
    fallbacks: { 'gpt-4o': ['claude-sonnet'] }, contextWindowFallbacks: { 'gpt-4o': ['claude-sonnet'] }, contentPolicyFallbacks: { 'claude-sonnet': ['gpt-4o'] },
    retryPolicy: { RateLimitError: 3, TimeoutError: 2, AuthenticationError: 0 }, backgroundHealthChecks: true, healthCheckIntervalMs: 300_000,
  }, 'router settings (and the health keys of general_settings) are read');
  t.same(config.litellmSettings.callbacks, ['prometheus', 'otel']);
  t.notOk('cache_params' in config.litellmSettings);
  t.same(config.providers, {});
  t.same(config.pluginDirs, []);
});

t.test('ignored keys still see variables that are set', async (t) => {
  const config = await loadConfig({ file: 'litellm-example.yaml', cwd: FIXTURES, env: { ...EXAMPLE_ENV, REDIS_HOST: 'redis.internal', REDIS_PORT: '6380' } });
  t.equal(config.routerSettings.redis_host, 'redis.internal');
  t.equal(config.routerSettings.redis_port, '6380');
  t.same(config.litellmSettings.cache_params, { type: 'redis', host: 'redis.internal', port: '6380', ttl: 600, mode: 'default_off' });
});

t.test('provider and model split on the first slash', async (t) => {
  const config = parseYaml(`
model_list:
  - model_name: claude
    litellm_params: {model: openrouter/anthropic/claude-sonnet-4}
  - model_name: llama
    litellm_params: {model: "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo"}
`);
  t.same(config.modelList.map((d) => [d.provider, d.model]), [
    ['openrouter', 'anthropic/claude-sonnet-4'],
    ['together_ai', 'meta-llama/Llama-3.3-70B-Instruct-Turbo'],
  ]);
  t.equal(config.modelList[0]!.params.model, 'openrouter/anthropic/claude-sonnet-4');
});

t.test('unsupported LiteLLM keys give exactly one warning each and the config still loads', async (t) => {
  const config = parseYaml(`
model_list:
  - model_name: fast
    litellm_params: {model: groq/llama-3.1-8b-instant, rpm: 30, tpm: 6000, mock_response: hi, vertex_project: p1}
general_settings: {master_key: sk-1, alerting: [slack]}
router_settings: {routing_strategy: least-busy}
litellm_settings: {drop_params: true}
guardrails: []
credential_list: []
`);
  t.same(config.warnings.map((w) => w.split(': ')[1]), [
    'guardrails', 'credential_list', 'model_list[0].litellm_params.mock_response', 'general_settings.alerting', 'litellm_settings.drop_params',
  ]);
  t.equal(config.warnings[0], "switchyard.yaml: guardrails: 'guardrails' is a LiteLLM setting that Switchyard does not support yet; it is ignored");
  t.equal(config.masterKey, 'sk-1');
  t.equal(config.modelList[0]!.params.rpm, 30);
  t.same(config.modelList[0]!.routing, { rpm: 30, tpm: 6000 });
  t.equal(config.router.routingStrategy, 'least-busy');
  t.same(config.modelList[0]!.settings.options, { vertex_project: 'p1' }, 'supported provider options are passed on');
});

t.test('a JSON config loads like YAML', async (t) => {
  const text = JSON.stringify({
    model_list: [{ model_name: 'mini', litellm_params: { model: 'openai/gpt-4o-mini', api_key: '${OPENAI_API_KEY}', timeout: 12.5, extra_headers: { 'X-Team': 'search' } } }],
    general_settings: { max_request_size_mb: 2 },
    providers: { groq: { api_key: 'os.environ/GROQ_API_KEY', timeout: 30, headers: { 'X-Trace': 1 }, options: { region: 'eu' } } },
  });
  const config = parseConfigText(text, { file: 'switchyard.json', format: 'json', env: { OPENAI_API_KEY: 'sk-o', GROQ_API_KEY: 'gsk' }, baseDir: '/srv/gateway' });
  t.equal(config.file, '/srv/gateway/switchyard.json');
  t.same(config.modelList[0]!.settings, { apiKey: 'sk-o', timeoutMs: 12_500, headers: { 'X-Team': 'search' } });
  t.same(config.modelList[0]!.params.extra_headers, { 'X-Team': 'search' });
  t.equal(config.maxRequestBodyBytes, 2 * 1024 * 1024);
  t.same(config.providers, { groq: { apiKey: 'gsk', timeoutMs: 30_000, headers: { 'X-Trace': '1' }, options: { region: 'eu' } } });
  t.same(config.warnings, []);
});

t.test('plugin settings: folders resolve against the config folder, config values interpolate', async (t) => {
  const config = parseYaml(`
plugin_dirs: [./plugins, /opt/switchyard/plugins]
plugins: [switchyard-provider-acme, "@acme/switchyard-sandbox"]
plugin_config:
  sandbox-e2b: {api_key: os.environ/E2B_API_KEY, timeout_ms: 5000}
  provider-openai:
`, { E2B_API_KEY: 'e2b-key' });
  t.same(config.pluginDirs, ['/srv/gateway/plugins', '/opt/switchyard/plugins']);
  t.same(config.plugins, ['switchyard-provider-acme', '@acme/switchyard-sandbox']);
  t.same(config.pluginConfig, { 'sandbox-e2b': { api_key: 'e2b-key', timeout_ms: 5000 }, 'provider-openai': {} });
});
