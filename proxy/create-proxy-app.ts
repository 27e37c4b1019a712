import Router from '@koa/router';
import Koa, { type Context, type Next } from 'koa';
import type { Logger } from '../sdk/index.js';
import { SwitchyardError } from '../sdk/index.js';
import type { Gateway } from '../core/create-gateway.js';
import type { RequestLogRecord } from '../core/persistence/request-log.js';
import type { ModelResolver } from '../core/routing/model-resolver.js';
import type { ChatService } from '../core/services/chat-service.js';
import type { EmbeddingsService } from '../core/services/embeddings-service.js';
import { createMasterKeyCheck } from './middleware/check-master-key.js';
import { DEFAULT_MAX_BODY_BYTES } from './middleware/read-json-body.js';
import { createRequestContext, overheadMsOf, type RequestContext } from './middleware/request-context.js';
import { toOpenAIErrorBody } from './openai/to-openai-error-body.js';
import { createChatCompletionsRoute } from './routes/chat-completions-route.js';
import { createDeploymentHealthRoute, type DeploymentHealthRouteDependencies } from './routes/deployment-health-route.js';
import { createEmbeddingsRoute } from './routes/embeddings-route.js';
import { createHealthRoutes, type HealthRouteDependencies } from './routes/health-routes.js';
import { createModelsRoutes } from './routes/models-route.js';

/** Everything the proxy needs from core. */
export interface ProxyAppDependencies extends HealthRouteDependencies, DeploymentHealthRouteDependencies {
  readonly logger: Logger;
  readonly chatService: ChatService;
  readonly embeddingsService: EmbeddingsService;
  readonly modelResolver: ModelResolver;
  readonly requestLog: { write(record: RequestLogRecord): void };
  readonly masterKey?: string;
  readonly maxBodyBytes?: number;
  /** Creates the request's awilix scope; disposed when the response closes. */
  readonly createRequestScope?: (context: RequestContext) => { dispose(): Promise<void> | void };
}

function writeRequestLog(deps: ProxyAppDependencies, ctx: Context, context: RequestContext): void {
  const log = context.log;
  deps.requestLog.write({
    id: context.requestId,
    startedAt: context.startedAtDate,
    durationMs: Math.round(performance.now() - context.startedAt),
    overheadMs: log.overheadMs ?? overheadMsOf(context),
    route: ctx.path,
    requestedModel: log.requestedModel ?? null,
    provider: log.provider ?? null,
    upstreamModel: log.upstreamModel ?? null,
    deployment: log.deployment ?? null,
    stream: log.stream ?? false,
    status: log.status ?? ctx.status,
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

/** Builds the Koa app serving the OpenAI-compatible API. Never listens: see start-proxy-server. */
export function createProxyApp(deps: ProxyAppDependencies): Koa {
  const app = new Koa();
  app.proxy = false;
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const checkMasterKey = deps.masterKey ? createMasterKeyCheck(deps.masterKey) : undefined;

  // Outermost: request context, ids, overhead header, errors, request log.
  app.use(async (ctx: Context, next: Next) => {
    const { context, abort } = createRequestContext(deps.logger);
    ctx.state['request'] = context;
    // The request's awilix scope (id, logger, abort signal over the singletons), made on first use
    // and disposed with the response: no route needs one yet, and a scope per request costs CPU.
    const scope = deps.createRequestScope ? new LazyRequestScope(() => deps.createRequestScope!(context)) : undefined;
    if (scope) ctx.state['scope'] = scope;
    const res = ctx.res;
    res.once('close', () => {
      if (!res.writableFinished) {
        abort(new SwitchyardError('REQUEST_CLIENT_DISCONNECTED', { message: 'The client disconnected before the response was complete.' }));
        context.log.status = 499;
        context.log.errorCode ??= 'REQUEST_CLIENT_DISCONNECTED';
      }
      if (context.logged) writeRequestLog(deps, ctx, context);
      scope?.dispose();
    });
    res.setHeader('x-request-id', context.requestId);
    try {
      if (deps.isShuttingDown()) res.setHeader('connection', 'close');
      await next();
      if (ctx.body === undefined && ctx.respond !== false && ctx.status === 404) {
        throw new SwitchyardError('REQUEST_ROUTE_NOT_FOUND', { message: `Unknown route: ${ctx.method} ${ctx.path}.` });
      }
    } catch (error) {
      if (context.signal.aborted) {
        // The client is gone: nobody reads this answer, and the row is already logged as 499.
        context.logger.debug('request aborted by the client');
        return;
      }
      const { status, body } = toOpenAIErrorBody(error, context.requestId);
      if (status >= 500) context.logger.error('request failed', { error, status });
      else context.logger.debug('request rejected', { error, status });
      context.log.errorCode = SwitchyardError.isInstance(error) ? error.code : 'GATEWAY_INTERNAL';
      const retryAfterMs = SwitchyardError.isInstance(error) ? error.details['retryAfterMs'] : undefined;
      if (typeof retryAfterMs === 'number') ctx.set('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
      if (ctx.respond === false) return;
      ctx.status = status;
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(body);
    }
    if (ctx.respond !== false) {
      context.log.overheadMs = overheadMsOf(context);
      res.setHeader('x-switchyard-overhead-ms', String(context.log.overheadMs));
    }
  });

  const health = createHealthRoutes(deps);
  const chat = createChatCompletionsRoute({ chatService: deps.chatService, maxBodyBytes });
  const embeddings = createEmbeddingsRoute({ embeddingsService: deps.embeddingsService, maxBodyBytes });
  const models = createModelsRoutes({ modelResolver: deps.modelResolver });
  const authorised = async (ctx: Context, next: Next): Promise<void> => {
    checkMasterKey?.(ctx.headers);
    await next();
  };

  const router = new Router();
  router.get('/health/liveness', health.liveness);
  router.get('/health/liveliness', health.liveness);
  router.get('/health/readiness', health.readiness);
  router.get('/health/deployments', authorised, createDeploymentHealthRoute(deps));
  for (const prefix of ['/v1', '']) {
    router.post(`${prefix}/chat/completions`, authorised, chat);
    router.post(`${prefix}/embeddings`, authorised, embeddings);
    router.get(`${prefix}/models`, authorised, models.list);
    router.get(new RegExp(`^${prefix}/models/.+$`), authorised, models.retrieve);
  }
  app.use(router.routes());
  app.use(async (ctx: Context, next: Next) => {
    const allowed = router.match(ctx.path, ctx.method);
    if (allowed.path.length > 0 && !allowed.route) {
      throw new SwitchyardError('REQUEST_METHOD_NOT_ALLOWED', { message: `Method ${ctx.method} is not allowed on ${ctx.path}.` });
    }
    await next();
  });
  return app;
}

/** The proxy's dependencies taken from a composed gateway. */
export function proxyDependenciesOf(gateway: Gateway, isShuttingDown: () => boolean): ProxyAppDependencies {
  const { cradle } = gateway;
  return {
    logger: cradle.logger,
    chatService: cradle.chatService,
    embeddingsService: cradle.embeddingsService,
    modelResolver: cradle.modelResolver,
    requestLog: cradle.requestLogWriter,
    masterKey: cradle.masterKey,
    maxBodyBytes: cradle.config.maxRequestBodyBytes,
    readiness: () => gateway.readiness(),
    createRequestScope: (context) => gateway.createRequestScope({ requestId: context.requestId, logger: context.logger, signal: context.signal, requestContext: context }),
    deploymentHealth: () => cradle.deploymentRouter.health(),
    isShuttingDown,
  };
}
