/**
 * Azure OpenAI test helpers: the plugin set up the way the loader does, and OpenAI recordings
 * dressed the way Azure sends them (a leading prompt-filter chunk, content-filter annotations).
 */
import type { Provider, ProviderSettings } from '../../../sdk/index.js';
import azurePlugin from '../../../plugins/provider-azure/index.js';
import { readRecorded } from '../../helpers/recorded-fixtures.js';
import { testPluginContext } from '../provider-harness.js';

/** The Azure provider pointed at `baseURL` (a resource endpoint). */
export async function azureAt(baseURL: string, extra: Partial<ProviderSettings> = {}): Promise<Provider> {
  const factory = await azurePlugin.setup(testPluginContext('provider-azure'));
  return factory.createProvider({ name: 'azure', apiKey: 'azure-key', baseURL, options: {}, ...extra });
}

const SAFE = { filtered: false, severity: 'safe' };
/** Azure's per-category verdicts on a prompt or a completion. */
export const CONTENT_FILTER_RESULTS = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE };

/** Azure's first stream chunk: only the prompt's filter verdicts, no choices, no identity. */
export const PROMPT_FILTER_CHUNK = { choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: CONTENT_FILTER_RESULTS }] };

/** An OpenAI stream recording's chunks as Azure streams them. */
export function azureChunks(chunks: readonly Record<string, any>[]): Record<string, any>[] {
  return [
    PROMPT_FILTER_CHUNK,
    ...chunks.map((chunk) => ({ ...chunk, choices: (chunk['choices'] ?? []).map((choice: Record<string, unknown>) => ({ ...choice, content_filter_results: choice['finish_reason'] ? {} : CONTENT_FILTER_RESULTS })) })),
  ];
}

/** SSE frames of chunks (with the final `[DONE]`). */
export function sse(chunks: readonly unknown[]): string[] {
  return [...chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`), 'data: [DONE]\n\n'];
}

/** A recorded OpenAI `*.chunks.txt` as Azure SSE frames. */
export function azureFramesOf(file: string): string[] {
  return sse(azureChunks(readRecorded(file).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line))));
}

/** A recorded OpenAI completion body with Azure's filter annotations added. */
export function azureCompletionOf(body: Record<string, any>): Record<string, any> {
  return {
    ...body,
    prompt_filter_results: [{ prompt_index: 0, content_filter_results: CONTENT_FILTER_RESULTS }],
    choices: body['choices'].map((choice: Record<string, unknown>) => ({ ...choice, content_filter_results: CONTENT_FILTER_RESULTS })),
  };
}

/** Azure's 400 for a prompt its content filter blocked. */
export const CONTENT_FILTER_ERROR = {
  error: {
    message: "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
    type: null,
    param: 'prompt',
    code: 'content_filter',
    status: 400,
    innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: { ...CONTENT_FILTER_RESULTS, violence: { filtered: true, severity: 'high' } } },
  },
};
