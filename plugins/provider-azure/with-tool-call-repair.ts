import { type GenerateResult, type LanguageModel, repairTruncatedJson, type StreamPart, truncatedJsonSuffix } from '../../sdk/index.js';

/**
 * Wraps a language model so tool-call arguments cut off by the token limit are valid JSON:
 * `generate` completes them in place; `stream` sends one closing `tool-call-delta` before each
 * such call's `tool-call-end`. Only calls of a choice that finished with `length` are touched,
 * and the finish stays `length` so clients still see the answer was cut.
 */
export function withToolCallRepair(model: LanguageModel): LanguageModel {
  return {
    provider: model.provider,
    modelId: model.modelId,
    ...(model.metadata !== undefined ? { metadata: model.metadata } : {}),
    supportsMultipleChoices: model.supportsMultipleChoices,
    async generate(options) {
      return repairResult(await model.generate(options));
    },
    async stream(options) {
      const result = await model.stream(options);
      return { ...result, stream: result.stream.pipeThrough(createRepairTransform()) };
    },
  };
}

function repairResult(result: GenerateResult): GenerateResult {
  return {
    ...result,
    choices: result.choices.map((choice) =>
      choice.finishReason !== 'length' ? choice : { ...choice, toolCalls: choice.toolCalls.map((call) => ({ ...call, arguments: repairTruncatedJson(call.arguments) })) },
    ),
  };
}

/**
 * Holds each choice's `tool-call-end` parts until the next part shows whether the choice
 * finished with `length` (the kit sends the ends right before the finish).
 */
function createRepairTransform(): TransformStream<StreamPart, StreamPart> {
  const argumentsByCall = new Map<string, string>();
  let pendingEnds: Extract<StreamPart, { type: 'tool-call-end' }>[] = [];
  const key = (choice: number | undefined, index: number): string => `${choice ?? 0}:${index}`;
  const flush = (controller: TransformStreamDefaultController<StreamPart>, truncated: boolean): void => {
    for (const end of pendingEnds) {
      const text = argumentsByCall.get(key(end.choice, end.index)) ?? '';
      const suffix = truncated ? truncatedJsonSuffix(text) : '';
      if (suffix) controller.enqueue({ type: 'tool-call-delta', index: end.index, argumentsDelta: suffix, ...(end.choice !== undefined ? { choice: end.choice } : {}) });
      controller.enqueue(end);
    }
    pendingEnds = [];
  };
  return new TransformStream<StreamPart, StreamPart>({
    transform(part, controller) {
      if (part.type === 'tool-call-delta') argumentsByCall.set(key(part.choice, part.index), (argumentsByCall.get(key(part.choice, part.index)) ?? '') + part.argumentsDelta);
      if (part.type === 'tool-call-end') {
        pendingEnds.push(part);
        return;
      }
      flush(controller, part.type === 'finish' && part.finishReason === 'length');
      controller.enqueue(part);
    },
    flush(controller) {
      flush(controller, false);
    },
  });
}
