import path from 'node:path';
import { BENCH_CASES, TARGET_NAMES, type TargetName } from './bench-cases.js';

/** What one `npm run bench` does; every field comes from a `BENCH_*` environment variable. */
export interface BenchSettings {
  /** `BENCH_DURATION_S` (default 5): measured seconds per target and connection count. */
  readonly durationS: number;
  /** `BENCH_WARMUP_S` (default 1): unmeasured seconds before each run. */
  readonly warmupS: number;
  /** `BENCH_CONNECTIONS` (default `1,50`). */
  readonly connections: readonly number[];
  /** `BENCH_TTFB_REQUESTS` (default 50): sequential streamed requests per target; 0 skips TTFB. */
  readonly ttfbRequests: number;
  /** `BENCH_SSE_GAP_MS` (default 2): pause between the fake upstream's SSE chunks. */
  readonly sseGapMs: number;
  /**
   * `BENCH_ROUTING_PAIRS` (default 5; 0 skips): alternating runs of the one- and ten-deployment
   * gateways, side by side, at the largest connection count, for the routing cost.
   */
  readonly routingPairs: number;
  /** `BENCH_TARGETS` (default all): comma list of direct, pass-through, switchyard. */
  readonly targets: readonly TargetName[];
  /** `BENCH_CASES` (default all): comma list of case names. */
  readonly cases: readonly string[];
  /** `BENCH_OUTPUT` (default `<repo>/.bench/last.json`). */
  readonly outputFile: string;
  /** `BENCH_SWITCHYARD_CLI` (default `<repo>/dist/proxy/cli/main.js`): the gateway entry to start. */
  readonly switchyardCli: string;
  /** `BENCH_ENFORCE_GOALS=1`: exit 1 when a goal is missed (a failed target always exits 1). */
  readonly enforceGoals: boolean;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, allowZero = false): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(`${name}: expected a ${allowZero ? 'non-negative' : 'positive'} number, got '${raw}'`);
  }
  return value;
}

function list(env: NodeJS.ProcessEnv, name: string): string[] | null {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return null;
  return raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** Reads and checks the `BENCH_*` variables. */
export function readBenchSettings(env: NodeJS.ProcessEnv, repoRoot: string): BenchSettings {
  const connections = (list(env, 'BENCH_CONNECTIONS') ?? ['1', '50']).map((item) => {
    const value = Number(item);
    if (!Number.isInteger(value) || value < 1 || value > 1_000) throw new Error(`BENCH_CONNECTIONS: expected integers from 1 to 1000, got '${item}'`);
    return value;
  });
  const targets = list(env, 'BENCH_TARGETS') ?? [...TARGET_NAMES];
  for (const target of targets) {
    if (!(TARGET_NAMES as readonly string[]).includes(target)) throw new Error(`BENCH_TARGETS: unknown target '${target}' (known: ${TARGET_NAMES.join(', ')})`);
  }
  const caseNames = BENCH_CASES.map((benchCase) => benchCase.name);
  const cases = list(env, 'BENCH_CASES') ?? caseNames;
  for (const name of cases) {
    if (!caseNames.includes(name)) throw new Error(`BENCH_CASES: unknown case '${name}' (known: ${caseNames.join(', ')})`);
  }
  return {
    durationS: positiveNumber(env, 'BENCH_DURATION_S', 5),
    warmupS: positiveNumber(env, 'BENCH_WARMUP_S', 1, true),
    connections: [...new Set(connections)].sort((a, b) => a - b),
    ttfbRequests: Math.floor(positiveNumber(env, 'BENCH_TTFB_REQUESTS', 50, true)),
    sseGapMs: positiveNumber(env, 'BENCH_SSE_GAP_MS', 2, true),
    routingPairs: Math.floor(positiveNumber(env, 'BENCH_ROUTING_PAIRS', 5, true)),
    targets: TARGET_NAMES.filter((target) => targets.includes(target)),
    cases,
    outputFile: path.resolve(repoRoot, env['BENCH_OUTPUT'] ?? path.join('.bench', 'last.json')),
    switchyardCli: path.resolve(repoRoot, env['BENCH_SWITCHYARD_CLI'] ?? path.join('dist', 'proxy', 'cli', 'main.js')),
    enforceGoals: env['BENCH_ENFORCE_GOALS'] === '1',
  };
}
