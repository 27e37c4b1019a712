import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';

/** The slice of autocannon's programmatic API the bench uses (autocannon ships no types). */
interface AutocannonOptions {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  connections: number;
  pipelining: number;
  duration: number;
  timeout: number;
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
}
type AutocannonInstance = EventEmitter & PromiseLike<AutocannonResult> & { stop(): void };
type Autocannon = (options: AutocannonOptions) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** One fixed-duration load run against one URL. */
export interface LoadRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
}

/** Throughput and latency of a run; latencies are exact (not autocannon's whole-millisecond histogram). */
export interface LoadResult {
  readonly connections: number;
  readonly requestsPerSecond: number;
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  /** Socket errors, timeouts and non-2xx answers; a run with any is not a valid measurement. */
  readonly failures: number;
  readonly failureDetail: string;
}

/** The `q` quantile (0..1) of sorted values, nearest rank. */
export function quantile(sorted: Float64Array | readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

async function runAutocannon(request: LoadRequest, durationS: number, latencies: number[] | null): Promise<AutocannonResult> {
  const instance = autocannon({
    url: request.url,
    method: 'POST',
    headers: request.headers,
    body: request.body,
    connections: request.connections,
    pipelining: 1,
    duration: durationS,
    timeout: 10,
  });
  if (latencies !== null) {
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTimeMs);
    });
  }
  return await instance;
}

/**
 * Warms up (connections, JIT, pools), then drives `connections` keep-alive connections for
 * `durationS` seconds, one request in flight per connection; autocannon stops itself.
 */
export async function measureLoad(request: LoadRequest): Promise<LoadResult> {
  if (request.warmupS > 0) await runAutocannon(request, request.warmupS, null);
  const latencies: number[] = [];
  const result = await runAutocannon(request, request.durationS, latencies);
  const sorted = Float64Array.from(latencies).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  const failures = result.errors + result.timeouts + result.non2xx;
  const statuses = Object.entries(result.statusCodeStats)
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, { count }]) => `${count}× HTTP ${status}`);
  const failureDetail = [
    ...(result.errors > 0 ? [`${result.errors} errors`] : []),
    ...(result.timeouts > 0 ? [`${result.timeouts} timeouts`] : []),
    ...statuses,
  ].join(', ');
  return {
    connections: request.connections,
    requestsPerSecond: result['2xx'] / result.duration,
    requests: result['2xx'],
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    meanMs: sorted.length === 0 ? Number.NaN : sum / sorted.length,
    failures,
    failureDetail,
  };
}
