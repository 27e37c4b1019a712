import type { CallOptions, GenerateResult, LanguageModel, StreamPart, StreamResult, Usage } from '../../sdk/index.js';

/** A rough token count (about four characters a token) for mocked usage. */
function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

function promptText(options: CallOptions): string {
  let text = '';
  for (const message of options.messages) {
    if (typeof message.content === 'string') text += message.content;
    else for (const part of message.content) if (part.type === 'text') text += part.text;
  }
  return text;
}

function usageOf(options: CallOptions, answer: string, choices: number): Usage {
  const promptTokens = estimateTokens(promptText(options));
  const completionTokens = estimateTokens(answer) * choices;
  return { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens };
}

/**
 * Answers with a fixed text and calls no upstream: LiteLLM's `mock_response` convention,
 * used by the quick start and by tests. Streams the text in word-sized pieces.
 */
export function createMockLanguageModel(requestedModel: string, answer: string): LanguageModel {
  const provider = requestedModel.includes('/') ? requestedModel.slice(0, requestedModel.indexOf('/')) : 'mock';
  return {
    provider,
    modelId: requestedModel,
    supportsMultipleChoices: true,
    async generate(options: CallOptions): Promise<GenerateResult> {
      const count = options.n ?? 1;
      return {
        model: requestedModel,
        choices: Array.from({ length: count }, (_, index) => ({ index, text: answer, toolCalls: [], finishReason: 'stop' as const, rawFinishReason: 'mock' })),
        usage: usageOf(options, answer, count),
      };
    },
    async stream(options: CallOptions): Promise<StreamResult> {
      const pieces = answer.match(/\s*\S+\s*/g) ?? [answer];
      const count = options.n ?? 1;
      const parts: StreamPart[] = [{ type: 'response-metadata', model: requestedModel }];
      for (let choice = 0; choice < count; choice++) {
        for (const delta of pieces) parts.push({ type: 'text-delta', delta, choice });
        parts.push({ type: 'finish', finishReason: 'stop', rawFinishReason: 'mock', choice });
      }
      parts.push({ type: 'usage', usage: usageOf(options, answer, count) });
      let next = 0;
      const stream = new ReadableStream<StreamPart>({
        pull(controller) {
          if (options.signal?.aborted) return controller.error(options.signal.reason);
          if (next < parts.length) controller.enqueue(parts[next++]!);
          else controller.close();
        },
      });
      return { stream };
    },
  };
}
