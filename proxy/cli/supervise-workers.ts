import cluster, { type Worker } from 'node:cluster';

/** The message a worker sends its primary once it listens. */
export interface WorkerListeningMessage {
  readonly type: 'switchyard:listening';
  readonly url: string;
  readonly startupMs: number;
}

/** What the supervisor needs from the CLI. */
export interface SuperviseWorkersOptions {
  readonly workers: number;
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** Replacements allowed within {@link RESTART_WINDOW_MS} before the supervisor gives up. */
  readonly maxRestarts?: number;
}

const RESTART_WINDOW_MS = 60_000;
const DEFAULT_MAX_RESTARTS = 5;

/** Running workers: `done` resolves with the exit code once every worker has exited. */
export interface SupervisedWorkers {
  readonly done: Promise<number>;
  /** Passes `signal` to every worker (each drains and exits); idempotent. */
  stop(signal: NodeJS.Signals): void;
}

/** True for the message a worker sends once it listens. */
export function isListeningMessage(message: unknown): message is WorkerListeningMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'switchyard:listening';
}

/**
 * The primary of `switchyard start --workers N`: runs the gateway in N worker processes that share
 * the listening socket (Node's cluster, round-robin). Worker 1 starts alone, so that it creates or
 * migrates the database before the others open it; the rest start once it listens. SIGTERM and
 * SIGINT (via `stop`) are passed on and each worker drains its requests and flushes its request log; a worker
 * that dies unexpectedly is replaced (giving up after too many deaths in a minute). Resolves with
 * the exit code: 0 after a clean shutdown, else the first failing worker's code (or 1).
 */
export function superviseWorkers(options: SuperviseWorkersOptions): SupervisedWorkers {
  const maxRestarts = options.maxRestarts ?? DEFAULT_MAX_RESTARTS;
  const started = performance.now();
  const live = new Set<Worker>();
  const restarts: number[] = [];
  let listening = 0;
  let announced = false;
  let shuttingDown = false;
  let exitCode = 0;

  let stop: (signal: NodeJS.Signals) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    const finishIfDone = (): void => {
      if (shuttingDown && live.size === 0) resolve(exitCode);
    };
    const shutdown = (signal: NodeJS.Signals, code: number): void => {
      if (code !== 0 && exitCode === 0) exitCode = code;
      if (shuttingDown) return;
      shuttingDown = true;
      for (const worker of live) if (!worker.isDead()) worker.process.kill(signal);
      finishIfDone();
    };

    const fork = (): Worker => {
      const worker = cluster.fork();
      live.add(worker);
      let ready = false;
      worker.on('message', (message: unknown) => {
        if (!isListeningMessage(message) || ready) return;
        ready = true;
        listening += 1;
        if (listening === 1 && live.size < options.workers && !shuttingDown) {
          // The database exists and is migrated now: the others may open it together.
          for (let i = live.size; i < options.workers; i++) fork();
        }
        if (!announced && listening === options.workers) {
          announced = true;
          options.stdout(
            `Switchyard listening on ${message.url} with ${options.workers} workers (first ready in ${message.startupMs} ms, all in ${Math.round(performance.now() - started)} ms)`,
          );
        }
      });
      worker.on('exit', (code, signal) => {
        live.delete(worker);
        if (ready) listening -= 1;
        if (shuttingDown) {
          if (code !== 0 && code !== null && exitCode === 0) exitCode = code;
          finishIfDone();
          return;
        }
        const status = code ?? 1;
        if (!ready) {
          // A worker that cannot start (bad config, port taken, database down) will not do better on a retry.
          options.stderr(`switchyard: worker ${worker.id} exited before listening (${signal ?? `code ${status}`}); stopping`);
          shutdown('SIGTERM', status === 0 ? 1 : status);
          return;
        }
        const now = performance.now();
        while (restarts.length > 0 && now - restarts[0]! > RESTART_WINDOW_MS) restarts.shift();
        if (restarts.length >= maxRestarts) {
          options.stderr(`switchyard: worker ${worker.id} died (${signal ?? `code ${status}`}); ${maxRestarts} restarts within a minute, giving up`);
          shutdown('SIGTERM', 1);
          return;
        }
        restarts.push(now);
        options.stderr(`switchyard: worker ${worker.id} died (${signal ?? `code ${status}`}); starting a replacement`);
        fork();
      });
      return worker;
    };

    stop = (signal) => shutdown(signal, 0);
    fork();
  });
  return { done, stop: (signal) => stop(signal) };
}
