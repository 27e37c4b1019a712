import type { StreamPart, Usage } from '../../sdk/index.js';
import { toResponseIdentity, type ResponseIdentity } from './response-identity.js';
import { toOpenAIUsage } from './to-openai-usage.js';

/** What a finished stream reported, for the request log. */
export interface StreamSummary {
  usage?: Usage;
  finishReason?: string;
  rawFinishReason?: string;
  model?: string;
}

/**
 * Turns typed stream parts into OpenAI `chat.completion.chunk` SSE events. Stateful: one
 * encoder per response. Returns the SSE text to write for each part ('' when nothing is due).
 */
export class ChatChunkEncoder {
  private identity: ResponseIdentity | undefined;
  private readonly started = new Set<number>();
  private readonly pendingLogprobs = new Map<number, Record<string, unknown>>();
  readonly summary: StreamSummary = {};

  constructor(private readonly requestedModel: string, private readonly includeUsage: boolean) {}

  /** Encodes one part. */
  encode(part: StreamPart): string {
    switch (part.type) {
      case 'response-metadata':
        if (!this.identity) this.identity = toResponseIdentity(part, this.requestedModel);
        this.summary.model = part.model ?? this.summary.model;
        return '';
      case 'text-delta':
        return part.delta === '' ? '' : this.delta(part.choice ?? 0, { content: part.delta });
      case 'reasoning-delta': {
        const delta: Record<string, unknown> = {};
        if (part.delta !== '') delta['reasoning_content'] = part.delta;
        // Providers that number their reasoning blocks need them back signed on the next turn:
        // each delta also travels as a LiteLLM-style thinking_blocks entry, and a block ends with
        // the delta that carries its signature, so clients can rebuild several blocks per turn.
        if (part.redactedData !== undefined) delta['thinking_blocks'] = [{ type: 'redacted_thinking', data: part.redactedData }];
        else if (part.signature !== undefined || (part.block !== undefined && part.delta !== '')) {
          delta['thinking_blocks'] = [{ type: 'thinking', thinking: part.delta, ...(part.signature !== undefined ? { signature: part.signature } : {}) }];
        }
        return Object.keys(delta).length === 0 ? '' : this.delta(part.choice ?? 0, delta);
      }
      case 'refusal-delta':
        return this.delta(part.choice ?? 0, { refusal: part.delta });
      case 'tool-call-start':
        return this.delta(part.choice ?? 0, { tool_calls: [{ index: part.index, id: part.id, type: 'function', function: { name: part.name, arguments: '' } }] });
      case 'tool-call-delta':
        return part.argumentsDelta === '' ? '' : this.delta(part.choice ?? 0, { tool_calls: [{ index: part.index, function: { arguments: part.argumentsDelta } }] });
      case 'tool-call-end':
        return '';
      case 'logprobs':
        // Logprobs precede the delta they describe (sdk contract); attach them to it.
        this.pendingLogprobs.set(part.choice ?? 0, part.logprobs);
        return '';
      case 'usage':
        this.summary.usage = part.usage;
        return '';
      case 'finish':
        if ((part.choice ?? 0) === 0) {
          this.summary.finishReason = part.finishReason;
          this.summary.rawFinishReason = part.rawFinishReason;
        }
        return this.delta(part.choice ?? 0, {}, part.finishReason);
      case 'error':
        return '';
    }
  }

  /** The closing events: the usage chunk when asked for, then `[DONE]`. */
  end(): string {
    let text = '';
    if (this.includeUsage && this.summary.usage) {
      text += this.event({ ...this.envelope(), choices: [], usage: toOpenAIUsage(this.summary.usage) });
    }
    return `${text}data: [DONE]\n\n`;
  }

  private envelope(): Record<string, unknown> {
    this.identity ??= toResponseIdentity({}, this.requestedModel);
    const envelope: Record<string, unknown> = { id: this.identity.id, object: 'chat.completion.chunk', created: this.identity.created, model: this.identity.model };
    if (this.identity.systemFingerprint !== undefined) envelope['system_fingerprint'] = this.identity.systemFingerprint;
    if (this.identity.serviceTier !== undefined) envelope['service_tier'] = this.identity.serviceTier;
    return envelope;
  }

  private delta(choice: number, delta: Record<string, unknown>, finishReason: string | null = null): string {
    if (!this.started.has(choice)) {
      this.started.add(choice);
      delta = { role: 'assistant', ...delta };
    }
    const logprobs = this.pendingLogprobs.get(choice) ?? null;
    if (logprobs) this.pendingLogprobs.delete(choice);
    return this.event({ ...this.envelope(), choices: [{ index: choice, delta, logprobs, finish_reason: finishReason }] });
  }

  private event(chunk: Record<string, unknown>): string {
    return `data: ${JSON.stringify(chunk)}\n\n`;
  }
}
