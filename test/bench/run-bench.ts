/**
 * `npm run bench`: starts a fake upstream on loopback and measures, in one run, requests straight to
 * it, through a minimal `node:http` + undici pass-through, and through Switchyard: requests/s and
 * p50/p99 latency at each connection count, streaming time to first byte, and peak RSS. Prints
 * Switchyard's ratios to the other two and writes everything to `.bench/last.json`.
 * Every server runs in its own child process; see `read-bench-settings.ts` for the knobs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_CASES, switchyardConfigText, type BenchCase, type TargetName } from './bench-cases.js';
import { findFreePort, forkBenchServer, killAllChildren, spawnServer, type ServerProcess } from './bench-processes.js';
import { compareTargets, formatReport, type BenchReport, type CaseResult, type RoutingCost, type TargetResult } from './bench-report.js';
import { measureLoad } from './measure-load.js';
import { measureTtfb } from './measure-ttfb.js';
import { readBenchSettings, type BenchSettings } from './read-bench-settings.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root, from `dist/test/bench/` (compiled) or `test/bench/` (sources). */
const repoRoot = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..');
const CHAT_PATH = '/v1/chat/completions';
const HEADERS = { 'content-type': 'application/json', authorization: 'Bearer sk-bench' };

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** One request that must succeed before a target is loaded, so a broken target fails with its answer. */
async function probe(target: TargetName, url: string, body: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: HEADERS, body, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let choices: unknown;
  try {
    choices = (JSON.parse(text) as { choices?: unknown }).choices;
  } catch {
    choices = undefined;
  }
  if (response.status !== 200 || !Array.isArray(choices)) {
    throw new Error(`${target}: POST ${url} answered ${response.status}: ${text.slice(0, 400)}`);
  }
}

async function startSwitchyard(benchCase: BenchCase, index: number, upstream: ServerProcess, settings: BenchSettings, workDir: string): Promise<ServerProcess> {
  const switchyardCli = settings.switchyardCli;
  if (!fs.existsSync(switchyardCli)) {
    throw new Error(`the Switchyard CLI ${switchyardCli} is missing: build it first (npm run build)`);
  }
  const configFile = path.join(workDir, `switchyard-${index}.yaml`);
  fs.writeFileSync(configFile, switchyardConfigText(benchCase, `${upstream.origin}/v1`));
  const port = await findFreePort();
  return spawnServer({
    name: `switchyard[${benchCase.name}]`,
    args: [
      switchyardCli, 'start', '--config', configFile, '--port', String(port), '--host', '127.0.0.1', '--db', path.join(workDir, `bench-${index}.db`),
      ...(benchCase.workers !== undefined ? ['--workers', String(benchCase.workers)] : []),
    ],
    port,
    cwd: workDir,
    logFile: path.join(workDir, `switchyard-${index}.log`),
    readinessPath: '/health/readiness',
  });
}

async function runCase(benchCase: BenchCase, index: number, settings: BenchSettings, upstream: ServerProcess, passThrough: ServerProcess | null, workDir: string): Promise<CaseResult> {
  const body = JSON.stringify(benchCase.request);
  const streamBody = JSON.stringify({ ...benchCase.request, stream: true });
  const results: TargetResult[] = settings.targets.map((target) => ({ target, loads: [], ttfb: null, error: null }));
  const origins = new Map<TargetName, string>([['direct', upstream.origin]]);
  if (passThrough !== null) origins.set('pass-through', passThrough.origin);

  let switchyard: ServerProcess | null = null;
  const switchyardResult = results.find((result) => result.target === 'switchyard');
  if (switchyardResult !== undefined) {
    log(`case ${benchCase.name}: starting Switchyard`);
    try {
      switchyard = await startSwitchyard(benchCase, index, upstream, settings, workDir);
      origins.set('switchyard', switchyard.origin);
    } catch (error) {
      switchyardResult.error = (error as Error).message;
    }
  }

  const caseResult: CaseResult = { name: benchCase.name, description: benchCase.description, targets: results, switchyardPeakRssMiB: null, comparison: null };
  try {
    for (const result of results) {
      if (result.error !== null) continue;
      try {
        await probe(result.target, `${origins.get(result.target)}${CHAT_PATH}`, body);
      } catch (error) {
        result.error = (error as Error).message;
      }
    }
    for (const connections of settings.connections) {
      for (const result of results) {
        if (result.error !== null) continue;
        log(`case ${benchCase.name}: ${result.target} at ${connections} connection(s) for ${settings.durationS} s`);
        const load = await measureLoad({ url: `${origins.get(result.target)}${CHAT_PATH}`, headers: HEADERS, body, connections, durationS: settings.durationS, warmupS: settings.warmupS });
        result.loads.push(load);
      }
    }
    if (settings.ttfbRequests > 0) {
      for (const result of results) {
        if (result.error !== null) continue;
        log(`case ${benchCase.name}: ${result.target} streaming TTFB over ${settings.ttfbRequests} requests`);
        try {
          result.ttfb = await measureTtfb(`${origins.get(result.target)}${CHAT_PATH}`, HEADERS, streamBody, settings.ttfbRequests);
        } catch (error) {
          result.error = (error as Error).message;
        }
      }
    }
  } finally {
    if (switchyard !== null) {
      caseResult.switchyardPeakRssMiB = switchyard.peakRssMiB();
      await switchyard.stop();
    }
  }
  caseResult.comparison = compareTargets(results, settings.connections);
  return caseResult;
}

/**
 * The routing cost with both gateways up at once: `routingPairs` pairs of runs at the largest
 * connection count, alternating which goes first, so that drift hits both sides of a pair alike.
 */
async function measureRoutingCost(settings: BenchSettings, upstream: ServerProcess, workDir: string): Promise<RoutingCost | null> {
  const one = BENCH_CASES.find((benchCase) => benchCase.name === 'one-deployment');
  const ten = BENCH_CASES.find((benchCase) => benchCase.name === 'ten-deployments');
  const selected = settings.cases.includes('one-deployment') && settings.cases.includes('ten-deployments') && settings.targets.includes('switchyard');
  if (!one || !ten || !selected || settings.routingPairs === 0) return null;
  const connections = Math.max(...settings.connections);
  const result: RoutingCost = { connections, pairs: [], median: null, error: null };
  const servers: ServerProcess[] = [];
  try {
    log(`routing cost: starting the one- and ten-deployment gateways side by side`);
    const [oneServer, tenServer] = [await startSwitchyard(one, 100, upstream, settings, workDir), await startSwitchyard(ten, 101, upstream, settings, workDir)];
    servers.push(oneServer, tenServer);
    const body = JSON.stringify(one.request);
    const run = async (server: ServerProcess): Promise<number> => {
      const load = await measureLoad({ url: `${server.origin}${CHAT_PATH}`, headers: HEADERS, body, connections, durationS: settings.durationS, warmupS: settings.warmupS });
      if (load.failures > 0) throw new Error(`${load.failures} failed requests: ${load.failureDetail}`);
      return load.requestsPerSecond;
    };
    await probe('switchyard', `${oneServer.origin}${CHAT_PATH}`, body);
    await probe('switchyard', `${tenServer.origin}${CHAT_PATH}`, body);
    // Fresh processes: warm both up first, or the first pair measures the JIT, not the routing.
    log(`routing cost: warming both gateways up`);
    for (const server of [oneServer, tenServer]) {
      await measureLoad({ url: `${server.origin}${CHAT_PATH}`, headers: HEADERS, body, connections, durationS: Math.max(2, settings.warmupS * 2), warmupS: 0 });
    }
    for (let pair = 0; pair < settings.routingPairs; pair += 1) {
      log(`routing cost: pair ${pair + 1} of ${settings.routingPairs} at ${connections} connections`);
      if (pair % 2 === 0) {
        const oneRps = await run(oneServer);
        result.pairs.push({ one: oneRps, ten: await run(tenServer) });
      } else {
        const tenRps = await run(tenServer);
        result.pairs.push({ one: await run(oneServer), ten: tenRps });
      }
    }
    const ratios = result.pairs.map((pair) => pair.ten / pair.one).sort((a, b) => a - b);
    const middle = Math.floor(ratios.length / 2);
    result.median = ratios.length % 2 === 1 ? ratios[middle]! : (ratios[middle - 1]! + ratios[middle]!) / 2;
  } catch (error) {
    result.error = (error as Error).message;
  } finally {
    for (const server of servers) await server.stop();
  }
  return result;
}

async function main(): Promise<number> {
  const settings = readBenchSettings(process.env, repoRoot);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-bench-'));
  let keepWorkDir = false;
  // Also on Ctrl-C (bench-processes exits on SIGINT/SIGTERM after killing the servers).
  process.once('exit', () => {
    if (!keepWorkDir) fs.rmSync(workDir, { recursive: true, force: true });
  });
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    node: process.version,
    cpus: os.availableParallelism(),
    platform: `${os.platform()} ${os.arch()}`,
    settings,
    cases: [],
    peakRssMiB: {},
    routing: null,
  };
  let upstream: ServerProcess | null = null;
  let passThrough: ServerProcess | null = null;
  try {
    upstream = await forkBenchServer('fake upstream', new URL('./fake-upstream-server.js', import.meta.url), { BENCH_SSE_GAP_MS: String(settings.sseGapMs) });
    if (settings.targets.includes('pass-through')) {
      passThrough = await forkBenchServer('pass-through', new URL('./pass-through-server.js', import.meta.url), { BENCH_UPSTREAM_URL: upstream.origin });
    }
    const cases = BENCH_CASES.filter((benchCase) => settings.cases.includes(benchCase.name));
    for (const [index, benchCase] of cases.entries()) {
      report.cases.push(await runCase(benchCase, index, settings, upstream, passThrough, workDir));
    }
    report.routing = await measureRoutingCost(settings, upstream, workDir);
    report.peakRssMiB['upstream'] = upstream.peakRssMiB();
    if (passThrough !== null) report.peakRssMiB['pass-through'] = passThrough.peakRssMiB();
    for (const result of report.cases) {
      if (result.switchyardPeakRssMiB !== null) report.peakRssMiB[`switchyard[${result.name}]`] = result.switchyardPeakRssMiB;
    }
  } finally {
    await passThrough?.stop();
    await upstream?.stop();
    killAllChildren();
  }

  process.stdout.write(`${formatReport(report)}\n`);
  fs.mkdirSync(path.dirname(settings.outputFile), { recursive: true });
  fs.writeFileSync(settings.outputFile, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), settings.outputFile) || settings.outputFile}\n`);

  const failed = report.cases.flatMap((result) => result.targets.filter((target) => target.error !== null || target.loads.some((load) => load.failures > 0)));
  const missed = report.cases.flatMap((result) => result.comparison?.goals.filter((goal) => !goal.met) ?? []);
  const routingMissed = report.routing?.median != null && report.routing.median < 0.95;
  const routingFailed = report.routing?.error != null;
  if (failed.length > 0 || routingFailed) {
    keepWorkDir = true;
    process.stderr.write(`[bench] ${failed.length + (routingFailed ? 1 : 0)} run(s) failed; logs kept in ${workDir}\n`);
  }
  return failed.length > 0 || routingFailed || (settings.enforceGoals && (missed.length > 0 || routingMissed)) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    killAllChildren();
    process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
