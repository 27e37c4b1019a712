import type { RouteOverrides } from '../../core/routing/route-types.js';
import { InvalidRequestError } from '../../sdk/index.js';
import { FieldReader, invalidField, isObject, type JsonObject } from './field-reader.js';

/** Most retries one request may ask for: a client must not be able to turn one call into hundreds. */
export const MAX_REQUEST_RETRIES = 10;

/** LiteLLM's request-body fallbacks: model names, or `{ "model": name }` objects. */
function parseModelList(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return invalidField(field, 'an array of model names', value);
  return value.map((item, index) => {
    const param = `${field}[${index}]`;
    if (typeof item === 'string' && item !== '') return item;
    if (isObject(item)) {
      const extra = Object.keys(item).filter((key) => key !== 'model');
      if (extra.length > 0) throw new InvalidRequestError({ message: `Unsupported fields in '${param}': ${extra.join(', ')}; a fallback names only its 'model'.`, param });
      return new FieldReader(item, param).requiredString('model');
    }
    return invalidField(param, 'a model name', item);
  });
}

const ROUTING_FIELDS = ['num_retries', 'timeout', 'stream_timeout', 'fallbacks', 'context_window_fallbacks', 'content_policy_fallbacks'] as const;
/** Shared by every request that sets no routing field (most of them). */
const NO_OVERRIDES: RouteOverrides = Object.freeze({});

const seconds = (value: number | undefined): number | undefined => (value === undefined ? undefined : Math.round(value * 1000));

/**
 * Reads the gateway's own routing fields of a request body (`num_retries`, `timeout`,
 * `stream_timeout` in seconds, `fallbacks`, `context_window_fallbacks`, `content_policy_fallbacks`),
 * as LiteLLM accepts them. They are consumed here and never forwarded upstream.
 */
export function parseRoutingFields(body: JsonObject): RouteOverrides {
  if (!ROUTING_FIELDS.some((field) => body[field] !== undefined)) return NO_OVERRIDES;
  const reader = new FieldReader(body, '');
  const overrides: { -readonly [K in keyof RouteOverrides]: RouteOverrides[K] } = {
    numRetries: reader.number('num_retries', { min: 0, max: MAX_REQUEST_RETRIES, integer: true }),
    timeoutMs: seconds(reader.number('timeout', { min: 0.001 })),
    streamTimeoutMs: seconds(reader.number('stream_timeout', { min: 0.001 })),
    fallbacks: parseModelList(body['fallbacks'], 'fallbacks'),
    contextWindowFallbacks: parseModelList(body['context_window_fallbacks'], 'context_window_fallbacks'),
    contentPolicyFallbacks: parseModelList(body['content_policy_fallbacks'], 'content_policy_fallbacks'),
  };
  for (const key of Object.keys(overrides) as (keyof RouteOverrides)[]) if (overrides[key] === undefined) delete overrides[key];
  return overrides;
}
