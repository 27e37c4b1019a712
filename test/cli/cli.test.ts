import t, { type Test } from 'tap';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/sqlite';
import { REPOSITORY_ROOT } from '../helpers/repository-paths.js';
import { RequestLog } from '../../core/persistence/request-log.js';
import { runCli, spawnCli, waitForLine } from './run-cli.js';

const tempDir = (t: Test): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

t.test('--help and --version', async (t) => {
  const cwd = tempDir(t);
  const help = await runCli(['--help'], { cwd });
  t.equal(help.code, 0);
  t.match(help.stdout, /Usage: switchyard <command>/);
  t.match(help.stdout, /--plugins-dir DIR/);
  const version = await runCli(['--version'], { cwd });
  t.equal(version.code, 0);
  t.equal(version.stdout.trim(), JSON.parse(readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8')).version);
});

t.test('argument errors name the flag and exit 2', async (t) => {
  const cwd = tempDir(t);
  const cases: [string[], RegExp][] = [
    [['launch'], /unknown command 'launch'/],
    [['start', '--port', 'abc'], /--port: expected an integer from 0 to 65535, got 'abc'/],
    [['start', '--port', '70000'], /--port/],
    [['start', '--bogus'], /bogus/],
    [['plugins'], /expected 'list' or 'validate'/],
    [['plugins', 'validate'], /exactly one PATH/],
    [['start', '--workers', '0'], /--workers: expected a whole number from 1 to 64, or 'auto', got '0'/],
    [['start', '--workers', 'many'], /--workers: expected a whole number/],
    [['plugins', 'list', '--workers', '2'], /plugins list: --workers applies to start only/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(args, { cwd });
    t.equal(result.code, 2, `${args.join(' ')} exits 2`);
    t.match(result.stderr, message, `${args.join(' ')} explains`);
  }
  const fromEnv = await runCli(['start'], { cwd, env: { SWITCHYARD_WORKERS: '-3' } });
  t.equal(fromEnv.code, 2, 'a bad SWITCHYARD_WORKERS exits 2');
  t.match(fromEnv.stderr, /SWITCHYARD_WORKERS: expected a whole number from 1 to 64, or 'auto', got '-3'/);
});

t.test('config errors print the file, the path and what was expected, and exit 1', async (t) => {
  const cwd = tempDir(t);
  writeFileSync(path.join(cwd, 'bad.yaml'), 'model_list:\n  - model_name: x\n    litellm_params:\n      model: openai/gpt-4o\n      timeout: fast\n');
  const bad = await runCli(['start', '--config', 'bad.yaml', '--port', '0', '--db', ':memory:'], { cwd });
  t.equal(bad.code, 1);
  t.match(bad.stderr, /bad\.yaml/);
  t.match(bad.stderr, /model_list\[0\]\.litellm_params\.timeout/);
  writeFileSync(path.join(cwd, 'env.yaml'), 'general_settings:\n  master_key: os.environ/NOT_SET_ANYWHERE\n');
  const env = await runCli(['start', '--config', 'env.yaml', '--port', '0', '--db', ':memory:'], { cwd });
  t.equal(env.code, 1);
  t.match(env.stderr, /NOT_SET_ANYWHERE/);
  const missing = await runCli(['start', '--config', 'nope.yaml'], { cwd });
  t.equal(missing.code, 1);
  t.match(missing.stderr, /nope\.yaml/);
});

t.test('plugins validate reports JSON paths and exits 0/1', async (t) => {
  const cwd = tempDir(t);
  const builtins = await runCli(['plugins', 'validate', path.join(REPOSITORY_ROOT, 'dist', 'plugins')], { cwd });
  t.equal(builtins.code, 0, builtins.stderr);
  t.match(builtins.stdout, /ok\s+provider-openai/);
  const broken = path.join(cwd, 'provider-broken');
  rmSync(broken, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(broken));
  writeFileSync(path.join(broken, 'plugin.json'), JSON.stringify({ id: 'provider-broken', kind: 'provider', name: 'x', description: 'x', version: 'one', engine: '^1.0.0', main: './index.js', provider: { providers: [{ name: 'x', extra: true }] } }));
  const result = await runCli(['plugins', 'validate', broken], { cwd });
  t.equal(result.code, 1);
  t.match(result.stderr, /\/version/);
  t.match(result.stderr, /\/provider\/providers\/0/);
});

t.test('plugins list shows every built-in plugin as loaded', async (t) => {
  const cwd = tempDir(t);
  const result = await runCli(['plugins', 'list'], { cwd });
  t.equal(result.code, 0, result.stderr);
  t.match(result.stdout, /ID\s+KIND\s+VERSION\s+SOURCE\s+STATUS/);
  t.match(result.stdout, /provider-openai\s+provider\s+\S+\s+builtin\s+loaded/);
  t.match(result.stdout, /provider-openai-compatible\s+provider\s+\S+\s+builtin\s+loaded/);
});

t.test('start serves, and SIGTERM lets an in-flight request finish, flushes the log and exits 0', async (t) => {
  const cwd = tempDir(t);
  let release: () => void = () => undefined;
  let arrived: () => void = () => undefined;
  const upstreamReached = new Promise<void>((resolve) => (arrived = resolve));
  const upstream = createServer((request, response) => {
    request.resume();
    arrived();
    release = () =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'slow-model', choices: [{ index: 0, message: { role: 'assistant', content: 'done' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } }),
      );
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  t.teardown(() => upstream.close());
  const upstreamPort = (upstream.address() as AddressInfo).port;
  writeFileSync(path.join(cwd, 'switchyard.yaml'), `model_list:\n  - model_name: slow\n    litellm_params:\n      model: openai/slow-model\n      api_base: http://127.0.0.1:${upstreamPort}/v1\n      api_key: sk-test\n`);
  const child = spawnCli(['start', '--port', '0', '--db', 'logs.db'], { cwd });
  t.teardown(() => child.kill('SIGKILL'));
  const line = await waitForLine(child, /listening on/);
  const url = /listening on (\S+)/.exec(line)![1]!;
  t.match(line, /ready in \d+ ms/);
  const pending = fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'slow', messages: [{ role: 'user', content: 'hi' }] }) });
  await upstreamReached;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 200));
  release();
  const response = await pending;
  t.equal(response.status, 200, 'the in-flight request completes');
  t.equal(((await response.json()) as any).choices[0].message.content, 'done');
  t.equal(await exited, 0, 'exit code 0');
  const orm = await MikroORM.init({ dbName: path.join(cwd, 'logs.db'), entities: [RequestLog], allowGlobalContext: true });
  t.teardown(() => orm.close());
  const rows = await orm.em.fork().find(RequestLog, {});
  t.equal(rows.length, 1, 'the request-log row was flushed at shutdown');
  t.equal(rows[0]?.requestedModel, 'slow');
  t.equal(rows[0]?.provider, 'openai');
  t.equal(rows[0]?.totalTokens, 4);
});

t.test('start --workers 2 serves from two processes on one port, shares the SQLite log, and SIGTERM stops both', async (t) => {
  const cwd = tempDir(t);
  const child = spawnCli(['start', '--port', '0', '--db', 'logs.db', '--workers', '2'], { cwd, env: { SWITCHYARD_LOG_LEVEL: 'info' } });
  t.teardown(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await waitForLine(child, /listening on/);
  t.match(line, /with 2 workers \(first ready in \d+ ms, all in \d+ ms\)/, 'one line for both workers');
  const url = /listening on (\S+)/.exec(line)![1]!;
  const requests = Array.from({ length: 40 }, (_, index) =>
    fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ model: 'any', mock_response: `answer ${index}`, messages: [{ role: 'user', content: 'hi' }] }) }),
  );
  const answers = await Promise.all(requests.map(async (pending) => (await pending).json() as Promise<{ choices: { message: { content: string } }[] }>));
  t.same(answers.map((answer) => answer.choices[0]!.message.content), Array.from({ length: 40 }, (_, index) => `answer ${index}`));
  const listening = stderr.split('\n').filter((entry) => entry.includes('"msg":"listening"'));
  t.equal(listening.length, 2, 'two gateway processes listen');
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  t.equal(await exited, 0, 'the primary exits 0 once both workers drained');
  t.equal((stderr.match(/received SIGTERM; finishing in-flight requests/g) ?? []).length, 2, 'each worker shut down gracefully');
  const orm = await MikroORM.init({ dbName: path.join(cwd, 'logs.db'), entities: [RequestLog], allowGlobalContext: true });
  t.teardown(() => orm.close());
  t.equal(await orm.em.fork().count(RequestLog), 40, 'every request logged once, by whichever worker served it');
});

t.test('a worker that cannot start stops the others and the exit code says so', async (t) => {
  const cwd = tempDir(t);
  writeFileSync(path.join(cwd, 'switchyard.yaml'), 'model_list: 3\n');
  const result = await runCli(['start', '--port', '0', '--workers', '2'], { cwd });
  t.equal(result.code, 1);
  t.match(result.stderr, /switchyard\.yaml/, 'the worker explained the config error');
  t.match(result.stderr, /worker 1 exited before listening \(code 1\); stopping/);
});
