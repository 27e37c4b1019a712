import { InvalidRequestError } from '../../sdk/index.js';

/** JSON object as parsed from a request body. */
export type JsonObject = Record<string, unknown>;

/** Throws a 400 naming the field and what was expected. */
export function invalidField(param: string, expected: string, value: unknown): never {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'string' ? `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}` : typeof value;
  throw new InvalidRequestError({ message: `Invalid value for '${param}': expected ${expected}, got ${got}.`, param });
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads typed optional fields of one JSON object, naming `prefix.field` in errors. */
export class FieldReader {
  constructor(readonly object: JsonObject, readonly prefix: string) {}

  path(field: string): string {
    return this.prefix ? `${this.prefix}.${field}` : field;
  }

  string(field: string): string | undefined {
    const value = this.object[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') invalidField(this.path(field), 'a string', value);
    return value;
  }

  requiredString(field: string): string {
    const value = this.string(field);
    if (value === undefined) throw new InvalidRequestError({ message: `Missing required parameter: '${this.path(field)}'.`, param: this.path(field) });
    return value;
  }

  boolean(field: string): boolean | undefined {
    const value = this.object[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') invalidField(this.path(field), 'a boolean', value);
    return value;
  }

  number(field: string, range?: { min?: number; max?: number; integer?: boolean }): number | undefined {
    const value = this.object[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) invalidField(this.path(field), range?.integer ? 'an integer' : 'a number', value);
    if (range?.integer && !Number.isInteger(value)) invalidField(this.path(field), 'an integer', value);
    if (range?.min !== undefined && value < range.min) throw new InvalidRequestError({ message: `Invalid value for '${this.path(field)}': ${value} is below the minimum of ${range.min}.`, param: this.path(field) });
    if (range?.max !== undefined && value > range.max) throw new InvalidRequestError({ message: `Invalid value for '${this.path(field)}': ${value} is above the maximum of ${range.max}.`, param: this.path(field) });
    return value;
  }

  object_(field: string): JsonObject | undefined {
    const value = this.object[field];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) invalidField(this.path(field), 'an object', value);
    return value;
  }

  array(field: string): unknown[] | undefined {
    const value = this.object[field];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) invalidField(this.path(field), 'an array', value);
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const value = this.string(field);
    if (value === undefined) return undefined;
    if (!allowed.includes(value as T)) invalidField(this.path(field), `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
    return value as T;
  }
}
