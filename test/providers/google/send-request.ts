/**
 * Sends one call through the Google plugin to a fake upstream and returns exactly what went
 * upstream, so request-translation tests can assert the whole body.
 */
import type { CallOptions, CallWarning } from '../../../sdk/index.js';
import { fakeUpstream, readRecorded, type ReceivedRequest } from '../../helpers/recorded-fixtures.js';
import { geminiAt, vertexAt } from './google-test-provider.js';

/** What one generate call sent upstream, and the warnings it returned. */
export interface SentRequest {
  readonly body: Record<string, unknown>;
  readonly request: ReceivedRequest;
  readonly warnings: readonly CallWarning[];
}

/** Runs `generate` on `model` (Gemini API unless `vertex`) against a recorded text answer. */
export async function sendRequest(options: CallOptions, settings: { model?: string; vertex?: boolean } = {}): Promise<SentRequest> {
  const upstream = await fakeUpstream([{ contentType: 'application/json', body: readRecorded('google/google-text.json') }]);
  try {
    const provider = settings.vertex === true ? await vertexAt(upstream.baseURL) : await geminiAt(upstream.baseURL);
    const result = await provider.languageModel(settings.model ?? 'gemini-2.5-flash').generate(options);
    const request = upstream.requests[0]!;
    return { body: request.json as Record<string, unknown>, request, warnings: result.warnings ?? [] };
  } finally {
    await upstream.close();
  }
}

/** A user turn with one text part. */
export const user = (text: string) => ({ role: 'user' as const, content: [{ type: 'text' as const, text }] });
