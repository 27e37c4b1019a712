import type { ValidationProblem } from './plugin-failure.js';

/** The fields of a TypeBox (`typebox/schema`) validation error this module reads. */
export interface SchemaValidationError {
  readonly keyword: string;
  readonly schemaPath: string;
  readonly instancePath: string;
  readonly params: object;
  readonly message: string;
}

/** Escapes one key as a JSON pointer segment. */
export function toPointerSegment(key: string | number): string {
  return String(key).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Joins a JSON pointer and a key; the root is written `/`. */
export function joinPointer(base: string, key: string | number): string {
  return `${base === '/' ? '' : base}/${toPointerSegment(key)}`;
}

const rootIfEmpty = (path: string): string => (path === '' ? '/' : path);

function stringList(params: object, name: string): string[] {
  const value = (params as Record<string, unknown>)[name];
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * Turns raw JSON Schema errors into one readable problem per fault, each at the JSON path of the
 * offending value: a missing property is reported at its own path (`/id: is required`), an unknown
 * property likewise (`/colour: unknown property`), and the branch errors of a failed `anyOf` of
 * constants collapse into `must be one of ...`.
 */
export function mapSchemaErrors(errors: readonly SchemaValidationError[]): ValidationProblem[] {
  const anyOfPaths = errors.filter((error) => error.keyword === 'anyOf').map((error) => `${error.schemaPath}/anyOf/`);
  const unknownKeys = new Set<string>();
  const problems: ValidationProblem[] = [];
  for (const error of errors) {
    if (error.keyword === 'additionalProperties') {
      for (const key of stringList(error.params, 'additionalProperties')) {
        const path = joinPointer(rootIfEmpty(error.instancePath), key);
        unknownKeys.add(path);
        problems.push({ path, message: 'unknown property' });
      }
    } else if (error.keyword === 'required') {
      for (const key of stringList(error.params, 'requiredProperties')) {
        problems.push({ path: joinPointer(rootIfEmpty(error.instancePath), key), message: 'is required' });
      }
    } else if (error.keyword === 'anyOf') {
      const prefix = `${error.schemaPath}/anyOf/`;
      const branches = errors.filter((other) => other.schemaPath.startsWith(prefix));
      const allowed = branches.map((branch) => (branch.params as { allowedValue?: unknown }).allowedValue);
      const message =
        branches.length > 0 && branches.every((branch) => branch.keyword === 'const')
          ? `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}`
          : error.message;
      problems.push({ path: rootIfEmpty(error.instancePath), message });
    } else if (!anyOfPaths.some((prefix) => error.schemaPath.startsWith(prefix))) {
      problems.push({ path: rootIfEmpty(error.instancePath), message: error.message });
    }
  }
  // `additionalProperties: false` also yields a "schema is false" error at the key's own path.
  const kept = problems.filter((problem) => problem.message !== 'schema is false' || !unknownKeys.has(problem.path));
  const seen = new Set<string>();
  return kept.filter((problem) => {
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
