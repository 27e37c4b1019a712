import { describeValue, type ConfigReader } from './config-reader.js';
import { hasEnvReference } from './interpolate-env.js';

/** Reads a number of seconds (`> 0`, or `>= 0` with `allowZero`) and returns milliseconds. */
export function readSeconds(reader: ConfigReader, raw: unknown, path: string, allowZero = false): number | undefined {
  const expected = allowZero ? 'a number of seconds (0 or more)' : 'a positive number of seconds';
  const seconds = reader.number(raw, path, expected, (n) => (allowZero ? n >= 0 : n > 0));
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}

/** Reads a whole number `>= min`. */
export function readCount(reader: ConfigReader, raw: unknown, path: string, min = 0): number | undefined {
  const expected = min === 0 ? 'a whole number (0 or more)' : `a whole number (${min} or more)`;
  return reader.number(raw, path, expected, (n) => Number.isInteger(n) && n >= min);
}

/** Reads a number `>= 0` (`> 0` when `positive`). */
export function readAmount(reader: ConfigReader, raw: unknown, path: string, positive = false): number | undefined {
  return reader.number(raw, path, positive ? 'a positive number' : 'a number (0 or more)', (n) => (positive ? n > 0 : n >= 0));
}

/** Reads a boolean; `true`/`false` strings are accepted only when they came from the environment. */
export function readBoolean(reader: ConfigReader, raw: unknown, path: string): boolean | undefined {
  let value = raw;
  if (typeof raw === 'string' && hasEnvReference(raw)) {
    const resolved = reader.resolve(raw, path);
    if (typeof resolved !== 'string') return undefined;
    value = resolved.trim().toLowerCase() === 'true' ? true : resolved.trim().toLowerCase() === 'false' ? false : resolved;
  }
  if (typeof value === 'boolean') return value;
  reader.fail(path, `expected true or false, got ${describeValue(value)}`);
  return undefined;
}
