import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../sdk/index.js';

/** Where the database lives, as read from `--db` or `general_settings.database_url`. */
export type DatabaseLocation =
  | { readonly dialect: 'sqlite'; /** Absolute file path, or `:memory:`. */ readonly path: string }
  | { readonly dialect: 'postgresql'; /** The connection URL as given (may hold a password). */ readonly url: string };

/** The SQLite file used when no database URL is configured, relative to the working directory. */
export const DEFAULT_SQLITE_PATH = '.switchyard/switchyard.db';

const ACCEPTED = "postgres://…, postgresql://…, sqlite:<path>, file:<path>, a file path, or ':memory:'";

/**
 * Reads a database URL: `undefined` → `./.switchyard/switchyard.db` under `cwd`;
 * `postgres://` / `postgresql://` → PostgreSQL; `sqlite:`, `file:` or a plain path → a SQLite
 * file (relative paths resolve against `cwd`); `:memory:` → an in-memory SQLite database.
 * Any other scheme throws a {@link ConfigError} naming the scheme (never the whole URL, which
 * may hold a password).
 */
export function parseDatabaseUrl(url: string | undefined, cwd: string): DatabaseLocation {
  if (url === undefined) return { dialect: 'sqlite', path: resolve(cwd, DEFAULT_SQLITE_PATH) };
  const value = url.trim();
  if (value === '') throw invalid('is empty');
  if (value === ':memory:') return { dialect: 'sqlite', path: ':memory:' };
  // Two or more letters, so that a Windows drive letter (C:\...) still reads as a path.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return { dialect: 'sqlite', path: resolve(cwd, value) };
  if (scheme === 'postgres' || scheme === 'postgresql') {
    if (!value.slice(scheme.length + 1).startsWith('//')) throw invalid(`'${scheme}:' needs the form ${scheme}://user:password@host:port/database`);
    return { dialect: 'postgresql', url: value };
  }
  if (scheme === 'file') return { dialect: 'sqlite', path: sqlitePath(fileUrlPath(value), cwd) };
  if (scheme === 'sqlite') return { dialect: 'sqlite', path: sqlitePath(stripAuthority(value.slice(7)), cwd) };
  throw invalid(`has the unsupported scheme '${scheme}:'; accepted: ${ACCEPTED}`);
}

function fileUrlPath(value: string): string {
  if (!value.startsWith('file://')) return value.slice(5);
  try {
    return fileURLToPath(value);
  } catch {
    throw invalid("is not a valid file:// URL (use file:///absolute/path or file:relative/path)");
  }
}

function stripAuthority(rest: string): string {
  // sqlite:///abs/path and sqlite://relative/path: an empty authority, then the path.
  return rest.startsWith('//') ? decodeURIComponent(rest.slice(2)) : rest;
}

function sqlitePath(path: string, cwd: string): string {
  if (path === ':memory:') return path;
  if (path === '') throw invalid(`names no SQLite file; accepted: ${ACCEPTED}`);
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function invalid(message: string): ConfigError {
  return new ConfigError({ problems: [{ path: 'database_url', message: `the database URL ${message}` }] });
}
