import { childPath, describeValue, isConfigMap, type ConfigMap, type ConfigReader } from './config-reader.js';
import type { DeploymentConfig } from './host-config.js';
import { compactSettings, isConnectionKey, readConnectionSetting, type ConnectionSettings } from './read-connection-setting.js';
import { compactRouting, isDeploymentRoutingKey, readDeploymentRoutingKey } from './read-deployment-routing.js';
import type { DeploymentRoutingConfig } from './router-config.js';
import { suggestKey } from './suggest-key.js';

const ENTRY_KEYS = ['model_name', 'litellm_params', 'params', 'model_info'];

/** `model_info.mode` values LiteLLM knows. */
export const MODEL_MODES = [
  'chat', 'completion', 'embedding', 'image_generation', 'image_edit', 'audio_transcription', 'audio_speech', 'moderation',
  'rerank', 'responses', 'realtime', 'batch', 'video_generation', 'ocr', 'search',
] as const;

const TOKEN_LIMIT_KEYS = ['max_tokens', 'max_input_tokens', 'max_output_tokens'];
const PRICE_KEYS = ['input_cost_per_token', 'output_cost_per_token'];

const MODEL_FORM = "expected 'provider/model' (for example openai/gpt-4o or openrouter/anthropic/claude-sonnet-4)";

/** Reads `model_list`; returns the entries that are valid (problems are on the reader). */
export function readModelList(reader: ConfigReader, raw: unknown, path = 'model_list'): DeploymentConfig[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    reader.fail(path, `expected a list of deployments (each with model_name and litellm_params), got ${describeValue(raw)}`);
    return [];
  }
  const out: DeploymentConfig[] = [];
  raw.forEach((entry, index) => {
    const deployment = readDeployment(reader, entry, childPath(path, index));
    if (deployment) out.push(deployment);
  });
  return out;
}

function readDeployment(reader: ConfigReader, entry: unknown, path: string): DeploymentConfig | undefined {
  if (!isConfigMap(entry)) {
    reader.fail(path, `expected a mapping with model_name and litellm_params, got ${describeValue(entry)}`);
    return undefined;
  }
  for (const key of Object.keys(entry)) reader.classifyKey(undefined, key, path, ENTRY_KEYS);

  let modelName: string | undefined;
  if (entry.model_name === undefined) reader.fail(childPath(path, 'model_name'), 'required; expected the public model name clients ask for');
  else modelName = reader.string(entry.model_name, childPath(path, 'model_name'));

  const hasLitellm = entry.litellm_params !== undefined;
  const hasParams = entry.params !== undefined;
  if (hasLitellm && hasParams) {
    reader.fail(path, "both 'litellm_params' and 'params' are set; they are the same setting, keep only 'litellm_params'");
    return undefined;
  }
  const paramsKey = hasParams ? 'params' : 'litellm_params';
  const paramsPath = childPath(path, paramsKey);
  if (!hasLitellm && !hasParams) {
    reader.fail(paramsPath, `required; expected a mapping with at least 'model' (${MODEL_FORM.slice('expected '.length)})`);
    return undefined;
  }
  const rawParams = reader.map(entry[paramsKey], paramsPath, "a mapping with at least 'model'");
  const modelInfo = readModelInfo(reader, entry.model_info, childPath(path, 'model_info'));
  if (!rawParams) return undefined;
  const read = readParams(reader, rawParams, paramsPath);
  if (!read || modelName === undefined || !modelInfo) return undefined;
  return { modelName, provider: read.provider, model: read.model, settings: read.settings, modelInfo, params: read.params, routing: read.routing, path };
}

interface ReadParams {
  provider: string;
  model: string;
  settings: ConnectionSettings & { options?: ConfigMap };
  routing: DeploymentRoutingConfig;
  params: ConfigMap;
}

function readParams(reader: ConfigReader, raw: ConfigMap, path: string): ReadParams | undefined {
  const params: ConfigMap = {};
  const settings: ConnectionSettings = {};
  const routing: { -readonly [K in keyof DeploymentRoutingConfig]: DeploymentRoutingConfig[K] } = {};
  const options: ConfigMap = {};
  let handle: { provider: string; model: string } | undefined;
  let ok = true;
  for (const [key, value] of Object.entries(raw)) {
    const at = childPath(path, key);
    const kind = reader.classifyKey('litellm_params', key, path);
    if (kind === 'unknown') ok = false;
    else if (kind === 'unsupported') {
      const resolved = reader.resolve(value, at, true);
      if (resolved !== undefined) params[key] = resolved;
    } else if (key === 'model') {
      handle = readModelHandle(reader, value, at);
      if (handle) params[key] = `${handle.provider}/${handle.model}`;
      else ok = false;
    } else if (isDeploymentRoutingKey(key)) {
      const read = readDeploymentRoutingKey(reader, key, value, at, routing);
      if (read === undefined) ok = false;
      else params[key] = read;
    } else if (isConnectionKey(key)) {
      const resolved = readConnectionSetting(reader, key, value, at, settings);
      if (resolved === undefined) ok = false;
      else params[key] = resolved;
    } else {
      // Other supported keys are provider options (aws_region_name, vertex_project, …): the
      // provider plugin reads them from settings.options under their LiteLLM names.
      params[key] = options[key] = reader.resolve(value, at);
    }
  }
  if (raw.model === undefined) {
    reader.fail(childPath(path, 'model'), `required; ${MODEL_FORM}`);
    return undefined;
  }
  if (!ok || !handle) return undefined;
  const compact = compactSettings(settings);
  return { ...handle, settings: Object.keys(options).length > 0 ? { ...compact, options } : compact, routing: compactRouting(routing), params };
}

/** Splits `provider/model` on the first `/`: `openrouter/anthropic/claude` → openrouter + anthropic/claude. */
function readModelHandle(reader: ConfigReader, raw: unknown, path: string): { provider: string; model: string } | undefined {
  const value = reader.string(raw, path, { expected: MODEL_FORM.slice('expected '.length) });
  if (value === undefined) return undefined;
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) {
    reader.fail(path, `${MODEL_FORM}, got ${describeValue(value)}`);
    return undefined;
  }
  return { provider: value.slice(0, slash), model: value.slice(slash + 1) };
}

/** `model_info` is free-form in LiteLLM; only the fields Switchyard reads are type-checked. */
function readModelInfo(reader: ConfigReader, raw: unknown, path: string): ConfigMap | undefined {
  const map = reader.map(raw, path);
  if (!map) return undefined;
  const resolved = reader.resolve(map, path);
  if (!isConfigMap(resolved)) return undefined;
  let ok = true;
  const fail = (key: string, message: string): void => {
    reader.fail(childPath(path, key), message);
    ok = false;
  };
  if (resolved.id !== undefined && (typeof resolved.id !== 'string' || resolved.id === '')) {
    fail('id', `expected a non-empty string, got ${describeValue(resolved.id)}`);
  }
  if (resolved.mode !== undefined && !(MODEL_MODES as readonly unknown[]).includes(resolved.mode)) {
    const hint = typeof resolved.mode === 'string' ? suggestKey(resolved.mode, MODEL_MODES) : undefined;
    const got = describeValue(resolved.mode);
    fail('mode', hint ? `unknown mode ${got}; did you mean '${hint}'?` : `expected one of ${MODEL_MODES.join(', ')}, got ${got}`);
  }
  for (const key of PRICE_KEYS) {
    const value = resolved[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) fail(key, `expected a price per token (a number, 0 or more), got ${describeValue(value)}`);
  }
  for (const key of TOKEN_LIMIT_KEYS) {
    const value = resolved[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value > 0)) {
      fail(key, `expected a positive integer number of tokens, got ${describeValue(value)}`);
    }
  }
  return ok ? resolved : undefined;
}
