import { Compile } from 'typebox/schema';
import { PluginManifestSchema, type PluginManifest } from '../../sdk/index.js';
import { checkManifestSemantics } from './check-manifest-semantics.js';
import { mapSchemaErrors } from './map-schema-errors.js';
import type { ValidationProblem } from './plugin-failure.js';

type ManifestValidator = ReturnType<typeof Compile>;
let validator: ManifestValidator | undefined;

// Compile the plain JSON Schema (what plugin.schema.json holds), not the TypeBox object.
function manifestValidator(): ManifestValidator {
  validator ??= Compile(JSON.parse(JSON.stringify(PluginManifestSchema)) as Record<string, unknown>);
  return validator;
}

/** Outcome of {@link validateManifest}: `manifest` is set only when `errors` is empty. */
export interface ManifestValidation {
  readonly manifest?: PluginManifest;
  readonly errors: ValidationProblem[];
}

/**
 * Validates a parsed `plugin.json` found in folder `dir`: the JSON Schema generated from the TypeBox
 * source, then the semantic rules (id equals the folder name and starts with the kind, kind block
 * matches the kind, `engine` is a semver range, dependencies are plugin ids, `main` stays inside the
 * folder). Every problem is reported with its JSON path, for example `/provider/providers/0/envVars/1/setting`.
 */
export function validateManifest(value: unknown, dir: string): ManifestValidation {
  const [, schemaErrors] = manifestValidator().Errors(value);
  const errors = mapSchemaErrors(schemaErrors);
  // A value the schema already rejected is reported once, with the schema's message.
  const reported = new Set(errors.map((problem) => problem.path));
  errors.push(...checkManifestSemantics(value, dir).filter((problem) => !reported.has(problem.path)));
  return errors.length === 0 ? { manifest: value as PluginManifest, errors } : { errors };
}
