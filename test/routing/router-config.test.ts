import t from 'tap';
import { DEFAULT_ROUTER_CONFIG } from '../../core/config/router-config.js';
import { catchConfigError, parseYaml } from '../config/config-test-helpers.js';

const MODELS = `
model_list:
  - {model_name: gpt-4o, litellm_params: {model: openai/gpt-4o}, model_info: {id: oai}}
  - {model_name: claude, litellm_params: {model: anthropic/claude-sonnet-4}}
`;
const lines = (text: string, env: Record<string, string> = {}): string[] => catchConfigError(() => parseYaml(text, env)).message.split('\n');

t.test('no router settings: the documented defaults', async (t) => {
  t.same(parseYaml(MODELS).router, DEFAULT_ROUTER_CONFIG);
  t.same(DEFAULT_ROUTER_CONFIG, {
    routingStrategy: 'simple-shuffle', latencyBuffer: 0.1, latencyTtlMs: 3_600_000, numRetries: 2, retryPolicy: {}, retryAfterMs: 0,
    retryBackoffBaseMs: 500, retryBackoffMaxMs: 8000, maxRetryAfterMs: 30_000, allowedFails: 3, allowedFailsPolicy: {}, cooldownTimeMs: 5000,
    disableCooldowns: false, timeoutMs: 600_000, fallbacks: {}, contextWindowFallbacks: {}, contentPolicyFallbacks: {}, defaultFallbacks: [],
    maxFallbacks: 5, enablePreCallChecks: false, backgroundHealthChecks: false, healthCheckIntervalMs: 300_000,
  });
});

t.test('every router key is read, in seconds where LiteLLM uses seconds', async (t) => {
  const config = parseYaml(`${MODELS}
router_settings:
  routing_strategy: usage-based-routing-v2
  routing_strategy_args: {lowest_latency_buffer: 0.5, ttl: 60}
  num_retries: os.environ/RETRIES
  retry_policy: {RateLimitErrorRetries: 4, AuthenticationErrorRetries: 0}
  retry_after: 1
  retry_backoff_base: 0.25
  retry_backoff_max: 4
  max_retry_after: 10
  allowed_fails: 1
  allowed_fails_policy: {TimeoutErrorAllowedFails: 7}
  cooldown_time: 12.5
  disable_cooldowns: os.environ/NO_COOLDOWNS
  timeout: 30
  stream_timeout: 5
  stream_idle_timeout: 20
  fallbacks: [{gpt-4o: [claude]}, {claude: [gpt-4o, openai/gpt-4o-mini]}]
  context_window_fallbacks: {gpt-4o: claude}
  content_policy_fallbacks: [{"*": [oai]}]
  default_fallbacks: [claude]
  max_fallbacks: 2
  enable_pre_call_checks: true
  default_max_parallel_requests: 8
general_settings: {background_health_checks: true, health_check_interval: 30}
`, { RETRIES: '4', NO_COOLDOWNS: 'true' });
  t.same(config.router, {
    routingStrategy: 'usage-based-routing', latencyBuffer: 0.5, latencyTtlMs: 60_000, numRetries: 4,
    retryPolicy: { RateLimitError: 4, AuthenticationError: 0 }, retryAfterMs: 1000, retryBackoffBaseMs: 250, retryBackoffMaxMs: 4000, maxRetryAfterMs: 10_000,
    allowedFails: 1, allowedFailsPolicy: { TimeoutError: 7 }, cooldownTimeMs: 12_500, disableCooldowns: true, timeoutMs: 30_000,
    streamTimeoutMs: 5000, streamIdleTimeoutMs: 20_000,
    fallbacks: { 'gpt-4o': ['claude'], claude: ['gpt-4o', 'openai/gpt-4o-mini'] }, contextWindowFallbacks: { 'gpt-4o': ['claude'] },
    contentPolicyFallbacks: { '*': ['oai'] }, defaultFallbacks: ['claude'], maxFallbacks: 2, enablePreCallChecks: true,
    defaultMaxParallelRequests: 8, backgroundHealthChecks: true, healthCheckIntervalMs: 30_000,
  });
  t.same(config.warnings, [], 'nothing is ignored');
});

t.test('litellm_settings keys that overlap router settings apply; router_settings wins', async (t) => {
  const config = parseYaml(`${MODELS}
litellm_settings: {num_retries: 5, request_timeout: 90, allowed_fails: 9, default_fallbacks: [claude]}
router_settings: {num_retries: 1}
`);
  t.match(config.router, { numRetries: 1, timeoutMs: 90_000, allowedFails: 9, defaultFallbacks: ['claude'] });
});

t.test('deployment routing keys', async (t) => {
  const config = parseYaml(`
model_list:
  - model_name: chat
    litellm_params:
      model: openai/gpt-4o
      api_key: k
      timeout: 10
      rpm: 600
      tpm: 100000
      weight: 2
      order: 1
      max_parallel_requests: 4
      num_retries: 0
      cooldown_time: 0
      stream_timeout: 2.5
      stream_idle_timeout: 15
      input_cost_per_token: 0.0000025
      output_cost_per_token: 0.00001
    model_info: {input_cost_per_token: 0.1, max_input_tokens: 128000}
`);
  const [deployment] = config.modelList;
  t.same(deployment!.routing, {
    rpm: 600, tpm: 100000, weight: 2, order: 1, maxParallelRequests: 4, numRetries: 0, cooldownTimeMs: 0, streamTimeoutMs: 2500,
    streamIdleTimeoutMs: 15_000, inputCostPerToken: 0.0000025, outputCostPerToken: 0.00001,
  });
  t.same(deployment!.settings, { apiKey: 'k', timeoutMs: 10_000 }, 'routing keys never reach the provider plugin');
  t.equal(deployment!.params['stream_timeout'], 2.5, 'params keep the values as written');
});

t.test('bad router settings fail with the file, the path and what was expected', async (t) => {
  t.same(lines(`${MODELS}
router_settings:
  routing_strategy: least-busyy
  num_retries: -1
  timeout: 0
  retry_policy: {RateLimitRetries: 2}
  allowed_fails_policy: {TimeoutErrorAllowedFails: 1.5}
  fallbacks: [{gpt-4o: [claud]}, [oops]]
  default_fallbacks: [nowhere]
  disable_cooldowns: "yes"
  retry_backoff_base: 10
  retry_backoff_max: 1
`), [
    "switchyard.yaml: router_settings.routing_strategy: unknown routing strategy 'least-busyy'; did you mean 'least-busy'?",
    'switchyard.yaml: router_settings.num_retries: expected a whole number (0 or more), got -1',
    'switchyard.yaml: router_settings.timeout: expected a positive number of seconds, got 0',
    "switchyard.yaml: router_settings.retry_policy.RateLimitRetries: unknown key 'RateLimitRetries'; did you mean 'RateLimitErrorRetries'?",
    'switchyard.yaml: router_settings.allowed_fails_policy.TimeoutErrorAllowedFails: expected a whole number (0 or more), got 1.5',
    "switchyard.yaml: router_settings.fallbacks[0].gpt-4o[0]: unknown model group 'claud'; did you mean 'claude'?",
    'switchyard.yaml: router_settings.fallbacks[1]: expected a mapping of model_name to a list of fallback model names, got a list',
    "switchyard.yaml: router_settings.default_fallbacks[0]: unknown model group 'nowhere'; expected a model_name of model_list (gpt-4o, claude) or a provider/model handle",
    'switchyard.yaml: router_settings.disable_cooldowns: expected true or false, got "yes"',
    'switchyard.yaml: router_settings.retry_backoff_max: expected at least retry_backoff_base (10 s), got 1',
  ]);
});

t.test('bad deployment routing keys and duplicate ids fail with their paths', async (t) => {
  t.same(lines(`
model_list:
  - {model_name: a, litellm_params: {model: openai/x, rpm: 0, order: 1.5, max_parallel_requests: 0, stream_timeout: fast}, model_info: {id: same}}
  - {model_name: a, litellm_params: {model: openai/y, weight: -1}, model_info: {id: same, output_cost_per_token: cheap}}
general_settings: {health_check_interval: -5}
`), [
    'switchyard.yaml: model_list[0].litellm_params.rpm: expected a positive number, got 0',
    'switchyard.yaml: model_list[0].litellm_params.order: expected a whole number (0 or more), got 1.5',
    'switchyard.yaml: model_list[0].litellm_params.max_parallel_requests: expected a whole number (1 or more), got 0',
    'switchyard.yaml: model_list[0].litellm_params.stream_timeout: expected a positive number of seconds, got "fast"',
    'switchyard.yaml: model_list[1].model_info.output_cost_per_token: expected a price per token (a number, 0 or more), got "cheap"',
    'switchyard.yaml: model_list[1].litellm_params.weight: expected a number (0 or more), got -1',
    'switchyard.yaml: general_settings.health_check_interval: expected a positive number of seconds, got -5',
  ]);
  t.same(lines(`
model_list:
  - {model_name: a, litellm_params: {model: openai/x}, model_info: {id: same}}
  - {model_name: b, litellm_params: {model: openai/y}, model_info: {id: same}}
`), ["switchyard.yaml: model_list[1].model_info.id: duplicate deployment id 'same' (also used by model_list[0]); each model_info.id must be unique"]);
});

t.test('a missing variable in a router key is reported once', async (t) => {
  t.same(lines(`${MODELS}\nrouter_settings: {num_retries: os.environ/RETRIES}\n`), ['switchyard.yaml: router_settings.num_retries: environment variable RETRIES is not set']);
});
