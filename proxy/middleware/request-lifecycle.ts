import type { ServerResponse } from 'node:http';
import type { Logger } from '../../sdk/index.js';
import { SwitchyardError } from '../../sdk/index.js';
import type { RequestLogRecord } from '../../core/persistence/request-log.js';
import { toOpenAIErrorBody } from '../openai/to-openai-error-body.js';
import { createRequestContext, overheadMsOf, type RequestContext } from './request-context.js';

/** What Koa's `ctx.type = 'application/json'` sets. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** What the request lifecycle needs from the gateway. */
export interface RequestLifecycleDependencies {
  readonly logger: Logger;
  readonly requestLog: { write(record: RequestLogRecord): void };
  isShuttingDown(): boolean;
  /** Creates the request's awilix scope; disposed when the response closes. */
  readonly createRequestScope?: (context: RequestContext) => { dispose(): Promise<void> | void };
}

/** A request's awilix scope, created by the first `get()`; `dispose()` is a no-op if it never was. */
export class LazyRequestScope {
  #scope: { dispose(): Promise<void> | void } | undefined;
  constructor(private readonly create: () => { dispose(): Promise<void> | void }) {}

  get(): { dispose(): Promise<void> | void } {
    return (this.#scope ??= this.create());
  }

  get created(): boolean {
    return this.#scope !== undefined;
  }

  dispose(): void {
    void this.#scope?.dispose();
  }
}

/** An error turned into the response to send, or nothing when the client is already gone. */
export interface ErrorResponse {
  readonly status: number;
  /** The OpenAI error body, serialised. */
  readonly body: string;
}

/**
 * What every request goes through, whichever HTTP layer serves it (the Koa app, or the plain
 * handler in front of it for the model routes): its context and `x-request-id`, the request-log
 * row and client-abort when the response closes, the error body, and the overhead header.
 */
export class RequestLifecycle {
  constructor(private readonly deps: RequestLifecycleDependencies) {}

  /** Starts a request on `route` (the path, for the request log). */
  begin(response: ServerResponse, route: string): { context: RequestContext; scope: LazyRequestScope | undefined } {
    const deps = this.deps;
    const { context, abort } = createRequestContext(deps.logger);
    // The request's awilix scope (id, logger, abort signal over the singletons), made on first use
    // and disposed with the response: no route needs one yet, and a scope per request costs CPU.
    const scope = deps.createRequestScope ? new LazyRequestScope(() => deps.createRequestScope!(context)) : undefined;
    response.once('close', () => {
      if (!response.writableFinished) {
        abort(new SwitchyardError('REQUEST_CLIENT_DISCONNECTED', { message: 'The client disconnected before the response was complete.' }));
        context.log.status = 499;
        context.log.errorCode ??= 'REQUEST_CLIENT_DISCONNECTED';
      }
      if (context.logged) this.writeRequestLog(route, response.statusCode, context);
      scope?.dispose();
    });
    response.setHeader('x-request-id', context.requestId);
    if (deps.isShuttingDown()) response.setHeader('connection', 'close');
    return { context, scope };
  }

  /**
   * Logs a failed request and turns the error into an OpenAI error body (setting `retry-after`
   * when the error carries one). Returns nothing when the client is gone: nobody reads the answer,
   * and the row is already logged as 499.
   */
  fail(response: ServerResponse, context: RequestContext, error: unknown): ErrorResponse | undefined {
    if (context.clientSignal.aborted) {
      context.logger.debug('request aborted by the client');
      return undefined;
    }
    const { status, body } = toOpenAIErrorBody(error, context.requestId);
    if (status >= 500) context.logger.error('request failed', { error, status });
    else context.logger.debug('request rejected', { error, status });
    context.log.errorCode = SwitchyardError.isInstance(error) ? error.code : 'GATEWAY_INTERNAL';
    const retryAfterMs = SwitchyardError.isInstance(error) ? error.details['retryAfterMs'] : undefined;
    if (typeof retryAfterMs === 'number' && !response.headersSent) response.setHeader('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
    return { status, body: JSON.stringify(body) };
  }

  /** Sets `x-switchyard-overhead-ms` on a response about to be sent (not on an SSE stream: it sets its own). */
  finish(response: ServerResponse, context: RequestContext): void {
    context.log.overheadMs = overheadMsOf(context);
    response.setHeader('x-switchyard-overhead-ms', String(context.log.overheadMs));
  }

  private writeRequestLog(route: string, statusCode: number, context: RequestContext): void {
    const log = context.log;
    this.deps.requestLog.write({
      id: context.requestId,
      startedAt: context.startedAtDate,
      durationMs: Math.round(performance.now() - context.startedAt),
      overheadMs: log.overheadMs ?? overheadMsOf(context),
      route,
      requestedModel: log.requestedModel ?? null,
      provider: log.provider ?? null,
      upstreamModel: log.upstreamModel ?? null,
      deployment: log.deployment ?? null,
      stream: log.stream ?? false,
      status: log.status ?? statusCode,
      errorCode: log.errorCode ?? null,
      finishReason: log.finishReason ?? null,
      rawFinishReason: log.rawFinishReason ?? null,
      promptTokens: log.promptTokens ?? null,
      completionTokens: log.completionTokens ?? null,
      totalTokens: log.totalTokens ?? null,
      cachedTokens: log.cachedTokens ?? null,
      reasoningTokens: log.reasoningTokens ?? null,
      attempts: log.attempts ?? null,
    });
  }
}
