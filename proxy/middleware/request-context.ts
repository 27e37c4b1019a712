import { randomUUID } from 'node:crypto';
import type { Logger } from '../../sdk/index.js';
import type { RequestLogRecord } from '../../core/persistence/request-log.js';

/** Per-request state shared by middleware and routes (also registered in the request's awilix scope). */
export interface RequestContext {
  readonly requestId: string;
  /** The gateway logger with this request's id on every line. */
  readonly logger: Logger;
  /** Fires when the client goes away before the response finished. */
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
 * most requests never log, and a child per request was measurable on the hot path.
 */
class HttpRequestContext implements RequestContext {
  readonly requestId = randomUUID();
  readonly startedAt = performance.now();
  readonly startedAtDate = new Date();
  upstreamMs = 0;
  readonly log: RequestContext['log'] = {};
  logged = false;
  readonly #controller = new AbortController();
  // Node's `controller.signal` getter is not free; read it once.
  readonly signal = this.#controller.signal;
  readonly #parentLogger: Logger;
  #logger: Logger | undefined;

  constructor(parentLogger: Logger) {
    this.#parentLogger = parentLogger;
  }

  get logger(): Logger {
    return (this.#logger ??= this.#parentLogger.child({ requestId: this.requestId }));
  }

  abort(reason: unknown): void {
    this.#controller.abort(reason);
  }
}

/** Creates the context of one request; `abort` is called when the client disconnects. */
export function createRequestContext(logger: Logger): { context: RequestContext; abort: (reason?: unknown) => void } {
  const context = new HttpRequestContext(logger);
  return { context, abort: (reason) => context.abort(reason) };
}

/** Gateway time so far: elapsed minus time spent on upstreams, in milliseconds with 3 decimals. */
export function overheadMsOf(context: RequestContext): number {
  return Math.max(0, Math.round((performance.now() - context.startedAt - context.upstreamMs) * 1000) / 1000);
}
