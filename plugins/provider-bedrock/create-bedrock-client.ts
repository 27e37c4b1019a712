import http from 'node:http';
import https from 'node:https';
import type { BedrockRuntimeClient, BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockSdk } from './load-bedrock-sdk.js';
import type { BedrockConnection } from './read-bedrock-settings.js';

/** Longest wait for a TCP connection; the call deadline bounds everything after. */
const CONNECTION_TIMEOUT_MS = 10_000;

/** What {@link createBedrockClient} needs. */
export interface BedrockClientOptions {
  readonly connection: BedrockConnection;
  /** Headers sent on every request (settings.headers). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Builds the Bedrock runtime client for one provider instance from the loaded `sdk`. The SDK's
 * default handler speaks HTTP/2, which plain HTTP/1.1 proxies and local fakes (`http://…`
 * api_base) do not; a NodeHttpHandler with keep-alive agents speaks HTTP/1.1 everywhere and pools
 * connections. Retries are off (the gateway's router owns retries). Auth is explicit, so a stray
 * `AWS_AUTH_SCHEME_PREFERENCE` in the environment cannot switch schemes behind the config's back.
 */
export function createBedrockClient(options: BedrockClientOptions, sdk: BedrockSdk): BedrockRuntimeClient {
  const { connection } = options;
  const config: BedrockRuntimeClientConfig = {
    requestHandler: new sdk.NodeHttpHandler({
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 256 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 256 }),
      connectionTimeout: CONNECTION_TIMEOUT_MS,
    }),
    maxAttempts: 1,
    ...(connection.region !== undefined ? { region: connection.region } : {}),
    ...(connection.endpoint !== undefined ? { endpoint: connection.endpoint } : {}),
    ...(connection.credentials !== undefined ? { credentials: { ...connection.credentials } } : {}),
    ...(connection.profile !== undefined ? { profile: connection.profile } : {}),
    ...(connection.bearerToken !== undefined ? { token: { token: connection.bearerToken } } : {}),
    authSchemePreference: connection.bearerToken !== undefined ? ['httpBearerAuth'] : ['sigv4'],
  };
  const client = new sdk.runtime.BedrockRuntimeClient(config);
  const headers = options.headers;
  if (headers !== undefined && Object.keys(headers).length > 0) addRequestHeaders(client, headers, 'switchyardSettingsHeaders');
  return client;
}

/** Something with a smithy middleware stack: a client (every call) or one command. */
interface WithMiddlewareStack {
  readonly middlewareStack: { add(middleware: unknown, options: { step: 'build'; name: string; override?: boolean }): void };
}

/**
 * Adds headers to every request through `target` (a client or a single command). They are added
 * in the build step, before signing, so SigV4 covers them.
 */
export function addRequestHeaders(target: WithMiddlewareStack, headers: Readonly<Record<string, string>>, name = 'switchyardCallHeaders'): void {
  const middleware = (next: (args: { request: unknown }) => Promise<unknown>) => async (args: { request: unknown }) => {
    const request = args.request as { headers?: Record<string, string> } | undefined;
    if (request?.headers !== undefined) Object.assign(request.headers, headers);
    return next(args);
  };
  target.middlewareStack.add(middleware, { step: 'build', name, override: true });
}
