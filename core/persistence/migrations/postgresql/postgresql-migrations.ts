import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121101033CreateRequestLog } from './migration-20261121101033-create-request-log.js';

/**
 * PostgreSQL migrations in the order they run. Append new ones (written by
 * `create-postgresql-migration`) at the end; never edit or reorder a released one, since the
 * `name` is what `mikro_orm_migrations` records as applied.
 */
export const POSTGRESQL_MIGRATIONS: MigrationObject[] = [
  { name: '20261121101033-create-request-log', class: Migration20261121101033CreateRequestLog },
];
