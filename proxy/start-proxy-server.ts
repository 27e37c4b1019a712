import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { Logger } from '../sdk/index.js';

/** Options of {@link startProxyServer}. */
export interface StartProxyServerOptions {
  readonly app: Koa;
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  /** How long in-flight requests may run after shutdown begins. */
  readonly shutdownTimeoutMs: number;
  /** Called once no request is in flight: flush logs, dispose plugins, close the database. */
  readonly onDrained: () => Promise<void>;
  /** Called as shutdown begins, so health checks answer 503. */
  readonly onShutdownStart?: () => void;
}

/** A listening gateway. */
export interface RunningProxyServer {
  readonly server: Server;
  readonly url: string;
  /** Stops accepting, lets in-flight requests finish up to the deadline, then runs `onDrained`. */
  close(): Promise<void>;
}

/** Listens and wires graceful shutdown. */
export async function startProxyServer(options: StartProxyServerOptions): Promise<RunningProxyServer> {
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, options.app.callback());
  server.headersTimeout = 66_000;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  server.on('request', (_request, response) => {
    inFlight++;
    response.once('close', () => {
      inFlight--;
      if (inFlight === 0) drained?.();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      options.onShutdownStart?.();
      options.logger.info('shutting down', { inFlight });
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => (drained = resolve)),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, options.shutdownTimeoutMs))),
        ]);
        clearTimeout(timer);
        if (inFlight > 0) options.logger.warn('shutdown deadline reached; closing remaining connections', { inFlight });
      }
      server.closeAllConnections();
      await stopped;
      await options.onDrained();
    })();
    return closing;
  };
  return { server, url: `http://${host}:${address.port}`, close };
}
