import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** One upstream attempt of a request (a retry or a fallback); filled in by the router. */
export interface RequestLogAttempt {
  /** Deployment id the attempt went to. */
  readonly deployment: string;
  /** Switchyard error code of a failed attempt; `null` when it succeeded. */
  readonly errorCode: string | null;
  /** Time spent on this attempt, in milliseconds. */
  readonly latencyMs: number;
}

/**
 * `RequestLog` (table `request_log`): one row per proxied request, written in batches by
 * the request log writer. The primary key is the request id.
 */
export const RequestLog = defineEntity({
  name: 'RequestLog',
  tableName: 'request_log',
  // Free-form strings are `text`: a long client-supplied model name must not fail a whole batch.
  properties: (p) => ({
    id: p.string().primary(),
    startedAt: p.datetime(),
    durationMs: p.integer(),
    overheadMs: p.float(),
    route: p.text(),
    requestedModel: p.text().nullable(),
    provider: p.text().nullable(),
    upstreamModel: p.text().nullable(),
    deployment: p.text().nullable(),
    stream: p.boolean(),
    status: p.integer(),
    errorCode: p.text().nullable(),
    finishReason: p.text().nullable(),
    rawFinishReason: p.text().nullable(),
    promptTokens: p.integer().nullable(),
    completionTokens: p.integer().nullable(),
    totalTokens: p.integer().nullable(),
    cachedTokens: p.integer().nullable(),
    reasoningTokens: p.integer().nullable(),
    attempts: p.json<RequestLogAttempt[]>().nullable(),
  }),
  indexes: [{ properties: 'startedAt' }],
});

/** An entity instance of {@link RequestLog}. */
export type RequestLogEntity = InferEntity<typeof RequestLog>;

/**
 * What the proxy hands to the request log writer: a plain object mirroring {@link RequestLog}.
 * Nullable columns may be left out; they are stored as `NULL`.
 */
export interface RequestLogRecord {
  /** The request id (a UUID); primary key. */
  readonly id: string;
  /** When the gateway received the request. */
  readonly startedAt: Date;
  /** Total time until the last byte was sent, in whole milliseconds. */
  readonly durationMs: number;
  /** Gateway time excluding time spent waiting on the upstream, in milliseconds. */
  readonly overheadMs: number;
  /** Route path, for example `/v1/chat/completions`. */
  readonly route: string;
  /** The `model` the client asked for. */
  readonly requestedModel?: string | null;
  /** Provider id that served the request. */
  readonly provider?: string | null;
  /** Model id sent upstream. */
  readonly upstreamModel?: string | null;
  /** Deployment id chosen by the router. */
  readonly deployment?: string | null;
  /** Whether the client asked for a stream. */
  readonly stream: boolean;
  /** HTTP status sent to the client. */
  readonly status: number;
  /** Switchyard error code when the request failed. */
  readonly errorCode?: string | null;
  /** Unified finish reason. */
  readonly finishReason?: string | null;
  /** Finish reason as the provider reported it. */
  readonly rawFinishReason?: string | null;
  readonly promptTokens?: number | null;
  readonly completionTokens?: number | null;
  readonly totalTokens?: number | null;
  readonly cachedTokens?: number | null;
  readonly reasoningTokens?: number | null;
  /** Upstream attempts in order (retries and fallbacks). */
  readonly attempts?: readonly RequestLogAttempt[] | null;
}
