import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import Router from '@koa/router';
import Koa, { type Context, type Next } from 'koa';
import type { Logger } from '../sdk/index.js';
import { SwitchyardError } from '../sdk/index.js';
import type { Gateway } from '../core/create-gateway.js';
import type { ModelResolver } from '../core/routing/model-resolver.js';
import type { ChatService } from '../core/services/chat-service.js';
import type { EmbeddingsService } from '../core/services/embeddings-service.js';
import { createMasterKeyCheck } from './middleware/check-master-key.js';
import { DEFAULT_MAX_BODY_BYTES } from './middleware/read-json-body.js';
import type { RequestContext } from './middleware/request-context.js';
import { JSON_CONTENT_TYPE, RequestLifecycle, type RequestLifecycleDependencies } from './middleware/request-lifecycle.js';
import { createChatCompletionsRoute } from './routes/chat-completions-route.js';
import { createDeploymentHealthRoute, type DeploymentHealthRouteDependencies } from './routes/deployment-health-route.js';
import { createEmbeddingsRoute } from './routes/embeddings-route.js';
import { createHealthRoutes, type HealthRouteDependencies } from './routes/health-routes.js';
import type { ModelRoute } from './routes/model-route.js';
import { createModelsRoutes } from './routes/models-route.js';

/** Everything the proxy needs from core. */
export interface ProxyAppDependencies extends HealthRouteDependencies, DeploymentHealthRouteDependencies, RequestLifecycleDependencies {
  readonly chatService: ChatService;
  readonly embeddingsService: EmbeddingsService;
  readonly modelResolver: ModelResolver;
  readonly masterKey?: string;
  readonly maxBodyBytes?: number;
}

/** The model routes, served by the plain handler in front of Koa when the URL is spelt exactly so. */
const MODEL_ROUTE_PATHS = { chat: ['/v1/chat/completions', '/chat/completions'], embeddings: ['/v1/embeddings', '/embeddings'] } as const;

/**
 * The gateway's Koa app, with the model routes also served by a plain `node:http` handler in
 * front of it. Koa's context objects, middleware chain and router cost ~8% of the CPU of a chat
 * request; the model routes are the traffic, so `POST /v1/chat/completions` (and the other
 * exact spellings in {@link MODEL_ROUTE_PATHS}) skip them. Both layers share the request
 * lifecycle and the route code, so they answer alike; every other request, and any other
 * spelling of a model route (a trailing slash, other letter case), goes through Koa.
 */
export class ProxyApp extends Koa {
  readonly #modelRoutes = new Map<string, ModelRoute>();

  constructor(
    private readonly lifecycle: RequestLifecycle,
    private readonly checkMasterKey: ((headers: IncomingHttpHeaders) => void) | undefined,
    private readonly logger: Logger,
  ) {
    super();
  }

  /** Serves `route` on these exact paths (query strings allowed) without Koa. */
  serveDirectly(paths: readonly string[], route: ModelRoute): void {
    for (const path of paths) this.#modelRoutes.set(path, route);
  }

  override callback(): ReturnType<Koa['callback']> {
    const koa = super.callback();
    const routes = this.#modelRoutes;
    return (req, res) => {
      const request = req as IncomingMessage;
      let route: ModelRoute | undefined;
      let path = request.url ?? '';
      if (request.method === 'POST') {
        const query = path.indexOf('?');
        if (query >= 0) path = path.slice(0, query);
        route = routes.get(path);
      }
      if (route === undefined) return koa(req, res);
      const response = res as ServerResponse;
      // As Koa does for its middleware: a bug here must cost this request, not the process.
      return this.serve(route, path, request, response).catch((error: unknown) => {
        this.logger.error('model route failed outside its error handling', { error });
        response.destroy();
      });
    };
  }

  private async serve(route: ModelRoute, path: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const lifecycle = this.lifecycle;
    const { context } = lifecycle.begin(response, path);
    let status = 200;
    let body: string | undefined;
    try {
      this.checkMasterKey?.(request.headers);
      body = await route(request, response, context);
      if (body === undefined) return;
    } catch (error) {
      const failed = lifecycle.fail(response, context, error);
      if (response.headersSent) {
        if (!response.writableEnded) response.end();
        return;
      }
      if (failed === undefined) return;
      status = failed.status;
      body = failed.body;
    }
    lifecycle.finish(response, context);
    response.statusCode = status;
    response.setHeader('content-type', JSON_CONTENT_TYPE);
    response.setHeader('content-length', Buffer.byteLength(body));
    response.end(body);
  }
}

/** Serves a {@link ModelRoute} as Koa middleware (for spellings the plain handler does not take). */
function koaModelRoute(route: ModelRoute) {
  return async (ctx: Context): Promise<void> => {
    const body = await route(ctx.req, ctx.res, ctx.state['request'] as RequestContext);
    if (body === undefined) {
      ctx.respond = false;
      return;
    }
    // Set directly: Koa's `ctx.type` setter looks the type up in the mime database on every call.
    ctx.res.setHeader('content-type', JSON_CONTENT_TYPE);
    ctx.body = body;
  };
}

/** Builds the Koa app serving the OpenAI-compatible API. Never listens: see start-proxy-server. */
export function createProxyApp(deps: ProxyAppDependencies): ProxyApp {
  const lifecycle = new RequestLifecycle(deps);
  const checkMasterKey = deps.masterKey ? createMasterKeyCheck(deps.masterKey) : undefined;
  const app = new ProxyApp(lifecycle, checkMasterKey, deps.logger);
  app.proxy = false;
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  // Outermost: request context, ids, overhead header, errors, request log.
  app.use(async (ctx: Context, next: Next) => {
    const { context, scope } = lifecycle.begin(ctx.res, ctx.path);
    ctx.state['request'] = context;
    if (scope) ctx.state['scope'] = scope;
    try {
      await next();
      if (ctx.body === undefined && ctx.respond !== false && ctx.status === 404) {
        throw new SwitchyardError('REQUEST_ROUTE_NOT_FOUND', { message: `Unknown route: ${ctx.method} ${ctx.path}.` });
      }
    } catch (error) {
      const failed = lifecycle.fail(ctx.res, context, error);
      if (failed === undefined || ctx.respond === false) return;
      ctx.status = failed.status;
      ctx.type = 'application/json';
      ctx.body = failed.body;
    }
    if (ctx.respond !== false) lifecycle.finish(ctx.res, context);
  });

  const health = createHealthRoutes(deps);
  const chat = createChatCompletionsRoute({ chatService: deps.chatService, maxBodyBytes });
  const embeddings = createEmbeddingsRoute({ embeddingsService: deps.embeddingsService, maxBodyBytes });
  app.serveDirectly(MODEL_ROUTE_PATHS.chat, chat);
  app.serveDirectly(MODEL_ROUTE_PATHS.embeddings, embeddings);
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
    router.post(`${prefix}/chat/completions`, authorised, koaModelRoute(chat));
    router.post(`${prefix}/embeddings`, authorised, koaModelRoute(embeddings));
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
