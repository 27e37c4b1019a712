import { Compile } from 'typebox/schema';
import type { PluginManifest } from '../../sdk/index.js';
import { mapSchemaErrors } from './map-schema-errors.js';
import type { ValidationProblem } from './plugin-failure.js';

/** Outcome of {@link validatePluginConfig}: `config` is set only when `errors` is empty. */
export interface PluginConfigValidation {
  readonly config?: Record<string, unknown>;
  readonly errors: ValidationProblem[];
}

/**
 * Checks a plugin's options from host config against its manifest's `configSchema`. Missing options
 * are an empty object; a plugin without `configSchema` accepts any object. Paths are relative to
 * the plugin's options (`/apiKey`).
 */
export function validatePluginConfig(manifest: PluginManifest, value: unknown): PluginConfigValidation {
  const config = value ?? {};
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return { errors: [{ path: '/', message: 'plugin options must be an object' }] };
  }
  if (manifest.configSchema === undefined) return { config: config as Record<string, unknown>, errors: [] };
  const [ok, errors] = Compile(manifest.configSchema).Errors(config);
  return ok ? { config: config as Record<string, unknown>, errors: [] } : { errors: mapSchemaErrors(errors) };
}
