import type { Logger } from '../../sdk/index.js';

/** Log levels in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Where log lines go; the default writes JSON lines to stderr. */
export interface LogSink {
  write(line: string): void;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  readonly level?: LogLevel;
  readonly sink?: LogSink;
  readonly fields?: Record<string, unknown>;
}

const stderrSink: LogSink = { write: (line) => void process.stderr.write(line) };

function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code === undefined ? {} : { code }) };
  }
  return value;
}

/** Creates a JSON-lines logger. Levels below `level` cost one comparison. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = SEVERITY[options.level ?? 'info'];
  const sink = options.sink ?? stderrSink;
  const base = options.fields ?? {};
  const emit = (level: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>): void => {
    if (SEVERITY[level] < threshold) return;
    const record: Record<string, unknown> = { time: new Date().toISOString(), level, msg: message, ...base };
    if (fields) for (const [key, value] of Object.entries(fields)) record[key] = serialise(value);
    sink.write(`${JSON.stringify(record)}\n`);
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => createLogger({ level: options.level, sink, fields: { ...base, ...fields } }),
  };
}

/** Reads the level from `SWITCHYARD_LOG_LEVEL`, defaulting to info. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv): LogLevel {
  const value = env.SWITCHYARD_LOG_LEVEL;
  return value === 'debug' || value === 'info' || value === 'warn' || value === 'error' || value === 'silent' ? value : 'info';
}
