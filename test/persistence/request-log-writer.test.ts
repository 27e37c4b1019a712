import t, { type Test } from 'tap';
import { createDatabase, type Database } from '../../core/persistence/create-database.js';
import { createRequestLogWriter, type RequestLogWriterOptions } from '../../core/persistence/create-request-log-writer.js';
import { RequestLog } from '../../core/persistence/request-log.js';
import { createCaptureLogger, createTemporaryDirectory, eventually, makeRecord } from './persistence-fixtures.js';

const HOUR = 3_600_000;

async function openFileDatabase(t: Test): Promise<Database> {
  const dir = await createTemporaryDirectory();
  const database = await createDatabase({ url: 'logs/requests.db', logger: createCaptureLogger(), cwd: dir.path });
  t.teardown(async () => {
    await database.close();
    await dir.remove();
  });
  return database;
}

function openWriter(database: Database, options: Partial<RequestLogWriterOptions> = {}) {
  const logger = createCaptureLogger();
  const writer = createRequestLogWriter({ database, logger, flushIntervalMs: HOUR, ...options });
  return { writer, logger };
}

const count = (database: Database): Promise<number> => database.orm.em.fork().count(RequestLog);
const ids = async (database: Database): Promise<string[]> =>
  (await database.orm.em.fork().find(RequestLog, {}, { orderBy: { id: 'asc' } })).map((row) => row.id);

t.test('flush writes every buffered row with its contents', async (t) => {
  const database = await openFileDatabase(t);
  const { writer } = openWriter(database, { batchSize: 3 });
  t.teardown(() => writer.close());
  const record = makeRecord(1, {
    stream: true,
    status: 502,
    errorCode: 'PROVIDER_SERVER_ERROR',
    deployment: 'openai-eu',
    cachedTokens: 4,
    reasoningTokens: 2,
    overheadMs: 0.75,
    attempts: [
      { deployment: 'openai-eu', errorCode: 'PROVIDER_SERVER_ERROR', latencyMs: 120 },
      { deployment: 'openai-us', errorCode: null, latencyMs: 80 },
    ],
  });
  writer.write(record);
  writer.write(makeRecord(2, { requestedModel: undefined, provider: null, attempts: undefined, finishReason: undefined }));
  t.equal(writer.bufferedRows, 2, 'below batch size: nothing written yet');
  await writer.flush();
  t.equal(writer.bufferedRows, 0);

  const em = database.orm.em.fork();
  const first = await em.findOneOrFail(RequestLog, { id: record.id });
  t.same(
    { ...first, startedAt: first.startedAt.toISOString() },
    { ...record, startedAt: record.startedAt.toISOString() },
    'every column round-trips',
  );
  const second = await em.findOneOrFail(RequestLog, { id: makeRecord(2).id });
  t.equal(second.requestedModel, null);
  t.equal(second.provider, null);
  t.equal(second.attempts, null);
  t.equal(second.finishReason, null);
  t.equal(second.stream, true);
});

t.test('a full batch is written in the background without waiting for the timer', async (t) => {
  const database = await openFileDatabase(t);
  const { writer } = openWriter(database, { batchSize: 5 });
  t.teardown(() => writer.close());
  for (let i = 0; i < 12; i += 1) writer.write(makeRecord(i));
  t.ok(await eventually(async () => (await count(database)) === 10), 'two full batches written');
  t.equal(writer.bufferedRows, 2, 'the partial batch waits for the timer or a flush');
  await writer.flush();
  t.equal(await count(database), 12);
});

t.test('the timer writes a partial batch', async (t) => {
  const database = await openFileDatabase(t);
  const { writer } = openWriter(database, { batchSize: 100, flushIntervalMs: 5 });
  t.teardown(() => writer.close());
  writer.write(makeRecord(1));
  t.ok(await eventually(async () => (await count(database)) === 1));
});

t.test('close writes everything; later writes are dropped and counted', async (t) => {
  const database = await openFileDatabase(t);
  const { writer, logger } = openWriter(database, { batchSize: 4 });
  for (let i = 0; i < 10; i += 1) writer.write(makeRecord(i));
  await writer.close();
  await writer.close(); // idempotent
  t.equal(await count(database), 10);
  writer.write(makeRecord(99));
  writer.write(makeRecord(98));
  t.equal(writer.droppedRows, 2);
  t.equal(await count(database), 10);
  t.equal(logger.lines.filter((l) => l.message.includes('after close')).length, 1, 'warned once');
});

t.test('a failed batch is kept, retried on the next flush, and nothing is lost', async (t) => {
  const database = await openFileDatabase(t);
  const { writer, logger } = openWriter(database, { batchSize: 2 });
  t.teardown(() => writer.close());
  for (let i = 0; i < 2; i += 1) writer.write(makeRecord(i));
  await writer.flush();
  // Break the database underneath the writer: the table disappears.
  await database.orm.em.getConnection().execute('drop table request_log');
  for (let i = 2; i < 7; i += 1) writer.write(makeRecord(i));
  await t.rejects(writer.flush());
  t.equal(writer.bufferedRows, 5, 'the failed batch went back to the buffer');
  await t.rejects(writer.flush(), 'still failing');
  const warnings = logger.lines.filter((l) => l.level === 'warn');
  t.equal(warnings.length, 1, 'warned once while the failure lasts');
  t.equal(warnings[0]?.fields.errorCode, 'SQLITE_ERROR');
  t.equal(warnings[0]?.fields.rows, 2);
  t.notMatch(JSON.stringify(warnings), /insert into/, 'no SQL or row values in the log');

  await database.orm.schema.updateSchema({ safe: true });
  await writer.flush();
  t.equal(writer.bufferedRows, 0);
  t.same(await ids(database), [2, 3, 4, 5, 6].map((i) => makeRecord(i).id), 'every row after the failure is there, once');
  t.ok(logger.lines.some((l) => l.level === 'info' && l.message === 'request log writes recovered'));
  t.equal(writer.droppedRows, 0);
});

t.test('a closed ORM underneath fails the batch; the rows survive for a later flush', async (t) => {
  const database = await openFileDatabase(t);
  const { writer } = openWriter(database, { batchSize: 10 });
  t.teardown(() => writer.close());
  await database.orm.close(true);
  for (let i = 0; i < 3; i += 1) writer.write(makeRecord(i));
  await t.rejects(writer.flush());
  t.equal(writer.bufferedRows, 3);
  await database.orm.reconnect();
  await writer.flush();
  t.equal(await count(database), 3);
});

t.test('past maxBufferedRows the oldest rows are dropped, counted and logged', async (t) => {
  const database = await openFileDatabase(t);
  const { writer, logger } = openWriter(database, { batchSize: 100, maxBufferedRows: 5 });
  t.teardown(() => writer.close());
  for (let i = 0; i < 8; i += 1) writer.write(makeRecord(i));
  t.equal(writer.bufferedRows, 5);
  t.equal(writer.droppedRows, 3);
  await writer.flush();
  t.same(await ids(database), [3, 4, 5, 6, 7].map((i) => makeRecord(i).id), 'the newest rows are kept');
  const errors = logger.lines.filter((l) => l.level === 'error');
  t.equal(errors.length, 1);
  t.match(errors[0]?.fields, { dropped: 3, droppedTotal: 3, maxBufferedRows: 5 });
});

t.test('a failed batch that no longer fits under the cap loses its oldest rows, counted', async (t) => {
  const database = await openFileDatabase(t);
  const { writer } = openWriter(database, { batchSize: 3, maxBufferedRows: 4 });
  t.teardown(() => writer.close());
  await database.orm.em.getConnection().execute('drop table request_log');
  for (let i = 0; i < 4; i += 1) writer.write(makeRecord(i));
  await t.rejects(writer.flush());
  for (let i = 4; i < 6; i += 1) writer.write(makeRecord(i));
  t.equal(writer.droppedRows, 2);
  await database.orm.schema.updateSchema({ safe: true });
  await writer.flush();
  t.same(await ids(database), [2, 3, 4, 5].map((i) => makeRecord(i).id));
});

t.test('a repeated request id or odd values never wedge a batch', async (t) => {
  const database = await openFileDatabase(t);
  const { writer } = openWriter(database, { batchSize: 10 });
  t.teardown(() => writer.close());
  writer.write(makeRecord(1));
  writer.write(makeRecord(1, { route: '/duplicate' }));
  writer.write(makeRecord(2, { durationMs: 12.6, promptTokens: Number.NaN, requestedModel: 'x'.repeat(5000), startedAt: new Date('nope') }));
  await writer.flush();
  const em = database.orm.em.fork();
  t.equal(await count(database), 2);
  t.equal((await em.findOneOrFail(RequestLog, { id: makeRecord(1).id })).route, '/v1/chat/completions', 'first write wins');
  const odd = await em.findOneOrFail(RequestLog, { id: makeRecord(2).id });
  t.equal(odd.durationMs, 13);
  t.equal(odd.promptTokens, null);
  t.equal(odd.requestedModel?.length, 5000);
  t.notOk(Number.isNaN(odd.startedAt.getTime()));
});

t.test('client-supplied strings are stored verbatim, whatever quotes or SQL they hold', async (t) => {
  const database = await openFileDatabase(t);
  const { writer } = openWriter(database);
  t.teardown(() => writer.close());
  const hostile = "gpt'); drop table request_log; -- \\ '' \u00e9\u{1F600}";
  writer.write(makeRecord(1, { requestedModel: hostile, errorCode: "it's", attempts: [{ deployment: "o'brien", errorCode: null, latencyMs: 1 }] }));
  writer.write(makeRecord(2, { requestedModel: 'nul\u0000byte' }));
  await writer.flush();
  const em = database.orm.em.fork();
  const stored = await em.findOneOrFail(RequestLog, { id: makeRecord(1).id });
  t.equal(stored.requestedModel, hostile);
  t.equal(stored.errorCode, "it's");
  t.same(stored.attempts, [{ deployment: "o'brien", errorCode: null, latencyMs: 1 }]);
  t.equal(await count(database), 2, 'the table is still there, with both rows');
  t.equal((await em.findOneOrFail(RequestLog, { id: makeRecord(2).id })).requestedModel, 'nulbyte', 'a NUL character (PostgreSQL refuses it, SQLite would end the statement at it) is dropped');
});

t.test('a batch larger than one INSERT statement holds is split inside its transaction', async (t) => {
  const database = await openFileDatabase(t);
  const { writer } = openWriter(database, { batchSize: 1_200 });
  t.teardown(() => writer.close());
  for (let i = 0; i < 1_199; i += 1) writer.write(makeRecord(i));
  await writer.flush();
  t.equal(await count(database), 1_199);
});

t.test('options are checked', async (t) => {
  const database = await createDatabase({ url: ':memory:', logger: createCaptureLogger(), cwd: process.cwd() });
  t.teardown(() => database.close());
  t.throws(() => createRequestLogWriter({ database, logger: createCaptureLogger(), batchSize: 0 }), RangeError);
  t.throws(() => createRequestLogWriter({ database, logger: createCaptureLogger(), flushIntervalMs: -1 }), RangeError);
});

t.test('the flush timer does not keep the process alive', async (t) => {
  const database = await createDatabase({ url: ':memory:', logger: createCaptureLogger(), cwd: process.cwd() });
  t.teardown(() => database.close());
  const timers = (): number => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
  const before = timers();
  const { writer } = openWriter(database, { flushIntervalMs: 50 });
  t.equal(timers(), before, 'no extra referenced timer');
  await writer.close();
});

t.test('under steady traffic the timer writes what waited, not a stream of tiny batches chasing new rows', async (t) => {
  const database = await openFileDatabase(t);
  // Every statement the writer sends to SQLite, slowed down as a busy disk would.
  const statements: number[] = [];
  const client = (database.orm.em.getConnection().getKnex() as unknown as { client: { acquireConnection(): Promise<{ exec(sql: string, callback: (error: Error | null) => void): void }> } }).client;
  const acquire = client.acquireConnection.bind(client);
  const wrapped = new WeakSet<object>();
  client.acquireConnection = async () => {
    const raw = await acquire();
    if (!wrapped.has(raw)) {
      wrapped.add(raw);
      const exec = raw.exec.bind(raw);
      raw.exec = (sql, callback) => {
        statements.push(sql.split("), ('").length);
        setTimeout(() => exec(sql, callback), 20);
      };
    }
    return raw;
  };
  const { writer } = openWriter(database, { batchSize: 50, flushIntervalMs: 100 });
  t.teardown(() => writer.close());
  // One row every 4 ms for 600 ms: never a full batch, always rows arriving during a write.
  for (let i = 0; i < 150; i += 1) {
    writer.write(makeRecord(i));
    await new Promise((resolve) => setTimeout(resolve, 4));
  }
  await writer.flush();
  t.equal(await count(database), 150, 'every row is written');
  t.equal(statements.reduce((sum, rows) => sum + rows, 0), 150, 'each row once');
  // About one statement per timer tick (6) plus the final flush; chasing the tail made ~25.
  t.ok(statements.length <= 12, `${statements.length} statements for 150 rows: ${statements.join(', ')}`);
});
