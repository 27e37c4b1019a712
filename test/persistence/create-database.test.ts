import { existsSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { createDatabase } from '../../core/persistence/create-database.js';
import { RequestLog } from '../../core/persistence/request-log.js';
import { createCaptureLogger, createTemporaryDirectory, makeRecord } from './persistence-fixtures.js';

t.test('default URL creates ./.switchyard/switchyard.db under cwd with the schema', async (t) => {
  const dir = await createTemporaryDirectory();
  t.teardown(dir.remove);
  const logger = createCaptureLogger();
  const database = await createDatabase({ logger, cwd: dir.path });
  t.teardown(() => database.close());
  t.equal(database.dialect, 'sqlite');
  t.equal(database.target, join(dir.path, '.switchyard', 'switchyard.db'));
  t.ok(existsSync(database.target));
  const connection = database.orm.em.getConnection();
  const tables = await connection.execute<{ name: string }[]>("select name from sqlite_master where type in ('table', 'index') order by name");
  const names = tables.map((row) => row.name);
  t.ok(names.includes('request_log'), 'table');
  t.ok(names.includes('request_log_started_at_index'), 'index on started_at');
  const columns = (await connection.execute<{ name: string }[]>("select name from pragma_table_info('request_log')")).map((c) => c.name);
  t.same(columns.sort(), [
    'attempts', 'cached_tokens', 'completion_tokens', 'deployment', 'duration_ms', 'error_code', 'finish_reason', 'id',
    'overhead_ms', 'prompt_tokens', 'provider', 'raw_finish_reason', 'reasoning_tokens', 'requested_model', 'route',
    'started_at', 'status', 'stream', 'total_tokens', 'upstream_model',
  ]);
  t.ok(logger.lines.some((l) => l.level === 'info' && l.message === 'database ready' && l.fields.dialect === 'sqlite'));
  t.notOk(logger.lines.some((l) => l.level === 'warn' || l.level === 'error'), 'no warnings');
});

t.test('reopening an existing file keeps its rows (safe schema update)', async (t) => {
  const dir = await createTemporaryDirectory();
  t.teardown(dir.remove);
  const url = `sqlite:${join('nested', 'gateway.db')}`;
  const first = await createDatabase({ url, logger: createCaptureLogger(), cwd: dir.path });
  const em = first.orm.em.fork();
  await em.insert(RequestLog, { ...makeRecord(1), attempts: null });
  await first.close();
  await first.close(); // idempotent

  const second = await createDatabase({ url, logger: createCaptureLogger(), cwd: dir.path });
  t.teardown(() => second.close());
  t.equal(second.target, join(dir.path, 'nested', 'gateway.db'));
  const row = await second.orm.em.fork().findOneOrFail(RequestLog, { id: makeRecord(1).id });
  t.equal(row.route, '/v1/chat/completions');
  t.equal(row.startedAt.toISOString(), makeRecord(1).startedAt.toISOString());
});

t.test(':memory: works and needs no folder', async (t) => {
  const database = await createDatabase({ url: ':memory:', logger: createCaptureLogger(), cwd: '/nonexistent-switchyard-cwd' });
  t.teardown(() => database.close());
  t.equal(database.target, ':memory:');
  t.equal(await database.orm.em.fork().count(RequestLog), 0);
});

t.test('isReachable is true while open and false after close', async (t) => {
  const database = await createDatabase({ url: ':memory:', logger: createCaptureLogger(), cwd: process.cwd() });
  t.equal(await database.isReachable(), true);
  await database.close();
  t.equal(await database.isReachable(), false);
});

t.test('the global entity manager is off: work goes through em.fork()', async (t) => {
  const database = await createDatabase({ url: ':memory:', logger: createCaptureLogger(), cwd: process.cwd() });
  t.teardown(() => database.close());
  await t.rejects(database.orm.em.find(RequestLog, {}), /global EntityManager/);
});

t.test('an unsupported URL scheme is a ConfigError before anything opens', async (t) => {
  await t.rejects(createDatabase({ url: 'mysql://root:hunter2@db/x', logger: createCaptureLogger(), cwd: process.cwd() }), {
    name: 'ConfigError',
    code: 'CONFIG_INVALID',
    message: /unsupported scheme 'mysql:'/,
  });
});

t.test('an unreachable PostgreSQL server rejects and the log holds no password', async (t) => {
  const logger = createCaptureLogger();
  // Port 1 on loopback: connection refused at once, no network involved.
  await t.rejects(createDatabase({ url: 'postgresql://switchyard:hunter2@127.0.0.1:1/switchyard', logger, cwd: process.cwd() }));
  t.notMatch(JSON.stringify(logger.lines), /hunter2/);
});
