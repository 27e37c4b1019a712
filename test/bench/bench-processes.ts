import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A server under test running in its own process (the load generator never shares its event loop). */
export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Peak resident set size so far in MiB (`VmHWM` from `/proc/<pid>/status`, summed over its child processes); null where unreadable. */
  peakRssMiB(): number | null;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills every child still running; also runs on process exit, SIGINT and SIGTERM. */
export function killAllChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
}

function track(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAllChildren();
      process.exit(130);
    });
  }
}

function readOwnPeakRssMiB(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? null : Number(match[1]) / 1024;
  } catch {
    return null;
  }
}

/** Peak RSS of a process plus its child processes (the workers of `--workers`): the footprint of the whole server. */
function readPeakRssMiB(pid: number): number | null {
  const own = readOwnPeakRssMiB(pid);
  if (own === null) return null;
  let children: number[] = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter((id) => id !== '').map(Number);
  } catch {
    // No children file (older kernels): the process alone.
  }
  return children.reduce((sum, child) => sum + (readOwnPeakRssMiB(child) ?? 0), own);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function toServerProcess(name: string, child: ChildProcess, port: number): ServerProcess {
  let lastPeak: number | null = null;
  return {
    name,
    pid: child.pid!,
    origin: `http://127.0.0.1:${port}`,
    peakRssMiB: () => (lastPeak = readPeakRssMiB(child.pid!) ?? lastPeak),
    stop: async () => {
      lastPeak = readPeakRssMiB(child.pid!) ?? lastPeak;
      await stopChild(child);
    },
  };
}

/**
 * Forks one of the bench's own server scripts (compiled next to this file) and waits for it to
 * report `{ port }` over IPC.
 */
export async function forkBenchServer(name: string, script: URL, env: Record<string, string>, timeoutMs = 15_000): Promise<ServerProcess> {
  const child = fork(script, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  track(child);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: no port reported within ${timeoutMs} ms`)), timeoutMs);
    child.once('message', (message: { port?: number }) => {
      clearTimeout(timer);
      if (typeof message.port === 'number') resolve(message.port);
      else reject(new Error(`${name}: unexpected first message ${JSON.stringify(message)}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name}: exited before listening (code ${code}, signal ${signal})`));
    });
  });
  return toServerProcess(name, child, port);
}

/** A free TCP port on 127.0.0.1 (released just before use; fine on a quiet loopback). */
export async function findFreePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function tail(file: string, bytes = 2_000): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.slice(-bytes).trim();
  } catch {
    return '';
  }
}

/** How to start a server that reports readiness over HTTP instead of IPC (Switchyard's CLI). */
export interface SpawnedServerOptions {
  readonly name: string;
  readonly args: readonly string[];
  readonly port: number;
  readonly cwd: string;
  /** stdout and stderr go here (never into the load generator's process). */
  readonly logFile: string;
  readonly readinessPath: string;
  readonly timeoutMs?: number;
}

/** Spawns `node <args>` and polls `GET <readinessPath>` until it answers 200. */
export async function spawnServer(options: SpawnedServerOptions): Promise<ServerProcess> {
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [...options.args], { cwd: options.cwd, env: process.env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  track(child);
  let exit: string | null = null;
  child.once('exit', (code, signal) => (exit = `exited with code ${code}${signal === null ? '' : `, signal ${signal}`}`));

  const origin = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (exit !== null) break;
    try {
      const response = await fetch(`${origin}${options.readinessPath}`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return toServerProcess(options.name, child, options.port);
      lastProblem = `GET ${options.readinessPath} answered ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await sleep(100);
  }
  await stopChild(child);
  const why = exit ?? `not ready within ${options.timeoutMs ?? 60_000} ms (${lastProblem})`;
  const logTail = tail(options.logFile);
  throw new Error(`${options.name} ${why}. Log ${options.logFile}${logTail === '' ? ' is empty.' : `, last lines:\n${logTail}`}`);
}
