import { ProviderError, SwitchyardError, type EmbeddingModel, type EmbedOptions, type EmbedResult } from '../../sdk/index.js';
import { withSignal } from './with-signal.js';

/**
 * Failures a smaller batch may avoid (a batch too large in tokens or bytes, an upstream that
 * chokes on one input). Rate limits, bad keys and connection failures are not among them:
 * splitting would only multiply the calls.
 */
const SPLITTABLE = new Set(['PROVIDER_BAD_REQUEST', 'PROVIDER_CONTEXT_LENGTH_EXCEEDED', 'PROVIDER_SERVER_ERROR', 'PROVIDER_TIMEOUT', 'PROVIDER_RESPONSE_INVALID']);

type Input = EmbedOptions['input'];
type Vector = EmbedResult['embeddings'][number];

/**
 * Embeds `options.input` with `model`: in batches of at most `model.maxInputsPerCall`, one after
 * another; a failing batch is halved and each half retried, down to single inputs (a single
 * input that still fails fails the whole call, which the router may then retry elsewhere).
 * Results come back in input order with usage summed over the calls made.
 */
export async function embedInBatches(model: EmbeddingModel, options: EmbedOptions, signal: AbortSignal): Promise<EmbedResult> {
  const input = options.input;
  const limit = model.maxInputsPerCall !== undefined && model.maxInputsPerCall > 0 ? model.maxInputsPerCall : input.length;
  const vectors: Vector[] = new Array<Vector>(input.length);
  let promptTokens = 0;
  let totalTokens = 0;
  let counted = false;
  let modelName: string | undefined;

  const embed = async (start: number, end: number): Promise<void> => {
    const slice = (start === 0 && end === input.length ? input : input.slice(start, end)) as Input;
    let result: EmbedResult;
    try {
      result = await model.embed(Object.assign(withSignal(options, signal), { input: slice }));
      if (result.embeddings.length !== end - start) {
        throw new ProviderError('PROVIDER_RESPONSE_INVALID', { message: `${model.provider} returned ${result.embeddings.length} embeddings for ${end - start} inputs.`, provider: model.provider });
      }
    } catch (error) {
      if (signal.aborted || end - start <= 1 || !(SwitchyardError.isInstance(error) && SPLITTABLE.has(error.code))) throw error;
      const middle = start + Math.ceil((end - start) / 2);
      await embed(start, middle);
      await embed(middle, end);
      return;
    }
    for (let index = 0; index < result.embeddings.length; index++) vectors[start + index] = result.embeddings[index]!;
    modelName ??= result.model;
    if (result.usage) {
      counted = true;
      promptTokens += result.usage.promptTokens;
      totalTokens += result.usage.totalTokens;
    }
  };

  for (let start = 0; start < input.length; start += limit) await embed(start, Math.min(start + limit, input.length));
  return {
    embeddings: vectors,
    ...(modelName !== undefined ? { model: modelName } : {}),
    ...(counted ? { usage: { promptTokens, totalTokens } } : {}),
  };
}
