import { randomUUID } from 'node:crypto';
import type { StreamPart } from '../provider/stream-part.js';
import { isRecord, readArguments, readNumber, readString, readRecord } from './json-guards.js';

interface TrackedCall { readonly id: string; readonly upstreamIndex: number | undefined; ended: boolean }

/**
 * Turns one choice's streamed `tool_calls` fragments into start/delta/end parts with a stable,
 * dense index (0, 1, 2… in order of appearance), whatever the provider sends: OpenAI's
 * fragments keyed by `index`; Groq, Mistral and xAI whole calls in one delta; Mistral
 * fragments without `index`; a server whose first index is 1; servers that reuse one index
 * for several calls but give each its own id.
 */
export class ToolCallTracker {
  readonly #choice: number;
  readonly #calls: TrackedCall[] = [];
  readonly #byUpstreamIndex = new Map<number, number>();

  constructor(choice: number) {
    this.#choice = choice;
  }

  /** Whether any tool call started in this choice. */
  get hasCalls(): boolean {
    return this.#calls.length > 0;
  }

  /** Parts for one delta's `tool_calls` array. */
  push(fragments: unknown): StreamPart[] {
    if (!Array.isArray(fragments)) return [];
    const parts: StreamPart[] = [];
    for (const fragment of fragments) {
      if (!isRecord(fragment)) continue;
      const fn = readRecord(fragment['function']);
      const index = this.#resolve(readNumber(fragment['index']), readString(fragment['id']) || undefined, readString(fn['name']) ?? '', parts);
      const argumentsDelta = readArguments(fn['arguments']);
      if (argumentsDelta !== '') parts.push({ type: 'tool-call-delta', index, argumentsDelta, choice: this.#choice });
    }
    return parts;
  }

  /** `tool-call-end` for every call still open; called when the choice finishes. */
  end(): StreamPart[] {
    const parts: StreamPart[] = [];
    this.#calls.forEach((call, index) => {
      if (call.ended) return;
      call.ended = true;
      parts.push({ type: 'tool-call-end', index, choice: this.#choice });
    });
    return parts;
  }

  #resolve(upstreamIndex: number | undefined, id: string | undefined, name: string, parts: StreamPart[]): number {
    const known = upstreamIndex === undefined ? this.#calls.length - 1 : (this.#byUpstreamIndex.get(upstreamIndex) ?? -1);
    const current = known >= 0 ? this.#calls[known] : undefined;
    // Same call unless the fragment names a different id (a new call reusing an index, or Mistral's index-less calls).
    if (current !== undefined && (id === undefined || id === current.id)) return known;
    const index = this.#calls.length;
    // A call must have an id the client can answer with; a few local servers send none.
    const callId = id ?? `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
    this.#calls.push({ id: callId, upstreamIndex, ended: false });
    if (upstreamIndex !== undefined) this.#byUpstreamIndex.set(upstreamIndex, index);
    parts.push({ type: 'tool-call-start', index, id: callId, name, choice: this.#choice });
    return index;
  }
}
