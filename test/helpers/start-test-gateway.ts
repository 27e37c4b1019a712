import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { createGateway, type Gateway } from '../../core/create-gateway.js';
import { createLogger } from '../../core/logging/create-logger.js';
import { createProxyApp, proxyDependenciesOf, type ProxyApp } from '../../proxy/create-proxy-app.js';
import { startProxyServer, type RunningProxyServer } from '../../proxy/start-proxy-server.js';

/** A gateway listening on an ephemeral loopback port, with its own temp folder and SQLite file. */
export interface TestGateway {
  readonly baseURL: string;
  readonly url: string;
  readonly gateway: Gateway;
  readonly app: ProxyApp;
  readonly server: RunningProxyServer;
  readonly dir: string;
  /** Graceful shutdown (flushes the request log), then removes the temp folder. */
  close(): Promise<void>;
}

/** Options of {@link startTestGateway}. */
export interface TestGatewayOptions {
  /** Written as switchyard.yaml in the temp folder. */
  readonly config?: Record<string, unknown>;
  readonly env?: Record<string, string | undefined>;
  readonly pluginDirs?: readonly string[];
  readonly shutdownTimeoutMs?: number;
  readonly requestLogFlushIntervalMs?: number;
}

/** Starts the whole gateway the way `switchyard start` does, on 127.0.0.1:0. */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-test-'));
  if (options.config) writeFileSync(path.join(dir, 'switchyard.yaml'), stringify(options.config));
  const logger = createLogger({ level: process.env['SWITCHYARD_TEST_LOG'] ? 'debug' : 'silent' });
  const gateway = await createGateway({
    cwd: dir,
    env: options.env ?? {},
    pluginDirs: options.pluginDirs,
    logger,
    requestLogFlushIntervalMs: options.requestLogFlushIntervalMs,
  });
  let shuttingDown = false;
  const app = createProxyApp(proxyDependenciesOf(gateway, () => shuttingDown));
  const server = await startProxyServer({
    app,
    host: '127.0.0.1',
    port: 0,
    logger,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5000,
    onShutdownStart: () => (shuttingDown = true),
    onDrained: () => gateway.dispose(),
  });
  return {
    baseURL: `${server.url}/v1`,
    url: server.url,
    gateway,
    app,
    server,
    dir,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
