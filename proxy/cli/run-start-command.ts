import type { Logger } from '../../sdk/index.js';
import { createGateway } from '../../core/create-gateway.js';
import { createProxyApp, proxyDependenciesOf } from '../create-proxy-app.js';
import { startProxyServer, type RunningProxyServer } from '../start-proxy-server.js';
import type { StartOptions } from './parse-cli-arguments.js';

/** Defaults for `switchyard start`. */
export const DEFAULT_PORT = 4000;
export const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 30_000;

/** What the CLI environment provides. */
export interface StartEnvironment {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
  readonly stdout: (line: string) => void;
}

function envNumber(env: StartEnvironment['env'], name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`${name}: expected a non-negative integer, got '${value}'`);
  return number;
}

/** Composes the gateway, listens, and returns the running server (signals are wired by the caller). */
export async function runStartCommand(options: StartOptions, environment: StartEnvironment): Promise<RunningProxyServer> {
  const gateway = await createGateway({
    cwd: environment.cwd,
    env: environment.env,
    configFile: options.config,
    pluginDirs: options.pluginDirs,
    strictPlugins: options.strictPlugins,
    databaseUrl: options.db,
    logger: environment.logger,
  });
  const { cradle } = gateway;
  let shuttingDown = false;
  const app = createProxyApp(proxyDependenciesOf(gateway, () => shuttingDown));
  const port = options.port ?? envNumber(environment.env, 'SWITCHYARD_PORT') ?? DEFAULT_PORT;
  const host = options.host ?? environment.env['SWITCHYARD_HOST'] ?? DEFAULT_HOST;
  let running: RunningProxyServer;
  try {
    running = await startProxyServer({
      app,
      host,
      port,
      logger: cradle.logger,
      shutdownTimeoutMs: envNumber(environment.env, 'SWITCHYARD_SHUTDOWN_TIMEOUT_MS') ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
      onShutdownStart: () => (shuttingDown = true),
      onDrained: () => gateway.dispose(),
    });
  } catch (error) {
    await gateway.dispose();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`cannot listen on ${host}:${port}: the address is already in use (choose another with --port)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new Error(`cannot listen on ${host}:${port}: no such local address (check --host)`);
    throw error;
  }
  const { plugins, failures } = cradle.pluginLoad;
  const startupMs = Math.round(performance.now());
  cradle.logger.info('listening', { url: running.url, startupMs, pluginsLoaded: plugins.length, pluginsFailed: failures.length, providers: cradle.providerRegistry.providerNames().length, database: cradle.database.dialect });
  // After the listening line: vendor SDKs of the providers in use load in the background.
  setImmediate(() => void gateway.preloadProviders());
  environment.stdout(`Switchyard listening on ${running.url} (ready in ${startupMs} ms; ${plugins.length} plugins loaded, ${failures.length} failed; database ${cradle.database.dialect})`);
  return running;
}
