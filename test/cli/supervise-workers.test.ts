import t from 'tap';
import cluster from 'node:cluster';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../helpers/repository-paths.js';
import { isListeningMessage, superviseWorkers } from '../../proxy/cli/supervise-workers.js';

const SCRIPT = path.join(REPOSITORY_ROOT, 'test', 'fixtures', 'workers', 'scripted-worker.mjs');

function supervise(mode: string, workers: number, maxRestarts?: number) {
  cluster.setupPrimary({ exec: SCRIPT, args: [], silent: true });
  process.env['SCRIPTED_WORKER'] = mode;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const supervised = superviseWorkers({ workers, stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line), ...(maxRestarts !== undefined ? { maxRestarts } : {}) });
  return { supervised, stdout, stderr };
}

const markerDir = mkdtempSync(path.join(tmpdir(), 'switchyard-workers-'));
process.env['SCRIPTED_WORKER_MARKER'] = path.join(markerDir, 'died');
t.teardown(() => rmSync(markerDir, { recursive: true, force: true }));

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
};

t.test('the listening message is recognised', async (t) => {
  t.ok(isListeningMessage({ type: 'switchyard:listening', url: 'x', startupMs: 1 }));
  t.notOk(isListeningMessage({ type: 'other' }));
  t.notOk(isListeningMessage(null));
});

t.test('starts the first worker alone, then the rest; one line once all listen; stop drains all and exits 0', async (t) => {
  const { supervised, stdout } = supervise('serve', 3);
  await until(() => stdout.length > 0);
  t.match(stdout[0], /^Switchyard listening on http:\/\/127\.0\.0\.1:1 with 3 workers \(first ready in 5 ms, all in \d+ ms\)$/);
  t.equal(Object.keys(cluster.workers ?? {}).length, 3);
  supervised.stop('SIGTERM');
  supervised.stop('SIGTERM');
  t.equal(await supervised.done, 0);
});

t.test('a worker that exits before listening stops everything with its exit code', async (t) => {
  const { supervised, stderr } = supervise('fail', 2);
  t.equal(await supervised.done, 1);
  t.match(stderr.join('\n'), /worker \d+ exited before listening \(code 1\); stopping/);
});

t.test('a worker that dies after listening is replaced', async (t) => {
  const { supervised, stderr, stdout } = supervise('die-once', 2);
  await until(() => stderr.some((line) => /starting a replacement/.test(line)));
  await until(() => stdout.length === 1);
  t.equal(Object.keys(cluster.workers ?? {}).length, 2, 'two workers again');
  supervised.stop('SIGINT');
  t.equal(await supervised.done, 0);
});

t.test('workers that keep dying make the supervisor give up with exit code 1', async (t) => {
  const { supervised, stderr } = supervise('die-always', 1, 2);
  t.equal(await supervised.done, 1);
  t.equal(stderr.filter((line) => /starting a replacement/.test(line)).length, 2);
  t.match(stderr.at(-1), /2 restarts within a minute, giving up/);
});
