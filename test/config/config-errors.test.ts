import t from 'tap';
import { catchConfigError, parseYaml } from './config-test-helpers.js';

const lines = (text: string, env: Record<string, string> = {}): string[] => catchConfigError(() => parseYaml(text, env)).message.split('\n');

t.test('an unknown top-level key fails with its path and a close spelling', async (t) => {
  const error = catchConfigError(() => parseYaml('modle_list: []\n'));
  t.equal(error.code, 'CONFIG_INVALID');
  t.equal(error.file, 'switchyard.yaml');
  t.same(error.problems, [{ path: 'modle_list', message: "unknown key 'modle_list'; did you mean 'model_list'?" }]);
  t.equal(error.message, "switchyard.yaml: modle_list: unknown key 'modle_list'; did you mean 'model_list'?");
});

t.test('unknown keys deeper down fail with their full path', async (t) => {
  t.same(lines(`
model_list:
  - model_name: a
    litellm_params: {model: openai/gpt-4o, api_bse: https://x.example, base_url: https://y.example}
    model_nmae: b
general_settings: {master_kye: sk-1}
router_settings: {routing_stratgy: least-busy}
providers:
  groq: {apikey: k}
`), [
    "switchyard.yaml: model_list[0].model_nmae: unknown key 'model_nmae'; did you mean 'model_name'?",
    "switchyard.yaml: model_list[0].litellm_params.api_bse: unknown key 'api_bse'; did you mean 'api_base'?",
    "switchyard.yaml: model_list[0].litellm_params.base_url: unknown key 'base_url'; did you mean 'api_base'?",
    "switchyard.yaml: general_settings.master_kye: unknown key 'master_kye'; did you mean 'master_key'?",
    "switchyard.yaml: router_settings.routing_stratgy: unknown key 'routing_stratgy'; did you mean 'routing_strategy'?",
    "switchyard.yaml: providers.groq.apikey: unknown key 'apikey'; did you mean 'api_key'?",
  ]);
});

t.test('an unknown key with no close spelling lists what is expected', async (t) => {
  t.same(lines('zebra: 1\n'), [
    "switchyard.yaml: zebra: unknown key 'zebra'; expected one of: providers, plugins, plugin_dirs, plugin_config, model_list, general_settings, " +
      'litellm_settings, router_settings, environment_variables (or another LiteLLM setting)',
  ]);
});

t.test('params and litellm_params together are an error', async (t) => {
  t.same(lines('model_list:\n  - {model_name: a, params: {model: a/b}, litellm_params: {model: a/b}}\n'), [
    "switchyard.yaml: model_list[0]: both 'litellm_params' and 'params' are set; they are the same setting, keep only 'litellm_params'",
  ]);
});

t.test('params alone is accepted as the spelling of litellm_params', async (t) => {
  const config = parseYaml('model_list:\n  - {model_name: a, params: {model: groq/llama-3.3}}\n');
  t.same([config.modelList[0]!.provider, config.modelList[0]!.model], ['groq', 'llama-3.3']);
});

t.test('missing model_name, litellm_params and model are each reported', async (t) => {
  t.same(lines(`
model_list:
  - litellm_params: {model: openai/gpt-4o}
  - model_name: b
  - model_name: c
    litellm_params: {api_key: k}
`), [
    'switchyard.yaml: model_list[0].model_name: required; expected the public model name clients ask for',
    "switchyard.yaml: model_list[1].litellm_params: required; expected a mapping with at least 'model' ('provider/model' (for example openai/gpt-4o or openrouter/anthropic/claude-sonnet-4))",
    "switchyard.yaml: model_list[2].litellm_params.model: required; expected 'provider/model' (for example openai/gpt-4o or openrouter/anthropic/claude-sonnet-4)",
  ]);
});

t.test('a model without a provider names the path and the expected form', async (t) => {
  t.same(lines('model_list:\n  - {model_name: a, litellm_params: {model: gpt-4o}}\n  - {model_name: b, litellm_params: {model: openai/}}\n'), [
    "switchyard.yaml: model_list[0].litellm_params.model: expected 'provider/model' (for example openai/gpt-4o or openrouter/anthropic/claude-sonnet-4), got \"gpt-4o\"",
    "switchyard.yaml: model_list[1].litellm_params.model: expected 'provider/model' (for example openai/gpt-4o or openrouter/anthropic/claude-sonnet-4), got \"openai/\"",
  ]);
});

t.test('wrong types say what was expected and what was found, without echoing secrets', async (t) => {
  t.same(lines(`
model_list:
  - model_name: 42
    litellm_params:
      model: openai/gpt-4o
      timeout: fast
      api_key: 12345
      api_base: not a url
      api_version: 2024
      extra_headers: [X-A]
    model_info: {id: 7, mode: chats, max_tokens: -1, max_input_tokens: 1.5}
general_settings: {master_key: [sk-1], max_request_size_mb: big}
plugins: [Not A Package]
plugin_dirs: ./plugins
plugin_config: {e2b: {}}
environment_variables: {A: {b: 1}}
`), [
    'switchyard.yaml: environment_variables.A: expected a string, got a mapping',
    'switchyard.yaml: model_list[0].model_name: expected a string, got 42',
    'switchyard.yaml: model_list[0].model_info.id: expected a non-empty string, got 7',
    'switchyard.yaml: model_list[0].model_info.mode: unknown mode "chats"; did you mean \'chat\'?',
    'switchyard.yaml: model_list[0].model_info.max_tokens: expected a positive integer number of tokens, got -1',
    'switchyard.yaml: model_list[0].model_info.max_input_tokens: expected a positive integer number of tokens, got 1.5',
    'switchyard.yaml: model_list[0].litellm_params.timeout: expected a number of seconds, got "fast"',
    'switchyard.yaml: model_list[0].litellm_params.api_key: expected a string, got a number',
    'switchyard.yaml: model_list[0].litellm_params.api_base: expected an http:// or https:// URL, got "not a url"',
    'switchyard.yaml: model_list[0].litellm_params.api_version: expected a string (quote dates such as "2024-10-21"), got 2024',
    'switchyard.yaml: model_list[0].litellm_params.extra_headers: expected a mapping of header name to value, got a list',
    'switchyard.yaml: general_settings.master_key: expected a string, got a list',
    'switchyard.yaml: general_settings.max_request_size_mb: expected a positive number of megabytes, got "big"',
    'switchyard.yaml: plugin_dirs: expected a list of plugin folders, got "./plugins"',
    'switchyard.yaml: plugins[0]: expected an npm package name such as switchyard-provider-foo or @scope/name, got "Not A Package"',
    'switchyard.yaml: plugin_config.e2b: expected a plugin id such as provider-openai, sandbox-local or mcp-transport-stdio',
  ]);
});

t.test('top-level sections of the wrong shape', async (t) => {
  t.same(lines('model_list: {a: 1}\nrouter_settings: [x]\nproviders: {Groq: {}}\n'), [
    'switchyard.yaml: model_list: expected a list of deployments (each with model_name and litellm_params), got a mapping',
    'switchyard.yaml: router_settings: expected a mapping of settings, got a list',
    'switchyard.yaml: providers.Groq: expected a provider name in lower case (letters, digits, "_", "." or "-"), as used in provider/model handles',
  ]);
  t.same(lines('- just a list\n'), ['switchyard.yaml: (root): expected a mapping of top-level settings (model_list, general_settings, ...), got a list']);
});

t.test('a missing variable via os.environ/ names the variable and the path', async (t) => {
  const error = catchConfigError(() => parseYaml('model_list:\n  - {model_name: a, litellm_params: {model: openai/gpt-4o, api_key: os.environ/OPENAI_KEY}}\n'));
  t.equal(error.code, 'CONFIG_ENV_MISSING');
  t.same(error.problems, [{ path: 'model_list[0].litellm_params.api_key', message: 'environment variable OPENAI_KEY is not set' }]);
  t.equal(error.message, 'switchyard.yaml: model_list[0].litellm_params.api_key: environment variable OPENAI_KEY is not set');
});

t.test('a missing variable via ${} is reported, and every problem is collected before throwing', async (t) => {
  const error = catchConfigError(() => parseYaml(`
model_list:
  - model_name: a
    litellm_params: {model: openai/gpt-4o, api_base: "https://\${AZURE_HOST}/v1", timeout: soon}
general_settings: {master_key: "\${MASTER_KEY}", database_url: "\${DB:-sqlite://gw.db}"}
providers:
  groq: {headers: {X-Org: "org-\${ORG_ID}"}}
plugin_config:
  sandbox-e2b: {api_key: os.environ/E2B_API_KEY}
`));
  t.equal(error.code, 'CONFIG_INVALID', 'an invalid value outranks missing variables');
  t.same(error.problems, [
    { path: 'model_list[0].litellm_params.api_base', message: 'environment variable AZURE_HOST is not set' },
    { path: 'model_list[0].litellm_params.timeout', message: 'expected a number of seconds, got "soon"' },
    { path: 'general_settings.master_key', message: 'environment variable MASTER_KEY is not set' },
    { path: 'providers.groq.headers.X-Org', message: 'environment variable ORG_ID is not set' },
    { path: 'plugin_config.sandbox-e2b.api_key', message: 'environment variable E2B_API_KEY is not set' },
  ]);
});

t.test('a malformed reference is an error, not a silent empty string', async (t) => {
  t.same(lines('general_settings: {master_key: "os.environ/my key"}\n'), [
    'switchyard.yaml: general_settings.master_key: "os.environ/my key" is not a valid environment reference; expected os.environ/NAME or ${NAME}',
  ]);
});

t.test('a number may come from the environment; an empty variable is reported as such', async (t) => {
  const config = parseYaml('model_list:\n  - {model_name: a, litellm_params: {model: a/b, timeout: os.environ/T}}\n', { T: '2.5' });
  t.equal(config.modelList[0]!.settings.timeoutMs, 2500);
  t.same(lines('model_list:\n  - {model_name: a, litellm_params: {model: a/b, timeout: os.environ/T, api_key: os.environ/K}}\n', { T: 'x', K: '' }), [
    'switchyard.yaml: model_list[0].litellm_params.timeout: expected a number of seconds, got "x"',
    'switchyard.yaml: model_list[0].litellm_params.api_key: expected a string, got an empty string (os.environ/K is empty)',
  ]);
});
