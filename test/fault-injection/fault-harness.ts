/**
 * A gateway in front of scripted upstreams, one per deployment, plus a plain HTTP client
 * (no keep-alive, so the client leaves no sockets behind) and readers for the request log and
 * `GET /health/deployments`.
 */
import http from 'node:http';
import type { Test } from 'tap';
import { RequestLog, type RequestLogEntity } from '../../core/persistence/request-log.js';
import type { DeploymentHealth } from '../../core/routing/deployment-router.js';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.js';
import { trackProcessHealth } from './process-health.js';
import { scriptedUpstream, type Script, type ScriptedUpstream } from './scripted-upstream.js';

/** One deployment of the test config. */
export interface FaultDeployment {
  /** `model_info.id`; also names the upstream. */
  readonly id: string;
  /** `model_name`; default `chat`. */
  readonly group?: string;
  readonly script?: Script;
  /** More `litellm_params` (timeouts, order, ...). */
  readonly params?: Record<string, unknown>;
  readonly modelInfo?: Record<string, unknown>;
}

/** An HTTP answer as the client saw it. */
export interface ClientAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
}

/** A running fault-injection setup. */
export interface FaultGateway {
  readonly gateway: TestGateway;
  upstream(id: string): ScriptedUpstream;
  /** POSTs JSON; `signal` destroys the connection (a client going away). */
  post(path: string, body: unknown, options?: { headers?: Record<string, string>; signal?: AbortSignal }): Promise<ClientAnswer>;
  /** Request-log rows, oldest first, waiting until at least `count` are written. */
  rows(count: number): Promise<RequestLogEntity[]>;
  health(): Promise<DeploymentHealth[]>;
  /** Closes the gateway (flushing the log) and every upstream. */
  close(): Promise<void>;
}

/** Sends one request over a fresh connection. */
export function request(url: string, method: string, body: unknown, options: { headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<ClientAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(url, { method, agent: false, headers: { 'content-type': 'application/json', ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        // Decoding once at the end: a multi-byte character split across chunks must survive the gateway, not this client.
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    options.signal?.addEventListener('abort', () => req.destroy(new Error('client aborted')), { once: true });
    req.end(payload);
  });
}

/** Starts one scripted upstream per deployment and a gateway routing to them. */
export async function startFaultGateway(t: Test, options: { deployments: readonly FaultDeployment[]; routerSettings?: Record<string, unknown>; generalSettings?: Record<string, unknown> }): Promise<FaultGateway> {
  const upstreams = new Map<string, ScriptedUpstream>();
  for (const deployment of options.deployments) upstreams.set(deployment.id, await scriptedUpstream(deployment.script ?? []));
  const modelList = options.deployments.map((deployment) => ({
    model_name: deployment.group ?? 'chat',
    litellm_params: { model: `openai/fake-${deployment.id}`, api_base: upstreams.get(deployment.id)!.apiBase, api_key: 'sk-test', ...deployment.params },
    model_info: { id: deployment.id, ...deployment.modelInfo },
  }));
  // Fast backoff keeps the suite quick; the waits themselves are exercised, only shorter.
  const routerSettings = { retry_backoff_base: 0.01, retry_backoff_max: 0.05, ...options.routerSettings };
  let gateway: TestGateway;
  try {
    gateway = await startTestGateway({ config: { model_list: modelList, router_settings: routerSettings, ...(options.generalSettings ? { general_settings: options.generalSettings } : {}) } });
  } catch (error) {
    await Promise.all([...upstreams.values()].map((upstream) => upstream.close()));
    throw error;
  }
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await gateway.close();
    await Promise.all([...upstreams.values()].map((upstream) => upstream.close()));
  };
  t.teardown(close);
  return {
    gateway,
    upstream: (id) => upstreams.get(id)!,
    post: (path, body, requestOptions) => request(`${gateway.url}${path}`, 'POST', body, requestOptions),
    async rows(count) {
      const { requestLogWriter, database } = gateway.gateway.cradle;
      const deadline = performance.now() + 5000;
      for (;;) {
        await requestLogWriter.flush();
        const rows = await database.orm.em.fork().find(RequestLog, {}, { orderBy: { startedAt: 'asc' } });
        if (rows.length >= count || performance.now() > deadline) return rows;
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async health() {
      const answer = await request(`${gateway.url}/health/deployments`, 'GET', undefined);
      return answer.json<{ deployments: DeploymentHealth[] }>().deployments;
    },
    close,
  };
}

/** The `data:` payloads of an SSE body, parsed (`[DONE]` kept as the string). */
export function sseEvents(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => (event === 'data: [DONE]' ? '[DONE]' : JSON.parse(event.slice(6))));
}

/** The text of a streamed answer. */
export function streamedText(text: string): string {
  return sseEvents(text)
    .map((event) => (typeof event === 'object' && event !== null ? ((event as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content ?? '') : ''))
    .join('');
}

/** Options of {@link startFaultGateway}. */
export type FaultGatewayOptions = Parameters<typeof startFaultGateway>[1];

/**
 * One fault-injection scenario in its own gateway: runs `body`, closes everything, then checks
 * the process is healthy (no leaked timers or sockets, no unhandled rejections).
 */
export function scenario(t: Test, name: string, options: FaultGatewayOptions, body: (t: Test, setup: FaultGateway) => Promise<void>, extra: { todo?: string } = {}): Promise<unknown> {
  return t.test(name, extra, async (t) => {
    const probe = trackProcessHealth();
    let setup: FaultGateway | undefined;
    try {
      setup = await startFaultGateway(t, options);
      await body(t, setup);
    } finally {
      await setup?.close();
      await probe.assertClean(t);
    }
  });
}

/** A chat request body for the group `model`. */
export function chatBody(model = 'chat', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model, messages: [{ role: 'user', content: 'hi' }], ...extra };
}

/** The attempts of a request-log row as `[deployment, errorCode]` pairs. */
export function attemptsOf(row: RequestLogEntity | undefined): [string, string | null][] {
  return (row?.attempts ?? []).map((attempt) => [attempt.deployment, attempt.errorCode]);
}

/** The state of each deployment, by id. */
export async function statesOf(setup: FaultGateway): Promise<Record<string, string>> {
  return Object.fromEntries((await setup.health()).map((deployment) => [deployment.id, deployment.state]));
}
