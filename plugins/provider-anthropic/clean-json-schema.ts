/** A schema made acceptable to Anthropic, and the keywords removed on the way (`path.keyword`). */
export interface CleanedSchema {
  readonly schema: Record<string, unknown>;
  readonly dropped: readonly string[];
}

type Schema = Record<string, unknown>;

const COMBINATORS = ['anyOf', 'oneOf', 'allOf', 'not'];

/**
 * A tool's `parameters` as an Anthropic `input_schema`: an object schema (a missing schema becomes
 * one without properties), without top-level `anyOf` / `oneOf` / `allOf` / `not`, which the API
 * rejects. Everything below the top level is sent as given.
 */
export function toToolInputSchema(parameters: Schema | undefined): CleanedSchema {
  if (parameters === undefined) return { schema: { type: 'object', properties: {} }, dropped: [] };
  const schema: Schema = { ...parameters };
  const dropped: string[] = [];
  for (const keyword of COMBINATORS) {
    if (keyword in schema) {
      delete schema[keyword];
      dropped.push(keyword);
    }
  }
  if (schema['type'] === undefined) schema['type'] = 'object';
  else if (schema['type'] !== 'object') {
    dropped.push('type');
    return { schema: { type: 'object', properties: {} }, dropped };
  }
  return { schema, dropped };
}

/** String formats Anthropic's constrained decoding understands. */
const STRICT_FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'uri', 'ipv4', 'ipv6', 'uuid']);

/** Keywords kept as they are in strict schemas (the others are checked one by one below). */
const STRICT_PLAIN = new Set(['type', 'required', 'enum', 'const', '$ref', 'description', 'title', 'default', 'pattern']);

/**
 * A schema reduced to what Anthropic's structured output (`output_config.format`) and strict tools
 * accept: objects get `additionalProperties: false`; `oneOf` becomes `anyOf`; numeric, length and
 * count bounds, unsupported string formats and other keywords are removed and reported.
 */
export function toStrictJsonSchema(schema: Schema): CleanedSchema {
  const dropped: string[] = [];
  return { schema: strict(schema, '', dropped), dropped };
}

function strict(schema: Schema, path: string, dropped: string[]): Schema {
  const at = (key: string): string => (path === '' ? key : `${path}.${key}`);
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (STRICT_PLAIN.has(key)) out[key] = value;
    else if (key === 'properties' || key === '$defs' || key === 'definitions') out[key] = mapSchemas(value, at(key), dropped);
    else if (key === 'items') out[key] = Array.isArray(value) ? value.map((item, index) => child(item, `${at(key)}[${index}]`, dropped)) : child(value, at(key), dropped);
    else if (key === 'anyOf' || key === 'allOf') out[key] = list(value, at(key), dropped);
    else if (key === 'oneOf') {
      out['anyOf'] = list(value, at('oneOf'), dropped);
      dropped.push(`${at('oneOf')} (sent as anyOf)`);
    } else if (key === 'format' && typeof value === 'string' && STRICT_FORMATS.has(value)) out[key] = value;
    else if (key === 'minItems' && (value === 0 || value === 1)) out[key] = value;
    else if (key === 'additionalProperties' && value === false) out[key] = value;
    else if (key !== '$schema') dropped.push(at(key));
  }
  const type = schema['type'];
  if (type === 'object' || (Array.isArray(type) && type.includes('object')) || (type === undefined && 'properties' in schema)) out['additionalProperties'] = false;
  return out;
}

function child(value: unknown, path: string, dropped: string[]): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? strict(value as Schema, path, dropped) : value;
}

function list(value: unknown, path: string, dropped: string[]): unknown {
  return Array.isArray(value) ? value.map((item, index) => child(item, `${path}[${index}]`, dropped)) : value;
}

function mapSchemas(value: unknown, path: string, dropped: string[]): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, child(entry, `${path}.${name}`, dropped)]));
}
