import { type GeneratedToolCall, type GenerateResult, ProviderError, type ReasoningPart, repairTruncatedJson } from '../../sdk/index.js';
import { mapStopReason } from './map-stop-reason.js';
import { toBedrockUsage } from './to-bedrock-usage.js';
import type { ResponseTool } from './to-converse-tool-config.js';

/** What {@link fromConverseResponse} needs besides the response. */
export interface FromConverseResponseOptions {
  readonly provider: string;
  readonly modelId: string;
  readonly responseTool?: ResponseTool;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const readString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Reads a Converse response into a GenerateResult: text blocks joined, `toolUse` blocks as tool
 * calls (input as JSON text), reasoning kept block by block with its signature or redacted bytes
 * (base64) so the next turn can send it back, the stop reason mapped with the raw one kept.
 * The forced `response_format` tool call becomes the answer text.
 */
export function fromConverseResponse(response: unknown, options: FromConverseResponseOptions): GenerateResult {
  const message = isRecord(response) && isRecord(response['output']) ? response['output']['message'] : undefined;
  if (!isRecord(message) || !Array.isArray(message['content'])) {
    throw new ProviderError('PROVIDER_RESPONSE_INVALID', { message: `${options.provider} sent a response without an output message.`, provider: options.provider });
  }
  let text: string | null = null;
  const reasoningBlocks: ReasoningPart[] = [];
  const toolCalls: GeneratedToolCall[] = [];
  for (const block of message['content']) {
    if (!isRecord(block)) continue;
    const blockText = readString(block['text']);
    if (blockText !== undefined) text = (text ?? '') + blockText;
    const reasoning = readReasoning(block['reasoningContent']);
    if (reasoning !== undefined) reasoningBlocks.push(reasoning);
    if (isRecord(block['toolUse'])) {
      const call = block['toolUse'];
      const name = readString(call['name']) ?? '';
      const argumentsText = toArgumentsText(call['input']);
      if (options.responseTool !== undefined && name === options.responseTool.name) text = (text ?? '') + toAnswerText(argumentsText, options.responseTool);
      else toolCalls.push({ id: readString(call['toolUseId']) ?? '', name, arguments: argumentsText });
    }
  }
  const raw = isRecord(response) ? readString(response['stopReason']) : undefined;
  const usage = isRecord(response) ? toBedrockUsage(response['usage']) : undefined;
  const reasoningText = reasoningBlocks.map((block) => block.text).join('');
  const signed = reasoningBlocks.some((block) => block.signature !== undefined || block.redactedData !== undefined);
  return {
    model: options.modelId,
    choices: [
      {
        index: 0,
        text,
        ...(reasoningBlocks.length > 0 ? { reasoning: reasoningText } : {}),
        ...(signed ? { reasoningBlocks } : {}),
        refusal: null,
        toolCalls,
        finishReason: mapStopReason(raw, toolCalls.length > 0),
        ...(raw !== undefined ? { rawFinishReason: raw } : {}),
        logprobs: null,
      },
    ],
    ...(usage !== undefined ? { usage } : {}),
  };
}

function readReasoning(value: unknown): ReasoningPart | undefined {
  if (!isRecord(value)) return undefined;
  const redacted = value['redactedContent'];
  if (redacted instanceof Uint8Array) return { type: 'reasoning', text: '', redactedData: Buffer.from(redacted).toString('base64') };
  if (typeof redacted === 'string') return { type: 'reasoning', text: '', redactedData: redacted };
  if (!isRecord(value['reasoningText'])) return undefined;
  const signature = readString(value['reasoningText']['signature']);
  return { type: 'reasoning', text: readString(value['reasoningText']['text']) ?? '', ...(signature ? { signature } : {}) };
}

/** Tool input as JSON text. Bedrock normally parses it; a cut-off input may arrive as raw text. */
function toArgumentsText(input: unknown): string {
  if (typeof input === 'string') return repairTruncatedJson(input);
  return JSON.stringify(input ?? {});
}

/** The answer carried by the response tool: its input, unwrapped from `{ value }` when it was wrapped. */
export function toAnswerText(argumentsText: string, tool: ResponseTool): string {
  if (!tool.wrapped) return argumentsText;
  try {
    const parsed: unknown = JSON.parse(argumentsText);
    return isRecord(parsed) && 'value' in parsed ? JSON.stringify(parsed['value']) : argumentsText;
  } catch {
    return argumentsText;
  }
}
