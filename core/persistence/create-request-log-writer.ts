import type { Logger } from '../../sdk/index.js';
import type { Database } from './create-database.js';
import { RequestLog, type RequestLogAttempt, type RequestLogRecord } from './request-log.js';

/** Options of {@link createRequestLogWriter}. */
export interface RequestLogWriterOptions {
  readonly database: Database;
  readonly logger: Logger;
  /** Rows per batch; a full batch also starts a write at once. Default 200. */
  readonly batchSize?: number;
  /** How often buffered rows are written, in milliseconds. Default 1000. */
  readonly flushIntervalMs?: number;
  /** Buffer cap; past it the oldest rows are dropped and counted. Default 50 000. */
  readonly maxBufferedRows?: number;
}

/** Buffers request logs in memory and writes them in batches, off the request path. */
export interface RequestLogWriter {
  /** Queues one record; synchronous and O(1), never waits on the database. */
  write(record: RequestLogRecord): void;
  /** Writes every buffered row (after any batch in flight); rejects if a batch fails, keeping its rows. */
  flush(): Promise<void>;
  /** Stops the timer and writes everything; later writes are dropped and counted. Idempotent. */
  close(): Promise<void>;
  /** Rows waiting to be written, including a batch in flight. */
  readonly bufferedRows: number;
  /** Rows dropped since start because the buffer was full or the writer was closed. */
  readonly droppedRows: number;
}

/** A record with every column present, as inserted. */
type RequestLogRow = { -readonly [K in Exclude<keyof RequestLogRecord, 'attempts'>]-?: Exclude<RequestLogRecord[K], undefined> } & {
  attempts: RequestLogAttempt[] | null;
};

/** Rows per INSERT statement, so that a large `batchSize` stays under SQLite's and PostgreSQL's bind-parameter limits. */
const ROWS_PER_STATEMENT = 500;
const MAX_ID_LENGTH = 255;
/** While a database stays down, warn on the first failure and then every this many. */
const WARN_EVERY_FAILURES = 60;

/**
 * Creates the batching request log writer. Batches are inserted with one statement per 500 rows
 * (`insert … on conflict (id) do nothing`, so a repeated request id cannot wedge the
 * buffer); a failed batch goes back to the front of the buffer and is retried on the next
 * flush. Only rows past `maxBufferedRows` are ever dropped, oldest first, and logged as an error.
 */
export function createRequestLogWriter(options: RequestLogWriterOptions): RequestLogWriter {
  const batchSize = positive(options.batchSize ?? 200, 'batchSize');
  const maxBufferedRows = positive(options.maxBufferedRows ?? 50_000, 'maxBufferedRows');
  const logger = options.logger.child({ component: 'request-log-writer' });
  const { orm } = options.database;

  // A queue as array + head index: dropping and taking from the front stay amortised O(1).
  let rows: RequestLogRow[] = [];
  let head = 0;
  let inFlight = 0;
  let dropped = 0;
  let droppedUnreported = 0;
  let consecutiveFailures = 0;
  let backgroundRunning = false;
  let closed = false;
  let warnedAfterClose = false;
  let closing: Promise<void> | undefined;
  let tail: Promise<unknown> = Promise.resolve();

  const size = (): number => rows.length - head;
  const compact = (): void => {
    if (head > 1024 && head * 2 > rows.length) {
      rows = rows.slice(head);
      head = 0;
    }
  };
  const enforceCap = (): void => {
    const excess = size() - maxBufferedRows;
    if (excess <= 0) return;
    head += excess;
    dropped += excess;
    droppedUnreported += excess;
    compact();
  };
  const reportDrops = (): void => {
    if (droppedUnreported === 0) return;
    logger.error('request log buffer full; dropped the oldest rows', { dropped: droppedUnreported, droppedTotal: dropped, maxBufferedRows });
    droppedUnreported = 0;
  };

  /** Runs `task` after every earlier one, so only one batch is ever in flight. */
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };

  const statement = createInsertStatement(orm, options.database.dialect);
  const execute = createExecutor(options.database);
  // No ORM transaction: each statement is atomic, and a batch retried after a partial write is
  // harmless because rows already stored are skipped (`on conflict (id) do nothing`). MikroORM's
  // transactional() would also switch on AsyncLocalStorage, taxing every promise in the process.
  const insert = async (batch: RequestLogRow[]): Promise<void> => {
    for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT) {
      const { sql, params } = statement(batch.slice(i, i + ROWS_PER_STATEMENT));
      await execute(sql, params);
    }
  };

  /** Writes batches until `limit` rows are written, the buffer is empty, or (when `fullOnly`) less than a batch is left. */
  const drain = async (limit: number, fullOnly: boolean): Promise<void> => {
    reportDrops();
    let remaining = limit;
    while (remaining > 0 && size() > 0 && (!fullOnly || size() >= batchSize)) {
      const batch = rows.slice(head, head + Math.min(batchSize, remaining));
      head += batch.length;
      inFlight = batch.length;
      compact();
      try {
        await insert(batch);
      } catch (error) {
        rows = batch.concat(rows.slice(head));
        head = 0;
        enforceCap();
        consecutiveFailures += 1;
        if (consecutiveFailures === 1 || consecutiveFailures % WARN_EVERY_FAILURES === 0) {
          logger.warn('request log batch failed; rows kept for retry', { ...describeError(error), rows: batch.length, bufferedRows: size(), consecutiveFailures });
        }
        throw error;
      } finally {
        inFlight = 0;
      }
      if (consecutiveFailures > 0) logger.info('request log writes recovered', { failedAttempts: consecutiveFailures });
      consecutiveFailures = 0;
      remaining -= batch.length;
    }
    reportDrops();
  };

  /**
   * Full batches (`fullOnly`, started by a write) are written while full batches wait. The timer's
   * run writes only the rows waiting when it starts: draining down to empty under load chased the
   * rows arriving meanwhile in batches of a dozen, each paying a whole statement and commit.
   */
  const startBackground = (fullOnly: boolean): void => {
    if (backgroundRunning) return;
    backgroundRunning = true;
    const limit = fullOnly ? Number.POSITIVE_INFINITY : size();
    exclusive(() => drain(limit, fullOnly))
      .catch(() => undefined) // already logged; the rows wait for the next tick
      .finally(() => {
        backgroundRunning = false;
      });
  };

  const timer = setInterval(() => {
    reportDrops();
    if (size() > 0) startBackground(false);
  }, positive(options.flushIntervalMs ?? 1000, 'flushIntervalMs'));
  timer.unref();

  const flush = (): Promise<void> => exclusive(() => drain(size(), false));

  return {
    write(record) {
      if (closed) {
        if (!warnedAfterClose) logger.warn('request log written after close; dropped', { id: record.id });
        warnedAfterClose = true;
        dropped += 1;
        return;
      }
      rows.push(toRow(record));
      enforceCap();
      // After a failure, wait for the timer instead of retrying on every write.
      if (consecutiveFailures === 0 && size() >= batchSize) startBackground(true);
    },
    flush,
    close() {
      closing ??= (async () => {
        closed = true;
        clearInterval(timer);
        try {
          await flush();
        } catch (error) {
          logger.error('request log rows not written at close', { ...describeError(error), rows: size() });
          throw error;
        }
      })();
      return closing;
    },
    get bufferedRows() {
      return size() + inFlight;
    },
    get droppedRows() {
      return dropped;
    },
  };
}

/** The driver connection knex hands out for SQLite (node-sqlite3's `Database`). */
interface SqliteRawConnection {
  exec(sql: string, callback: (error: Error | null) => void): unknown;
}

/** The part of knex's client the SQLite executor uses. */
interface KnexConnectionPool {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): unknown;
}

/**
 * Runs one insert statement. PostgreSQL goes through MikroORM with bound values. An SQLite batch
 * (values inlined, no parameters) goes straight to the driver connection from knex's pool: on the
 * way through MikroORM and knex, the SQLite dialect lower-cases and scans the whole statement
 * (tens of kilobytes for a batch) several times to pick a driver method, which cost more of the
 * event loop than building the statement.
 */
function createExecutor(database: Database): (sql: string, params: unknown[]) => Promise<void> {
  const connection = database.orm.em.getConnection();
  const viaOrm = async (sql: string, params: unknown[]): Promise<void> => {
    await connection.execute(sql, params, 'run');
  };
  if (database.dialect !== 'sqlite') return viaOrm;
  return async (sql) => {
    // Looked up per batch: reconnecting the ORM replaces its knex instance.
    const pool = (connection.getKnex() as unknown as { client: KnexConnectionPool }).client;
    const raw = await pool.acquireConnection();
    try {
      if (typeof (raw as Partial<SqliteRawConnection>).exec !== 'function') throw new TypeError('The SQLite driver connection has no exec()');
      await new Promise<void>((resolve, reject) => {
        (raw as SqliteRawConnection).exec(sql, (error) => (error ? reject(error) : resolve()));
      });
    } finally {
      await pool.releaseConnection(raw);
    }
  };
}

/**
 * Builds `insert … on conflict (id) do nothing` for a batch by hand, converting values the way
 * the ORM would (dates, JSON, booleans per dialect). The query builder spent ~80 µs of CPU per
 * row in mapping and metadata work; this is a few µs, and it runs on the gateway's event loop.
 * For SQLite the values are written into the statement as literals: MikroORM would inline bound
 * values anyway (through a generic escaper that cost more than the rest of the row), and the
 * sqlite3 driver binding thousands of parameters costs more still. PostgreSQL gets bound values.
 */
function createInsertStatement(orm: Database['orm'], dialect: Database['dialect']): (batch: readonly RequestLogRow[]) => { sql: string; params: unknown[] } {
  const meta = orm.getMetadata().get(RequestLog.meta.className);
  const platform = orm.em.getPlatform();
  const properties = Object.values(meta.properties).filter((property) => property.fieldNames?.length === 1 && property.persist !== false);
  const names = properties.map((property) => property.name as keyof RequestLogRow);
  const quote = (name: string): string => platform.quoteIdentifier(name);
  const head = `insert into ${quote(meta.tableName)} (${properties.map((property) => quote(property.fieldNames[0]!)).join(', ')}) values `;
  const tail = ` on conflict (${quote(meta.properties['id']!.fieldNames[0]!)}) do nothing`;
  const placeholders = `(${properties.map(() => '?').join(', ')})`;
  const convert = (property: (typeof properties)[number], value: unknown): unknown => {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return platform.processDateProperty(value);
    if (property.customType) return property.customType.convertToDatabaseValue(value, platform, { mode: 'query-data' });
    return value;
  };
  if (dialect === 'sqlite') {
    // Joined from arrays, not grown with `+=`: a string built from thousands of pieces stays a
    // rope, and handing a rope to the driver (which copies it out of V8) cost several times more
    // than building it. `join` returns one flat string.
    return (batch) => {
      const tuples = new Array<string>(batch.length);
      const values = new Array<string>(properties.length);
      for (let r = 0; r < batch.length; r++) {
        const row = batch[r]!;
        for (let i = 0; i < properties.length; i++) values[i] = sqliteLiteral(convert(properties[i]!, row[names[i]!]));
        tuples[r] = `(${values.join(', ')})`;
      }
      return { sql: [head, tuples.join(', '), tail].join(''), params: [] };
    };
  }
  return (batch) => {
    const params: unknown[] = [];
    for (const row of batch) for (let i = 0; i < properties.length; i++) params.push(convert(properties[i]!, row[names[i]!]));
    return { sql: head + batch.map(() => placeholders).join(', ') + tail, params };
  };
}

/** A value as an SQLite literal (standard SQL strings, quotes doubled). Strings must hold no NUL: {@link toRow} drops them. */
function sqliteLiteral(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? String(value) : 'NULL';
    case 'boolean':
      return value ? '1' : '0';
    case 'bigint':
      return String(value);
    case 'string':
      return value.includes("'") ? `'${value.replaceAll("'", "''")}'` : `'${value}'`;
    default:
      return value === null || value === undefined ? 'NULL' : sqliteLiteral(JSON.stringify(value));
  }
}

/** Copies a record into a full row, coercing values that would make a whole batch fail. */
function toRow(record: RequestLogRecord): RequestLogRow {
  const startedAt = record.startedAt instanceof Date && !Number.isNaN(record.startedAt.getTime()) ? record.startedAt : new Date();
  return {
    id: text(String(record.id)).slice(0, MAX_ID_LENGTH),
    startedAt,
    durationMs: toInteger(record.durationMs) ?? 0,
    overheadMs: Number.isFinite(record.overheadMs) ? record.overheadMs : 0,
    route: text(String(record.route)),
    requestedModel: nullableText(record.requestedModel),
    provider: nullableText(record.provider),
    upstreamModel: nullableText(record.upstreamModel),
    deployment: nullableText(record.deployment),
    stream: Boolean(record.stream),
    status: toInteger(record.status) ?? 0,
    errorCode: nullableText(record.errorCode),
    finishReason: nullableText(record.finishReason),
    rawFinishReason: nullableText(record.rawFinishReason),
    promptTokens: toInteger(record.promptTokens),
    completionTokens: toInteger(record.completionTokens),
    totalTokens: toInteger(record.totalTokens),
    cachedTokens: toInteger(record.cachedTokens),
    reasoningTokens: toInteger(record.reasoningTokens),
    attempts: record.attempts ? record.attempts.map((a): RequestLogAttempt => ({ deployment: a.deployment, errorCode: a.errorCode, latencyMs: a.latencyMs })) : null,
  };
}

/** Drops NUL characters: PostgreSQL refuses them in text, and SQLite would end the statement at one. */
function text(value: string): string {
  return value.includes('\0') ? value.replaceAll('\0', '') : value;
}

function nullableText(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : text(value);
}

function toInteger(value: number | null | undefined): number | null {
  // Clamped to a 32-bit int, the column type on PostgreSQL.
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(-2_147_483_648, Math.min(2_147_483_647, Math.round(value))) : null;
}

function describeError(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { errorName: typeof error };
  const e = error as { code?: unknown; sqlState?: unknown };
  // MikroORM's exception classes (TableNotFoundException, ConnectionException, ...) leave `name` as 'Error'.
  return { errorName: error.constructor.name, errorCode: e.code, sqlState: e.sqlState };
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
