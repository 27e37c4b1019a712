import type { TargetName } from './bench-cases.js';
import type { LoadResult } from './measure-load.js';
import type { BenchSettings } from './read-bench-settings.js';
import type { TtfbResult } from './measure-ttfb.js';

/** Everything measured for one target in one case; `error` when it could not be measured. */
export interface TargetResult {
  readonly target: TargetName;
  readonly loads: LoadResult[];
  ttfb: TtfbResult | null;
  error: string | null;
}

/** One goal from the issue, checked on this run. */
export interface GoalCheck {
  readonly goal: string;
  readonly value: number;
  readonly met: boolean;
}

/** Switchyard compared with the other two targets; null where a side is missing. */
export interface Comparison {
  /** Keyed by connection count. */
  readonly throughputVsPassThrough: Record<string, number | null>;
  readonly throughputVsDirect: Record<string, number | null>;
  /** Added p50 latency in ms, keyed by connection count. */
  readonly addedP50MsVsPassThrough: Record<string, number | null>;
  readonly addedP50MsVsDirect: Record<string, number | null>;
  readonly addedTtfbMsVsPassThrough: number | null;
  readonly goals: GoalCheck[];
}

/** One case's results. */
export interface CaseResult {
  readonly name: string;
  readonly description: string;
  readonly targets: TargetResult[];
  /** Peak RSS of this case's Switchyard process. */
  switchyardPeakRssMiB: number | null;
  comparison: Comparison | null;
}

/**
 * The routing cost measured with both gateways running: alternating runs (one, ten, then ten,
 * one, ...) so that drift of a noisy machine hits both sides of each pair alike.
 */
export interface RoutingCost {
  readonly connections: number;
  /** Requests per second of each pair. */
  readonly pairs: { readonly one: number; readonly ten: number }[];
  /** Median over the pairs of ten / one. */
  median: number | null;
  error: string | null;
}

/** What `.bench/last.json` holds. */
export interface BenchReport {
  readonly startedAt: string;
  readonly node: string;
  readonly cpus: number;
  readonly platform: string;
  readonly settings: BenchSettings;
  readonly cases: CaseResult[];
  readonly peakRssMiB: Record<string, number | null>;
  routing: RoutingCost | null;
}

const loadAt = (result: TargetResult | undefined, connections: number): LoadResult | undefined =>
  result?.error === null ? result.loads.find((load) => load.connections === connections && load.failures === 0) : undefined;

function ratio(a: number | undefined, b: number | undefined): number | null {
  return a === undefined || b === undefined || b === 0 ? null : a / b;
}

function difference(a: number | undefined, b: number | undefined): number | null {
  return a === undefined || b === undefined ? null : a - b;
}

/** Switchyard's ratios to direct and pass-through, and the issue's two goals. */
export function compareTargets(targets: readonly TargetResult[], connections: readonly number[]): Comparison | null {
  const byName = new Map(targets.map((result) => [result.target, result]));
  const switchyard = byName.get('switchyard');
  if (switchyard === undefined || switchyard.error !== null) return null;
  const passThrough = byName.get('pass-through');
  const direct = byName.get('direct');
  const perConnections = (pick: (c: number) => number | null): Record<string, number | null> =>
    Object.fromEntries(connections.map((c) => [String(c), pick(c)]));
  const comparison: Comparison = {
    throughputVsPassThrough: perConnections((c) => ratio(loadAt(switchyard, c)?.requestsPerSecond, loadAt(passThrough, c)?.requestsPerSecond)),
    throughputVsDirect: perConnections((c) => ratio(loadAt(switchyard, c)?.requestsPerSecond, loadAt(direct, c)?.requestsPerSecond)),
    addedP50MsVsPassThrough: perConnections((c) => difference(loadAt(switchyard, c)?.p50Ms, loadAt(passThrough, c)?.p50Ms)),
    addedP50MsVsDirect: perConnections((c) => difference(loadAt(switchyard, c)?.p50Ms, loadAt(direct, c)?.p50Ms)),
    addedTtfbMsVsPassThrough: difference(switchyard.ttfb?.ttfbP50Ms, passThrough?.ttfb?.ttfbP50Ms),
    goals: [],
  };
  const throughput50 = comparison.throughputVsPassThrough['50'];
  if (throughput50 !== null && throughput50 !== undefined) {
    comparison.goals.push({ goal: 'throughput at 50 connections >= 0.5x pass-through', value: throughput50, met: throughput50 >= 0.5 });
  }
  const added1 = comparison.addedP50MsVsPassThrough['1'];
  if (added1 !== null && added1 !== undefined) {
    comparison.goals.push({ goal: 'added p50 latency at 1 connection < 1 ms vs pass-through', value: added1, met: added1 < 1 });
  }
  return comparison;
}

const fixed = (value: number | null | undefined, digits: number): string => (value === null || value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits));
const signed = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : `${value >= 0 ? '+' : ''}${value.toFixed(3)} ms`);
const times = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : `${value.toFixed(2)}×`);

function formatCase(result: CaseResult, connections: readonly number[]): string[] {
  const lines = [`Case ${result.name}: ${result.description}`, `  ${'target'.padEnd(13)}${'conns'.padStart(6)}${'req/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'mean ms'.padStart(9)}`];
  for (const target of result.targets) {
    if (target.error !== null) {
      lines.push(`  ${target.target.padEnd(13)}  FAILED: ${target.error.replace(/\n/g, '\n    ')}`);
      continue;
    }
    for (const load of target.loads) {
      const row = `  ${target.target.padEnd(13)}${String(load.connections).padStart(6)}${Math.round(load.requestsPerSecond).toLocaleString('en-US').padStart(10)}${fixed(load.p50Ms, 3).padStart(9)}${fixed(load.p99Ms, 3).padStart(9)}${fixed(load.meanMs, 3).padStart(9)}`;
      lines.push(load.failures === 0 ? row : `${row}  (invalid: ${load.failureDetail})`);
    }
  }
  const ttfb = result.targets.filter((target) => target.ttfb !== null);
  if (ttfb.length > 0) {
    const requests = ttfb[0]!.ttfb!.requests;
    lines.push(`  Streaming TTFB, median of ${requests}: ${ttfb.map((t) => `${t.target} ${fixed(t.ttfb!.ttfbP50Ms, 3)} ms (whole stream ${fixed(t.ttfb!.totalP50Ms, 2)} ms)`).join(' · ')}`);
  }
  const comparison = result.comparison;
  if (comparison !== null) {
    const at = (record: Record<string, number | null>, format: (v: number | null) => string): string => connections.map((c) => `${format(record[String(c)] ?? null)} @${c}`).join(', ');
    lines.push(`  Switchyard / pass-through req/s: ${at(comparison.throughputVsPassThrough, times)}; added p50: ${at(comparison.addedP50MsVsPassThrough, signed)}; added TTFB: ${signed(comparison.addedTtfbMsVsPassThrough)}`);
    lines.push(`  Switchyard / direct req/s:       ${at(comparison.throughputVsDirect, times)}; added p50: ${at(comparison.addedP50MsVsDirect, signed)}`);
    for (const goal of comparison.goals) lines.push(`  Goal ${goal.met ? 'met   ' : 'MISSED'}: ${goal.goal} (${goal.value.toFixed(3)})`);
  }
  return lines;
}

/** The human-readable report printed at the end of a run. */
export function formatReport(report: BenchReport): string {
  const { settings } = report;
  const lines = [
    `Switchyard bench ${report.startedAt}: Node ${report.node}, ${report.cpus} CPUs, ${report.platform}; ${settings.durationS} s per run after ${settings.warmupS} s warm-up; loopback; servers in child processes`,
    '',
  ];
  for (const result of report.cases) lines.push(...formatCase(result, settings.connections), '');
  lines.push(...formatRoutingCost(report, settings.connections));
  const rss = Object.entries(report.peakRssMiB).map(([name, mib]) => `${name} ${fixed(mib, 1)} MiB`);
  if (rss.length > 0) lines.push(`Peak RSS (VmHWM): ${rss.join(' · ')}`);
  return lines.join('\n');
}

/**
 * Routing cost: Switchyard's throughput with ten deployments in one group against one deployment.
 * From the cases, raw and normalised by each case's own pass-through run; and, when measured, from
 * alternating runs of both gateways side by side, which the goal uses: the cases run minutes apart,
 * and on a noisy machine their ratio swung by ±15%. The issue's goal: routing costs under 5%.
 */
function formatRoutingCost(report: BenchReport, connections: readonly number[]): string[] {
  const one = report.cases.find((result) => result.name === 'one-deployment');
  const ten = report.cases.find((result) => result.name === 'ten-deployments');
  if (!one || !ten) return [];
  const lines = ['Routing cost (ten deployments in one group vs one deployment):'];
  for (const count of connections) {
    const rps = (result: CaseResult, target: string) => loadAt(result.targets.find((candidate) => candidate.target === target), count)?.requestsPerSecond;
    const raw = ratio(rps(ten, 'switchyard'), rps(one, 'switchyard'));
    const normalised = ratio(ratio(rps(ten, 'switchyard'), rps(ten, 'pass-through')) ?? undefined, ratio(rps(one, 'switchyard'), rps(one, 'pass-through')) ?? undefined);
    lines.push(`  @${count}: ten/one req/s ${fixed(raw, 3)}x raw, ${fixed(normalised, 3)}x normalised by pass-through (cases run apart)`);
    if (count === 50 && normalised !== null && report.routing?.median == null) lines.push(`  Goal ${normalised >= 0.95 ? 'met   ' : 'MISSED'}: routing costs under 5% throughput at 50 connections (${normalised.toFixed(3)})`);
  }
  const routing = report.routing;
  if (routing?.error) lines.push(`  side by side: FAILED: ${routing.error}`);
  else if (routing && routing.median !== null) {
    const ratios = routing.pairs.map((pair) => pair.ten / pair.one);
    lines.push(`  @${routing.connections}, side by side, ${routing.pairs.length} alternating pairs: ten/one ${routing.median.toFixed(3)}x median (${ratios.map((r) => r.toFixed(3)).join(', ')})`);
    lines.push(`  Goal ${routing.median >= 0.95 ? 'met   ' : 'MISSED'}: routing costs under 5% throughput at ${routing.connections} connections (${routing.median.toFixed(3)})`);
  }
  lines.push('');
  return lines;
}
