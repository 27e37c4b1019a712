import { type StreamPart, truncatedJsonSuffix } from '../../sdk/index.js';
import { toAnswerText } from './from-converse-response.js';
import { mapStopReason } from './map-stop-reason.js';
import { toBedrockUsage } from './to-bedrock-usage.js';
import type { ResponseTool } from './to-converse-tool-config.js';

type Block =
  | { readonly kind: 'text' }
  | { readonly kind: 'reasoning'; readonly number: number }
  | { readonly kind: 'tool'; readonly index: number; arguments: string; stopped: boolean }
  | { readonly kind: 'answer'; arguments: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const readString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The state machine behind a ConverseStream: turns each SDK event (`{ messageStart }`,
 * `{ contentBlockStart }`, `{ contentBlockDelta }`, …) into typed stream parts. Content blocks
 * are numbered by Bedrock; tool calls get dense indexes 0, 1, … and reasoning blocks their own
 * numbers so signatures attach to the right block. Tool calls end together with the message,
 * once the stop reason is known: if the model ran out of tokens inside a call's arguments, one
 * closing delta repairs them first (the finish stays `length`).
 */
export class ConverseStreamTranslator {
  readonly #blocks = new Map<number, Block>();
  readonly #modelId: string;
  readonly #responseTool: ResponseTool | undefined;
  #started = false;
  #finished = false;
  #toolCount = 0;
  #reasoningCount = 0;

  constructor(options: { readonly modelId: string; readonly responseTool?: ResponseTool }) {
    this.#modelId = options.modelId;
    this.#responseTool = options.responseTool;
  }

  /** Parts for one event. */
  push(event: unknown): StreamPart[] {
    const parts: StreamPart[] = [];
    if (!this.#started) {
      this.#started = true;
      parts.push({ type: 'response-metadata', model: this.#modelId });
    }
    if (!isRecord(event)) return parts;
    if (isRecord(event['contentBlockStart'])) this.#start(event['contentBlockStart'], parts);
    else if (isRecord(event['contentBlockDelta'])) this.#delta(event['contentBlockDelta'], parts);
    else if (isRecord(event['contentBlockStop'])) this.#stop(event['contentBlockStop'], parts);
    else if (isRecord(event['messageStop'])) parts.push(...this.#finish(readString(event['messageStop']['stopReason'])));
    else if (isRecord(event['metadata'])) {
      const usage = toBedrockUsage(event['metadata']['usage']);
      if (usage !== undefined) parts.push({ type: 'usage', usage });
    }
    return parts;
  }

  /** Parts owed when the stream ends without `messageStop`. */
  end(): StreamPart[] {
    const parts: StreamPart[] = this.#started ? [] : [{ type: 'response-metadata', model: this.#modelId }];
    if (!this.#finished) parts.push(...this.#finish(undefined));
    return parts;
  }

  #start(event: Record<string, unknown>, parts: StreamPart[]): void {
    const index = Number(event['contentBlockIndex'] ?? 0);
    const start = isRecord(event['start']) ? event['start'] : {};
    if (!isRecord(start['toolUse'])) return;
    const name = readString(start['toolUse']['name']) ?? '';
    if (this.#responseTool !== undefined && name === this.#responseTool.name) {
      this.#blocks.set(index, { kind: 'answer', arguments: '' });
      return;
    }
    const block = { kind: 'tool' as const, index: this.#toolCount++, arguments: '', stopped: false };
    this.#blocks.set(index, block);
    parts.push({ type: 'tool-call-start', index: block.index, id: readString(start['toolUse']['toolUseId']) ?? '', name });
  }

  #delta(event: Record<string, unknown>, parts: StreamPart[]): void {
    const index = Number(event['contentBlockIndex'] ?? 0);
    const delta = isRecord(event['delta']) ? event['delta'] : {};
    const text = readString(delta['text']);
    if (text !== undefined) {
      if (!this.#blocks.has(index)) this.#blocks.set(index, { kind: 'text' });
      if (text !== '') parts.push({ type: 'text-delta', delta: text });
    }
    if (isRecord(delta['toolUse'])) {
      const block = this.#blocks.get(index);
      const input = readString(delta['toolUse']['input']) ?? '';
      if (block?.kind === 'tool' && input !== '') {
        block.arguments += input;
        parts.push({ type: 'tool-call-delta', index: block.index, argumentsDelta: input });
      } else if (block?.kind === 'answer') {
        block.arguments += input;
        // A wrapped answer is unwrapped once complete; a plain one streams as text.
        if (this.#responseTool?.wrapped !== true && input !== '') parts.push({ type: 'text-delta', delta: input });
      }
    }
    if (isRecord(delta['reasoningContent'])) {
      let block = this.#blocks.get(index);
      if (block?.kind !== 'reasoning') {
        block = { kind: 'reasoning', number: this.#reasoningCount++ };
        this.#blocks.set(index, block);
      }
      const reasoning = delta['reasoningContent'];
      const piece = readString(reasoning['text']);
      const signature = readString(reasoning['signature']);
      const redacted = reasoning['redactedContent'];
      if (piece) parts.push({ type: 'reasoning-delta', delta: piece, block: block.number });
      if (signature) parts.push({ type: 'reasoning-delta', delta: '', signature, block: block.number });
      if (redacted instanceof Uint8Array) parts.push({ type: 'reasoning-delta', delta: '', redactedData: Buffer.from(redacted).toString('base64'), block: block.number });
    }
  }

  #stop(event: Record<string, unknown>, parts: StreamPart[]): void {
    const block = this.#blocks.get(Number(event['contentBlockIndex'] ?? 0));
    if (block?.kind === 'answer' && this.#responseTool?.wrapped === true) parts.push({ type: 'text-delta', delta: toAnswerText(block.arguments, this.#responseTool) });
    if (block?.kind !== 'tool' || block.stopped) return;
    block.stopped = true;
    // A call with no input at all gets `{}`, what clients parsing arguments expect.
    if (block.arguments === '') {
      block.arguments = '{}';
      parts.push({ type: 'tool-call-delta', index: block.index, argumentsDelta: '{}' });
    }
  }

  #finish(raw: string | undefined): StreamPart[] {
    const parts: StreamPart[] = [];
    if (this.#finished) return parts;
    const tools = [...this.#blocks.values()].filter((block): block is Extract<Block, { kind: 'tool' }> => block.kind === 'tool');
    const finishReason = mapStopReason(raw, tools.length > 0);
    for (const tool of tools) {
      if (tool.arguments === '') parts.push({ type: 'tool-call-delta', index: tool.index, argumentsDelta: '{}' });
      else if (finishReason === 'length') {
        const suffix = truncatedJsonSuffix(tool.arguments);
        if (suffix) parts.push({ type: 'tool-call-delta', index: tool.index, argumentsDelta: suffix });
      }
      parts.push({ type: 'tool-call-end', index: tool.index });
    }
    parts.push({ type: 'finish', finishReason, ...(raw !== undefined ? { rawFinishReason: raw } : {}) });
    this.#finished = true;
    return parts;
  }
}
