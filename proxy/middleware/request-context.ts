import { randomUUID } from 'node:crypto';
import type { Logger } from '../../sdk/index.js';
import type { RequestLogRecord } from '../../core/persistence/request-log.js';
import { ClientAbort, type ClientSignal } from '../../core/routing/client-signal.js';

/** Per-request state shared by middleware and routes (also registered in the request's awilix scope). */
export interface RequestContext {
  readonly requestId: string;
  /** The gateway logger with this request's id on every line. */
  readonly logger: Logger;
  /** Fires when the client goes away before the response finished; what routes hand to core. */
  readonly clientSignal: ClientSignal;
  /** The same as an `AbortSignal`, made on first use (for code that needs a real one). */
  readonly signal: AbortSignal;
  /** `performance.now()` when the request arrived. */
  readonly startedAt: number;
  readonly startedAtDate: Date;
  /** Milliseconds spent waiting on upstreams so far; subtracted from the overhead. */
  upstreamMs: number;
  /** Fields of the request-log row, filled in as the request goes. */
  readonly log: { -readonly [K in keyof RequestLogRecord]?: RequestLogRecord[K] };
  /** Whether a request-log row should be written (model routes only). */
  logged: boolean;
}

/**
 * One request's context. The request logger is a child of the gateway logger made on first use:
 * most requests never log, and a child per request was measurable on the hot path. For the same
 * reason the client's abort is a {@link ClientAbort}, with an `AbortSignal` only on demand.
 */
class HttpRequestContext implements RequestContext {
  readonly requestId = timeOrderedUuid();
  readonly startedAt = performance.now();
  readonly startedAtDate = new Date();
  upstreamMs = 0;
  readonly log: RequestContext['log'] = {};
  logged = false;
  readonly #abort = new ClientAbort();
  readonly clientSignal: ClientSignal = this.#abort;
  readonly #parentLogger: Logger;
  #logger: Logger | undefined;

  constructor(parentLogger: Logger) {
    this.#parentLogger = parentLogger;
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  get logger(): Logger {
    return (this.#logger ??= this.#parentLogger.child({ requestId: this.requestId }));
  }

  abort(reason: unknown): void {
    this.#abort.abort(reason);
  }
}

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits (taken from a v4 UUID,
 * whose variant bits are already right). Request ids are the request log's primary key: ids that
 * grow with time land at the end of its index instead of on a random page, and sort by arrival.
 */
export function timeOrderedUuid(now: number = Date.now()): string {
  if (now !== prefixMs) {
    const time = now.toString(16).padStart(12, '0');
    prefixMs = now;
    prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
  }
  return prefix + randomUUID().slice(15);
}
// The time part, kept for the millisecond it was made for (many requests share one).
let prefixMs = Number.NaN;
let prefix = '';

/** Creates the context of one request; `abort` is called when the client disconnects. */
export function createRequestContext(logger: Logger): { context: RequestContext; abort: (reason?: unknown) => void } {
  const context = new HttpRequestContext(logger);
  return { context, abort: (reason) => context.abort(reason) };
}

/** Gateway time so far: elapsed minus time spent on upstreams, in milliseconds with 3 decimals. */
export function overheadMsOf(context: RequestContext): number {
  return Math.max(0, Math.round((performance.now() - context.startedAt - context.upstreamMs) * 1000) / 1000);
}
