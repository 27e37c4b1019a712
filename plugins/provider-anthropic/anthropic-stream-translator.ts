import { isRecord, ProviderError, readNumber, readRecord, readString, type StreamPart, truncatedJsonSuffix } from '../../sdk/index.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import { mapStopReason } from './map-stop-reason.js';
import { mergeTokenCounts, toUsage, type AnthropicTokenCounts } from './to-usage.js';

/** Stateful translation of one Messages API event stream; see {@link createAnthropicStreamTranslator}. */
export interface AnthropicStreamTranslator {
  /** Parts for one parsed event. */
  push(event: unknown): StreamPart[];
  /** Parts owed when the event stream ends. */
  end(): StreamPart[];
  /** True after `message_stop` or an `error` event: nothing more counts. */
  readonly done: boolean;
}

type BlockState =
  | { readonly kind: 'text' | 'other' }
  | { readonly kind: 'reasoning'; readonly block: number }
  | { readonly kind: 'tool'; readonly index: number; args: string; open: boolean }
  | { readonly kind: 'answer'; args: string; open: boolean };

/**
 * Creates the per-stream state machine: content blocks become text, reasoning (numbered by
 * `block`, with `signature_delta` and redacted blocks attached) and tool-call parts with dense
 * indexes; `ping` and unknown events are ignored; usage from `message_start` and `message_delta`
 * is merged and sent once, before the single finish. A tool call's cut-off JSON is completed
 * with one extra argument fragment before its end; the response-format tool streams as text.
 */
export function createAnthropicStreamTranslator(options: { readonly provider: string; readonly responseTool?: string }): AnthropicStreamTranslator {
  const blocks = new Map<number, BlockState>();
  const counts: AnthropicTokenCounts = {};
  let reasoningBlocks = 0;
  let toolCalls = 0;
  let stopReason: string | undefined;
  let started = false;
  let done = false;

  const closeBlock = (state: BlockState | undefined): StreamPart[] => {
    if (state === undefined || (state.kind !== 'tool' && state.kind !== 'answer') || !state.open) return [];
    state.open = false;
    const closing = state.args.trim() === '' ? '{}' : truncatedJsonSuffix(state.args);
    if (state.kind === 'answer') return closing === '' ? [] : [{ type: 'text-delta', delta: closing }];
    const parts: StreamPart[] = closing === '' ? [] : [{ type: 'tool-call-delta', index: state.index, argumentsDelta: closing }];
    parts.push({ type: 'tool-call-end', index: state.index });
    return parts;
  };

  const finish = (): StreamPart[] => {
    done = true;
    const parts: StreamPart[] = [...blocks.values()].flatMap(closeBlock);
    const usage = toUsage(counts);
    if (usage !== undefined) parts.push({ type: 'usage', usage });
    parts.push({ type: 'finish', finishReason: mapStopReason(stopReason, toolCalls > 0), ...(stopReason !== undefined ? { rawFinishReason: stopReason } : {}) });
    return parts;
  };

  const startBlock = (index: number, block: Record<string, unknown>): StreamPart[] => {
    switch (block['type']) {
      case 'text': {
        blocks.set(index, { kind: 'text' });
        const text = readString(block['text']);
        return text ? [{ type: 'text-delta', delta: text }] : [];
      }
      case 'thinking': {
        const number = reasoningBlocks++;
        blocks.set(index, { kind: 'reasoning', block: number });
        const parts: StreamPart[] = [];
        const thinking = readString(block['thinking']);
        const signature = readString(block['signature']);
        if (thinking) parts.push({ type: 'reasoning-delta', delta: thinking, block: number });
        if (signature) parts.push({ type: 'reasoning-delta', delta: '', signature, block: number });
        return parts;
      }
      case 'redacted_thinking': {
        const number = reasoningBlocks++;
        blocks.set(index, { kind: 'reasoning', block: number });
        return [{ type: 'reasoning-delta', delta: '', redactedData: readString(block['data']) ?? '', block: number }];
      }
      case 'tool_use': {
        const name = readString(block['name']) ?? '';
        if (options.responseTool !== undefined && name === options.responseTool) {
          blocks.set(index, { kind: 'answer', args: '', open: true });
          return [];
        }
        const toolIndex = toolCalls++;
        blocks.set(index, { kind: 'tool', index: toolIndex, args: '', open: true });
        return [{ type: 'tool-call-start', index: toolIndex, id: readString(block['id']) ?? '', name }];
      }
      default:
        blocks.set(index, { kind: 'other' });
        return [];
    }
  };

  const delta = (state: BlockState | undefined, change: Record<string, unknown>): StreamPart[] => {
    if (state === undefined) return [];
    const type = change['type'];
    if (type === 'text_delta' && state.kind === 'text') {
      const text = readString(change['text']);
      return text ? [{ type: 'text-delta', delta: text }] : [];
    }
    if (state.kind === 'reasoning') {
      const thinking = readString(change['thinking']);
      const signature = readString(change['signature']);
      if (type === 'thinking_delta' && thinking) return [{ type: 'reasoning-delta', delta: thinking, block: state.block }];
      if (type === 'signature_delta' && signature) return [{ type: 'reasoning-delta', delta: '', signature, block: state.block }];
      return [];
    }
    if (type === 'input_json_delta' && (state.kind === 'tool' || state.kind === 'answer') && state.open) {
      const fragment = readString(change['partial_json']) ?? '';
      if (fragment === '') return [];
      state.args += fragment;
      return [state.kind === 'tool' ? { type: 'tool-call-delta', index: state.index, argumentsDelta: fragment } : { type: 'text-delta', delta: fragment }];
    }
    return [];
  };

  return {
    get done() {
      return done;
    },
    push(event) {
      if (done || !isRecord(event)) return [];
      const index = readNumber(event['index']) ?? -1;
      switch (event['type']) {
        case 'message_start': {
          started = true;
          const message = readRecord(event['message']);
          mergeTokenCounts(counts, message['usage']);
          const id = readString(message['id']);
          const model = readString(message['model']);
          return [{ type: 'response-metadata', ...(id !== undefined ? { id } : {}), ...(model !== undefined ? { model } : {}) }];
        }
        case 'content_block_start':
          return startBlock(index, readRecord(event['content_block']));
        case 'content_block_delta':
          return delta(blocks.get(index), readRecord(event['delta']));
        case 'content_block_stop':
          return closeBlock(blocks.get(index));
        case 'message_delta':
          stopReason = readString(readRecord(event['delta'])['stop_reason']) ?? stopReason;
          mergeTokenCounts(counts, event['usage']);
          return [];
        case 'message_stop':
          return finish();
        case 'error':
          done = true;
          return [{ type: 'error', error: mapAnthropicError({ error: event }, options) }];
        default:
          return [];
      }
    },
    end() {
      if (done) return [];
      if (started && stopReason !== undefined) return finish();
      done = true;
      const message = `${options.provider} ended the stream before message_stop.`;
      return [{ type: 'error', error: new ProviderError('PROVIDER_RESPONSE_INVALID', { message, provider: options.provider }) }];
    },
  };
}
