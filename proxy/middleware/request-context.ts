import { randomUUID } from 'node:crypto';
import type { Logger } from '../../sdk/index.js';
import type { RequestLogRecord } from '../../core/persistence/request-log.js';

/** Per-request state shared by middleware and routes (lives in the request's awilix scope). */
export interface RequestContext {
  readonly requestId: string;
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

/** Creates the context of one request; `abort` is called when the client disconnects. */
export function createRequestContext(logger: Logger): { context: RequestContext; abort: (reason?: unknown) => void } {
  const controller = new AbortController();
  const requestId = randomUUID();
  const context: RequestContext = {
    requestId,
    logger: logger.child({ requestId }),
    signal: controller.signal,
    startedAt: performance.now(),
    startedAtDate: new Date(),
    upstreamMs: 0,
    log: {},
    logged: false,
  };
  return { context, abort: (reason) => controller.abort(reason) };
}

/** Gateway time so far: elapsed minus time spent on upstreams, in milliseconds with 3 decimals. */
export function overheadMsOf(context: RequestContext): number {
  return Math.max(0, Math.round((performance.now() - context.startedAt - context.upstreamMs) * 1000) / 1000);
}
