import type { CallWarnings } from './call-warnings.js';

/**
 * JSON Schema keywords Gemini accepts in `parametersJsonSchema` and `responseJsonSchema`, as
 * documented for both the Gemini API and Vertex AI (plus `propertyOrdering`, its own extension).
 */
const KEPT = new Set(['$id', '$anchor', 'type', 'format', 'title', 'description', 'enum', 'minItems', 'maxItems', 'minimum', 'maximum', 'required', 'propertyOrdering']);
/** Keywords whose values are maps of sub-schemas. */
const SCHEMA_MAPS = new Set(['properties', '$defs', 'definitions']);
/** Keywords whose values are lists of sub-schemas. */
const SCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'prefixItems']);
/** Annotations that change nothing about valid values: dropped without a warning. */
const SILENT = new Set(['$schema', '$comment']);

type Schema = Record<string, unknown>;

/**
 * Rewrites a JSON Schema into the subset Gemini accepts, keeping its meaning where a faithful
 * rewrite exists: `const` becomes a one-value `enum`, draft-07 `definitions` become `$defs` (with
 * their `$ref`s), a tuple-style `items` array becomes `prefixItems`, OpenAPI `nullable` becomes a
 * `"null"` type, a one-element `allOf` is merged into its schema, and a `$ref` with sibling
 * keywords (which Gemini forbids) is wrapped as `anyOf: [{ $ref }]` so the siblings survive.
 * Every other keyword (pattern, minLength, default, examples, not, if/then/else, multipleOf,
 * uniqueItems, exclusive bounds, ...) is dropped and reported as a warning named by its path,
 * for example `tools[0].function.parameters.properties.code.pattern`.
 */
export function cleanJsonSchema(schema: Schema, path: string, warnings: CallWarnings): Schema {
  const cleaned = cleanNode(schema, path, warnings);
  return isSchema(cleaned) ? cleaned : {};
}

function cleanNode(node: unknown, path: string, warnings: CallWarnings): unknown {
  if (!isSchema(node)) return node;
  const source = mergeSingleAllOf(node);
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    const at = `${path}.${key}`;
    if (KEPT.has(key)) out[key] = value;
    else if (key === '$ref') out[key] = typeof value === 'string' ? value.replace(/^#\/definitions\//, '#/$defs/') : value;
    else if (SCHEMA_MAPS.has(key) && isSchema(value)) {
      const target = key === 'definitions' ? '$defs' : key;
      out[target] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, cleanNode(child, `${path}.${key}.${name}`, warnings)]));
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map((child, index) => cleanNode(child, `${at}[${index}]`, warnings));
    else if (key === 'items') out[Array.isArray(value) ? 'prefixItems' : 'items'] = Array.isArray(value) ? value.map((child, index) => cleanNode(child, `${at}[${index}]`, warnings)) : cleanNode(value, at, warnings);
    else if (key === 'additionalProperties') out[key] = cleanNode(value, at, warnings);
    else if (key === 'const' && source['enum'] === undefined) out['enum'] = [value];
    else if (key === 'nullable') continue;
    else if (key === 'allOf') warnings.add(at, `Gemini does not support 'allOf' with ${Array.isArray(value) ? value.length : 'these'} schemas; it was not sent.`);
    else if (!SILENT.has(key)) warnings.add(at, `Gemini does not support the JSON Schema keyword '${key}'; it was not sent.`);
  }
  // OpenAPI's `nullable` (Gemini's older Schema dialect) is a "null" type in JSON Schema.
  if (source['nullable'] === true && typeof source['type'] === 'string') out['type'] = [source['type'], 'null'];
  return wrapReferenceWithSiblings(out, path, warnings);
}

/** `{ allOf: [X], description }` (pydantic's way to describe a `$ref`) is `X` with a description. */
function mergeSingleAllOf(node: Schema): Schema {
  const allOf = node['allOf'];
  if (!Array.isArray(allOf) || allOf.length !== 1 || !isSchema(allOf[0])) return node;
  const { allOf: _merged, ...rest } = node;
  return { ...allOf[0], ...rest };
}

/** Gemini rejects a `$ref` next to other keywords (except `$`-keywords); `anyOf` of one keeps both. */
function wrapReferenceWithSiblings(schema: Schema, path: string, warnings: CallWarnings): Schema {
  if (schema['$ref'] === undefined) return schema;
  const siblings = Object.keys(schema).filter((key) => !key.startsWith('$'));
  if (siblings.length === 0) return schema;
  const { $ref: reference, ...rest } = schema;
  if (rest['anyOf'] !== undefined) {
    warnings.add(`${path}.$ref`, "Gemini does not support '$ref' next to 'anyOf'; the '$ref' was not sent.");
    return rest;
  }
  return { ...rest, anyOf: [{ $ref: reference }] };
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
