import { fileURLToPath } from 'node:url';
import { asValue, asClass, createContainer, InjectionMode, type AwilixContainer } from 'awilix';
import type { Logger, PluginContext, PluginManifest } from '../sdk/index.js';
import { loadConfig, type HostConfig } from './config/index.js';
import { createFastFetch } from './http/create-fast-fetch.js';
import { createLogger, logLevelFromEnv } from './logging/create-logger.js';
import { createDatabase, type Database } from './persistence/create-database.js';
import { createRequestLogWriter, type RequestLogWriter } from './persistence/create-request-log-writer.js';
import { loadPlugins, type LoadPluginsResult, type PluginSource } from './plugin-loader/index.js';
import { createPluginRegistries, type PluginRegistries } from './registries/index.js';
import type { ProviderRegistry } from './registries/provider-registry.js';
import { DeploymentRouter } from './routing/deployment-router.js';
import { ModelResolver } from './routing/model-resolver.js';
import { ChatService } from './services/chat-service.js';
import { EmbeddingsService } from './services/embeddings-service.js';

/** The folder of built-in plugins, next to `core/` in source and in `dist/`. */
export const BUILTIN_PLUGINS_DIR = fileURLToPath(new URL('../plugins/', import.meta.url));

/** Options of {@link createGateway}: what the CLI (or a test) decided. */
export interface GatewayOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly configFile?: string;
  /** `--plugins-dir` folders, in order. */
  readonly pluginDirs?: readonly string[];
  readonly strictPlugins?: boolean;
  /** `--db`: a URL or an SQLite file path; wins over config and environment. */
  readonly databaseUrl?: string;
  readonly logger?: Logger;
  /** Load no built-in plugins (tests of the loader and third-party plugins). */
  readonly skipBuiltinPlugins?: boolean;
  readonly requestLogFlushIntervalMs?: number;
}

/** The singletons of a running gateway, as registered in the container. */
export interface GatewayCradle {
  readonly config: HostConfig;
  readonly logger: Logger;
  readonly database: Database;
  readonly requestLogWriter: RequestLogWriter;
  readonly pluginLoad: LoadPluginsResult;
  readonly registries: PluginRegistries;
  readonly providerRegistry: ProviderRegistry;
  readonly modelResolver: ModelResolver;
  readonly deploymentRouter: DeploymentRouter;
  readonly chatService: ChatService;
  readonly embeddingsService: EmbeddingsService;
  readonly masterKey: string | undefined;
}

/** What a request scope carries besides the singletons. */
export interface RequestScopeValues {
  readonly requestId: string;
  readonly logger: Logger;
  readonly signal: AbortSignal;
  readonly [name: string]: unknown;
}

/** A composed gateway: the container plus lifecycle. */
export interface Gateway {
  readonly container: AwilixContainer<GatewayCradle>;
  readonly cradle: GatewayCradle;
  /** Database reachable and plugins loaded. */
  readiness(): Promise<{ ready: boolean; database: 'connected' | 'unreachable'; plugins: { loaded: number; failed: number } }>;
  /**
   * Runs `preload()` of every provider plugin requests can reach (see `ModelResolver.pluginsInUse`),
   * one after another, so vendor SDKs load after start-up rather than on the first request.
   * Never rejects: a failed preload is logged and the module loads on first use.
   */
  preloadProviders(): Promise<void>;
  /**
   * A child container for one request, carrying its id, logger and abort signal (plus any other
   * per-request values) over the gateway's singletons. The proxy's request middleware creates it
   * and disposes it when the response closes.
   */
  createRequestScope(values: RequestScopeValues): AwilixContainer<GatewayCradle & RequestScopeValues>;
  /** Flushes the request log, disposes providers and plugins (reverse order), closes the database. */
  dispose(): Promise<void>;
}

function pluginSources(options: GatewayOptions, config: HostConfig): PluginSource[] {
  const sources: PluginSource[] = [];
  if (!options.skipBuiltinPlugins) sources.push({ kind: 'builtin', path: BUILTIN_PLUGINS_DIR });
  for (const dir of options.pluginDirs ?? []) sources.push({ kind: 'directory', path: dir });
  for (const dir of config.pluginDirs) sources.push({ kind: 'directory', path: dir });
  for (const name of config.plugins) sources.push({ kind: 'package', path: name });
  return sources;
}

function createPluginRegistriesFor(pluginLoad: LoadPluginsResult, logger: Logger): PluginRegistries {
  const registries = createPluginRegistries({ logger });
  registries.registerAll(pluginLoad.plugins);
  return registries;
}

/**
 * The one composition root: reads config, opens the database and loads plugins (in
 * parallel, to keep start-up short), then wires the services into a strict awilix container.
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const logger = options.logger ?? createLogger({ level: logLevelFromEnv(options.env) });
  const config = await loadConfig({ file: options.configFile, cwd: options.cwd, env: options.env });
  for (const warning of config.warnings) logger.warn(warning);
  const shutdown = new AbortController();
  const http = createFastFetch();
  const createContext = (manifest: PluginManifest, pluginConfig: Record<string, unknown>): PluginContext => ({
    manifest,
    config: pluginConfig,
    logger: logger.child({ plugin: manifest.id }),
    fetch: http.fetch,
    httpRequest: http.httpRequest,
    signal: shutdown.signal,
  });
  const databaseUrl = options.databaseUrl ?? options.env['SWITCHYARD_DATABASE_URL'] ?? config.databaseUrl;
  const [databaseResult, pluginResult] = await Promise.allSettled([
    createDatabase({ url: databaseUrl, logger, cwd: options.cwd }),
    loadPlugins({ sources: pluginSources(options, config), cwd: options.cwd, strict: options.strictPlugins, pluginConfig: config.pluginConfig, createContext, logger }),
  ]);
  if (databaseResult.status === 'rejected' || pluginResult.status === 'rejected') {
    // Undo whatever did start; strict plugin loading has already disposed its plugins.
    if (databaseResult.status === 'fulfilled') await databaseResult.value.close();
    if (pluginResult.status === 'fulfilled') await createPluginRegistriesFor(pluginResult.value, logger).disposeAll();
    await http.close();
    throw databaseResult.status === 'rejected' ? databaseResult.reason : (pluginResult as PromiseRejectedResult).reason;
  }
  const database = databaseResult.value;
  const pluginLoad = pluginResult.value;
  const registries = createPluginRegistriesFor(pluginLoad, logger);
  const requestLogWriter = createRequestLogWriter({ database, logger, flushIntervalMs: options.requestLogFlushIntervalMs });

  const container = createContainer<GatewayCradle>({ injectionMode: InjectionMode.PROXY, strict: true });
  container.register({
    config: asValue(config),
    logger: asValue(logger),
    database: asValue(database),
    requestLogWriter: asValue(requestLogWriter),
    pluginLoad: asValue(pluginLoad),
    registries: asValue(registries),
    providerRegistry: asValue(registries.providers),
    masterKey: asValue(options.env['SWITCHYARD_MASTER_KEY'] || config.masterKey),
    modelResolver: asClass(ModelResolver).singleton(),
    deploymentRouter: asClass(DeploymentRouter).singleton(),
    chatService: asClass(ChatService).singleton(),
    embeddingsService: asClass(EmbeddingsService).singleton(),
  });
  const cradle = container.cradle;
  // Resolve the singletons now so wiring errors surface at start, not on the first request.
  void cradle.chatService;
  void cradle.embeddingsService;
  cradle.deploymentRouter.start();

  let disposed: Promise<void> | undefined;
  return {
    container,
    cradle,
    createRequestScope(values) {
      const scope = container.createScope<RequestScopeValues>();
      for (const [name, value] of Object.entries(values)) scope.register(name, asValue(value));
      return scope as AwilixContainer<GatewayCradle & RequestScopeValues>;
    },
    async preloadProviders() {
      // One at a time: each import blocks the event loop while it evaluates; spread them out.
      for (const plugin of cradle.modelResolver.pluginsInUse()) {
        try {
          await plugin.factory.preload?.();
        } catch (error) {
          logger.warn('provider preload failed; its modules load on first use', { plugin: plugin.manifest.id, error });
        }
      }
    },
    async readiness() {
      const reachable = await database.isReachable();
      return { ready: reachable, database: reachable ? 'connected' : 'unreachable', plugins: { loaded: pluginLoad.plugins.length, failed: pluginLoad.failures.length } };
    },
    dispose() {
      disposed ??= (async () => {
        shutdown.abort();
        cradle.deploymentRouter.dispose();
        await requestLogWriter.close().catch((error: unknown) => logger.error('request log flush failed at shutdown', { error }));
        await cradle.modelResolver.dispose();
        await registries.disposeAll();
        await http.close();
        await database.close();
      })();
      return disposed;
    },
  };
}
