import type { EmbedOptions } from '../../sdk/index.js';
import { InvalidRequestError } from '../../sdk/index.js';
import { createRouteTrace } from '../../core/routing/route-types.js';
import type { ServedBy } from '../../core/services/chat-service.js';
import type { EmbeddingsService } from '../../core/services/embeddings-service.js';
import { readJsonBody } from '../middleware/read-json-body.js';
import { FieldReader, invalidField, isObject } from '../openai/field-reader.js';
import { parseRoutingFields } from '../openai/parse-routing-fields.js';
import type { ModelRoute } from './model-route.js';
import { readRoutingHeaders } from './read-routing-headers.js';
import { recordRouting, setRoutingHeaders } from './record-routing.js';

/** Dependencies of the embeddings route. */
export interface EmbeddingsRouteDependencies {
  readonly embeddingsService: EmbeddingsService;
  readonly maxBodyBytes: number;
}

const isTokenArray = (value: unknown): value is number[] => Array.isArray(value) && value.length > 0 && value.every((item) => Number.isInteger(item));

function parseInput(value: unknown): EmbedOptions['input'] {
  if (typeof value === 'string') return [value];
  if (isTokenArray(value)) return [value];
  if (Array.isArray(value) && value.length > 0) {
    if (value.every((item) => typeof item === 'string')) return value as string[];
    if (value.every(isTokenArray)) return value as number[][];
  }
  if (Array.isArray(value) && value.length === 0) throw new InvalidRequestError({ message: "Invalid value for 'input': expected a non-empty array.", param: 'input' });
  return invalidField('input', 'a string, an array of strings, an array of token ids or an array of token-id arrays', value);
}

/** `POST /v1/embeddings`. */
export function createEmbeddingsRoute(deps: EmbeddingsRouteDependencies): ModelRoute {
  return async (req, res, context) => {
    context.logged = true;
    const body = await readJsonBody(req, deps.maxBodyBytes);
    if (!isObject(body)) invalidField('body', 'a JSON object', body);
    const reader = new FieldReader(body, '');
    const model = reader.requiredString('model');
    context.log.requestedModel = model;
    context.log.stream = false;
    if (body['input'] === undefined) throw new InvalidRequestError({ message: "Missing required parameter: 'input'.", param: 'input' });
    const input = parseInput(body['input']);
    const encodingFormat = reader.oneOf('encoding_format', ['float', 'base64'] as const);
    const dimensions = reader.number('dimensions', { min: 1, integer: true });
    const user = reader.string('user');
    const trace = createRouteTrace();
    // The live array: a row written early (the client went away mid-request) still lists the attempts so far.
    context.log.attempts = trace.attempts;
    const options = {
      input,
      ...(encodingFormat ? { encodingFormat } : {}),
      ...(dimensions !== undefined ? { dimensions } : {}),
      ...(user !== undefined ? { user } : {}),
    };
    let served: ServedBy | undefined;
    let answer: Awaited<ReturnType<EmbeddingsService['embed']>>;
    try {
      answer = await deps.embeddingsService.embed({ model, options, signal: context.clientSignal, overrides: readRoutingHeaders(req.headers, parseRoutingFields(body)), trace });
      served = answer.served;
    } finally {
      recordRouting(context, trace, served);
      setRoutingHeaders(res, trace, served);
    }
    const { result } = answer;
    if (result.usage) {
      context.log.promptTokens = result.usage.promptTokens;
      context.log.totalTokens = result.usage.totalTokens;
    }
    return JSON.stringify({
      object: 'list',
      data: result.embeddings.map((embedding, index) => ({ object: 'embedding', index, embedding })),
      model: result.model ?? answer.served.modelId,
      usage: { prompt_tokens: result.usage?.promptTokens ?? 0, total_tokens: result.usage?.totalTokens ?? 0 },
    });
  };
}
