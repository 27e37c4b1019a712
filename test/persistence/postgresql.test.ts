import { randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import { createDatabase, type Database } from '../../core/persistence/create-database.js';
import { createRequestLogWriter } from '../../core/persistence/create-request-log-writer.js';
import { POSTGRESQL_MIGRATIONS } from '../../core/persistence/migrations/postgresql/postgresql-migrations.js';
import { RequestLog } from '../../core/persistence/request-log.js';
import { createCaptureLogger, makeRecord } from './persistence-fixtures.js';

const url = process.env.SWITCHYARD_TEST_POSTGRES_URL;
const skip = url
  ? false
  : 'SWITCHYARD_TEST_POSTGRES_URL is not set; set it to a PostgreSQL URL whose user may create databases (.ci/run starts a throwaway server and sets it)';

t.test('PostgreSQL: migrations, write, flush, retry and close', { skip }, async (t) => {
  // Each run gets its own scratch database, so migrations start from an empty schema.
  const admin = await createDatabase({ url: url!, logger: createCaptureLogger(), cwd: process.cwd() });
  const scratchName = `switchyard_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin.orm.em.getConnection().execute(`create database "${scratchName}"`);
  const scratchUrl = new URL(url!);
  scratchUrl.pathname = `/${scratchName}`;
  t.teardown(async () => {
    await admin.orm.em.getConnection().execute(`drop database if exists "${scratchName}" with (force)`);
    await admin.close();
  });

  // Two gateways starting at once: the advisory lock lets one migrate while the other waits.
  const logger = createCaptureLogger();
  const [database, twin] = await Promise.all([
    createDatabase({ url: scratchUrl.href, logger, cwd: process.cwd() }),
    createDatabase({ url: scratchUrl.href, logger: createCaptureLogger(), cwd: process.cwd() }),
  ]);
  t.teardown(() => database.close());
  await twin.close();
  t.equal(database.dialect, 'postgresql');
  t.notMatch(database.target, /@/, 'target has no credentials');

  t.test('every migration ran exactly once and the schema matches the entities', async (t) => {
    const applied = await database.orm.em.getConnection().execute<{ name: string }[]>('select name from mikro_orm_migrations order by id');
    t.same(applied.map((row) => row.name), POSTGRESQL_MIGRATIONS.map((m) => m.name));
    const drift = await database.orm.schema.getUpdateSchemaSQL({ wrap: false });
    t.equal(drift.trim(), '', 'entities changed without a migration: run create-postgresql-migration (see its TSDoc)');
  });

  t.test('isReachable', async (t) => {
    t.equal(await database.isReachable(), true);
    t.equal(await twin.isReachable(), false, 'a closed database is not reachable');
  });

  t.test('batches are written, retried after a failure and flushed at close', async (t) => {
    await writeFlushAndRetry(t, database);
  });
});

async function writeFlushAndRetry(t: Test, database: Database): Promise<void> {
  const logger = createCaptureLogger();
  const writer = createRequestLogWriter({ database, logger, batchSize: 4, flushIntervalMs: 3_600_000 });
  const record = makeRecord(1, { overheadMs: 0.75, cachedTokens: 3, attempts: [{ deployment: 'a', errorCode: 'PROVIDER_TIMEOUT', latencyMs: 5 }] });
  writer.write(record);
  writer.write(makeRecord(1, { route: '/duplicate' }));
  for (let i = 2; i < 9; i += 1) writer.write(makeRecord(i, { requestedModel: 'm'.repeat(1000) }));
  // Client-supplied text with quotes, backslashes and a NUL (which PostgreSQL refuses) must not wedge the batch.
  writer.write(makeRecord(9, { requestedModel: "o'brien \\' \u0000x" }));
  await writer.flush();
  const em = database.orm.em.fork();
  t.equal(await em.count(RequestLog), 9);
  t.equal((await em.findOneOrFail(RequestLog, { id: makeRecord(9).id })).requestedModel, "o'brien \\' x");
  const row = await em.findOneOrFail(RequestLog, { id: record.id });
  t.same({ ...row, startedAt: row.startedAt.toISOString() }, { ...record, startedAt: record.startedAt.toISOString() }, 'every column round-trips');

  await database.orm.em.getConnection().execute('alter table request_log rename to request_log_away');
  for (let i = 10; i < 15; i += 1) writer.write(makeRecord(i));
  await t.rejects(writer.flush());
  t.equal(writer.bufferedRows, 5);
  const warning = logger.lines.find((l) => l.level === 'warn');
  t.equal(warning?.fields.errorCode, '42P01', 'undefined_table, logged without SQL');
  await database.orm.em.getConnection().execute('alter table request_log_away rename to request_log');
  for (let i = 15; i < 17; i += 1) writer.write(makeRecord(i));
  await writer.close();
  t.equal(await database.orm.em.fork().count(RequestLog), 16, 'nothing lost');
  t.equal(writer.droppedRows, 0);
}
