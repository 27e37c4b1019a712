import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MikroORM, Options } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/sqlite';
import type { Logger } from '../../sdk/index.js';
import { createOrmLogger } from './create-orm-logger.js';
import { parseDatabaseUrl, type DatabaseLocation } from './parse-database-url.js';
import { RequestLog } from './request-log.js';

/** SQL dialects Switchyard runs on. */
export type DatabaseDialect = 'sqlite' | 'postgresql';

/** An open database with its schema up to date. */
export interface Database {
  /** The ORM; use `orm.em.fork()` for work (the global context is off). */
  readonly orm: MikroORM<AbstractSqlDriver>;
  readonly dialect: DatabaseDialect;
  /** Where the database is, safe to log: a SQLite path or a PostgreSQL URL without credentials. */
  readonly target: string;
  /** True when a trivial query succeeds within {@link REACHABILITY_TIMEOUT_MS}. */
  isReachable(): Promise<boolean>;
  /** Closes the connection pool; idempotent. */
  close(): Promise<void>;
}

/** Options of {@link createDatabase}. */
export interface DatabaseOptions {
  /** `--db` / `general_settings.database_url`; see `parseDatabaseUrl` for the accepted forms. */
  readonly url?: string;
  readonly logger: Logger;
  /** Directory that relative SQLite paths (and the default database) resolve against. */
  readonly cwd: string;
}

/** How long {@link Database.isReachable} waits for the database. */
export const REACHABILITY_TIMEOUT_MS = 2_000;

/** Every entity Switchyard persists; passed as objects so start-up needs no file discovery. */
export const ENTITIES = [RequestLog];

/** How long an SQLite write waits for another process's write to finish. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** Advisory lock key that serialises migrations of gateways sharing one PostgreSQL database. */
const MIGRATION_LOCK_KEY = 0x53_57_59_44; // "SWYD"

/**
 * Opens the database named by `url` and brings its schema up to date: SQLite with
 * `updateSchema({ safe: true })` (never drops anything), PostgreSQL with the committed
 * versioned migrations under `migrations/postgresql/`, run under an advisory lock.
 * Throws a `ConfigError` for an unsupported URL scheme, and the driver's error when the
 * database cannot be reached.
 */
export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  const location = parseDatabaseUrl(options.url, options.cwd);
  const logger = options.logger.child({ component: 'database' });
  const target = describeTarget(location);
  const started = performance.now();
  const orm = location.dialect === 'sqlite' ? await openSqlite(location.path, logger) : await openPostgresql(location.url, logger);
  try {
    if (location.dialect === 'sqlite') {
      await orm.schema.updateSchema({ safe: true });
    } else {
      await runPostgresqlMigrations(orm, logger);
    }
  } catch (error) {
    await orm.close(true).catch(() => undefined);
    logger.error('database schema update failed', { dialect: location.dialect, target, error });
    throw error;
  }
  logger.info('database ready', { dialect: location.dialect, target, durationMs: Math.round(performance.now() - started) });
  let closing: Promise<void> | undefined;
  return {
    orm,
    dialect: location.dialect,
    target,
    isReachable: () => isReachable(orm),
    close: () => (closing ??= orm.close(true)),
  };
}

function baseOptions(logger: Logger): Options<AbstractSqlDriver> {
  return {
    entities: ENTITIES,
    debug: false,
    allowGlobalContext: false,
    colors: false,
    loggerFactory: createOrmLogger(logger),
    discovery: { warnWhenNoEntities: true, requireEntitiesArray: true },
  };
}

async function openSqlite(path: string, logger: Logger): Promise<MikroORM<AbstractSqlDriver>> {
  if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
  const { MikroORM, SqliteDriver } = await import('@mikro-orm/sqlite');
  const orm = await MikroORM.init({ ...baseOptions(logger), driver: SqliteDriver, dbName: path });
  // WAL lets readers (dashboards, sqlite3 CLI) work while the gateway writes request logs. In WAL
  // mode `synchronous = normal` is SQLite's recommended setting: a commit survives the gateway
  // crashing (it is in the OS's hands), only a power cut can roll back the last ones, and the
  // fsync per request-log batch goes (about 5% of the gateway's CPU under load).
  // knex keeps exactly one SQLite connection open, so connection pragmas set here last.
  if (path !== ':memory:') {
    await orm.em.getConnection().execute('pragma journal_mode = wal');
    await orm.em.getConnection().execute('pragma synchronous = normal');
  }
  // Gateway workers (`--workers`) share the file: a writer waits for another's batch instead of failing.
  await orm.em.getConnection().execute(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  return orm;
}

async function openPostgresql(url: string, logger: Logger): Promise<MikroORM<AbstractSqlDriver>> {
  // Loaded here, not at the top, so that SQLite start-up never pays for pg, umzug and the migrations.
  const [{ MikroORM, PostgreSqlDriver }, { Migrator }, { POSTGRESQL_MIGRATIONS }] = await Promise.all([
    import('@mikro-orm/postgresql'),
    import('@mikro-orm/migrations'),
    import('./migrations/postgresql/postgresql-migrations.js'),
  ]);
  return MikroORM.init({
    ...baseOptions(logger),
    driver: PostgreSqlDriver,
    clientUrl: url,
    extensions: [Migrator],
    migrations: { migrationsList: POSTGRESQL_MIGRATIONS, snapshot: false, silent: true, transactional: true, allOrNothing: true },
    // Fail fast instead of knex's 60 s default when the server is down.
    driverOptions: { acquireConnectionTimeout: 10_000, connection: { connectionTimeoutMillis: 5_000 } },
  });
}

async function runPostgresqlMigrations(orm: MikroORM<AbstractSqlDriver>, logger: Logger): Promise<void> {
  const connection = orm.em.getConnection();
  await connection.transactional(async (trx) => {
    // Held until commit: a second gateway starting at the same time waits, then finds nothing pending.
    await connection.execute('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY], 'all', trx);
    const applied = await orm.getMigrator().up({ transaction: trx });
    if (applied.length > 0) logger.info('database migrations applied', { migrations: applied.map((m) => m.name) });
  });
}

async function isReachable(orm: MikroORM<AbstractSqlDriver>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), REACHABILITY_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([orm.isConnected().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describeTarget(location: DatabaseLocation): string {
  if (location.dialect === 'sqlite') return location.path;
  try {
    const url = new URL(location.url);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return 'postgresql://(unparsable URL)';
  }
}
