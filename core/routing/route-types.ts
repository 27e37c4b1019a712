import type { ClientSignal } from './client-signal.js';
import type { Deployment } from './deployment.js';
import type { RequestFallbacks } from './fallback-plan.js';
import type { ResolvedModel } from './model-resolver.js';

/** What one client request may override (request body fields and `x-switchyard-*` headers). */
export interface RouteOverrides extends RequestFallbacks {
  readonly numRetries?: number;
  readonly timeoutMs?: number;
  readonly streamTimeoutMs?: number;
}

/** One upstream attempt, as recorded in the request log (mutable: a stream's later failure updates it). */
export interface AttemptRecord {
  readonly deployment: string;
  readonly modelGroup: string;
  readonly provider: string;
  readonly model: string;
  errorCode: string | null;
  latencyMs: number;
}

/** What the router did for one client request; the proxy turns it into headers and the log row. */
export interface RouteTrace {
  readonly attempts: AttemptRecord[];
  /** Milliseconds spent waiting on upstreams and in retry backoff (not gateway overhead). */
  upstreamMs: number;
}

/** Creates an empty trace. */
export function createRouteTrace(): RouteTrace {
  return { attempts: [], upstreamMs: 0 };
}

/** One request to route. */
export interface RouteRequest {
  /** The `model` the client asked for: a model group, a deployment id or a `provider/model` handle. */
  readonly model: string;
  /** The client's signal: a disconnect stops everything at once. */
  readonly signal: ClientSignal;
  /** `call`: the attempt's deadline is `timeout`; `stream`: `stream_timeout`, until the first part. */
  readonly mode: 'call' | 'stream';
  readonly overrides?: RouteOverrides;
  /** Estimated prompt tokens; set only when pre-call checks are on. */
  readonly promptTokens?: number;
  readonly trace: RouteTrace;
}

/** What an attempt function gets. */
export interface AttemptContext {
  readonly deployment: Deployment;
  readonly resolved: ResolvedModel;
  /** Pass to the provider: fires on client abort, on the attempt's deadline, or when the router aborts it. */
  readonly signal: AbortSignal;
}

/**
 * The successful attempt, still open: in-flight counts and the client-abort link last until
 * {@link AttemptLease.finish}. A stream finishes its lease when it ends.
 */
export interface AttemptLease {
  readonly signal: AbortSignal;
  /** Longest gap between streamed parts. */
  readonly idleTimeoutMs: number;
  abort(reason: unknown): void;
  /**
   * Ends the attempt (idempotent). `error`: it failed after the hand-over (counts towards
   * cooldowns and is written on the attempt record); `tokens`: usage for usage-based routing.
   */
  finish(outcome?: { readonly error?: unknown; readonly tokens?: number }): void;
}

/** A routed call's result. */
export interface Routed<T> {
  readonly value: T;
  readonly deployment: Deployment;
  /** The model group that answered (differs from the requested model after a fallback). */
  readonly modelGroup: string;
  readonly lease: AttemptLease;
}
