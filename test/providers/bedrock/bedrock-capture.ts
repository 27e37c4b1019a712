/** Runs one call against a fake Bedrock that answers with plain text, and returns what it was sent. */
import type { CallOptions, GenerateResult, ProviderSettings } from '../../../sdk/index.js';
import { fakeUpstream, type FakeReply } from '../../helpers/recorded-fixtures.js';
import { bedrockAt } from './bedrock-test-provider.js';

/** A Converse answer saying `text`. */
export function converseReply(text = 'ok', extra: Record<string, unknown> = {}): FakeReply {
  const body = { output: { message: { role: 'assistant', content: [{ text }] } }, stopReason: 'end_turn', usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 }, metrics: { latencyMs: 1 }, ...extra };
  return { contentType: 'application/json', body: JSON.stringify(body) };
}

/** What one generate call sent upstream and got back. */
export interface Captured {
  readonly body: Record<string, any>;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly result: GenerateResult;
}

/** Calls `generate` on `modelId` with `options` and captures the upstream request. */
export async function captureGenerate(options: CallOptions, modelId = 'us.amazon.nova-micro-v1:0', reply: FakeReply = converseReply(), settings: Partial<ProviderSettings> = {}): Promise<Captured> {
  const upstream = await fakeUpstream([reply]);
  try {
    const provider = await bedrockAt(upstream.baseURL, settings);
    const result = await provider.languageModel(modelId).generate(options);
    const request = upstream.requests[0]!;
    return { body: request.json as Record<string, any>, url: request.url, headers: request.headers, result };
  } finally {
    await upstream.close();
  }
}

/** Calls `generate` expecting it to fail before any upstream call; returns the error. */
export async function generateError(options: CallOptions, modelId = 'us.amazon.nova-micro-v1:0'): Promise<unknown> {
  const upstream = await fakeUpstream([converseReply()]);
  try {
    const provider = await bedrockAt(upstream.baseURL);
    await provider.languageModel(modelId).generate(options);
  } catch (error) {
    if (upstream.requests.length > 0) throw new Error('the call reached the upstream');
    return error;
  } finally {
    await upstream.close();
  }
  throw new Error('expected generate to fail');
}
