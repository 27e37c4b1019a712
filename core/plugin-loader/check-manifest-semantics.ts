import path from 'node:path';
import semver from 'semver';
import { Compile } from 'typebox/schema';
import { joinPointer } from './map-schema-errors.js';
import type { ValidationProblem } from './plugin-failure.js';

const PLUGIN_ID = /^(provider|sandbox|mcp-transport)-[a-z0-9]+(-[a-z0-9]+)*$/;
const KIND_BLOCKS = { provider: 'provider', sandbox: 'sandbox', 'mcp-transport': 'mcpTransport' } as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** True when `main`, resolved against `dir`, names a file strictly inside `dir`. */
export function isInsideFolder(dir: string, main: string): boolean {
  const relative = path.relative(path.resolve(dir), path.resolve(dir, main));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function checkKind(manifest: Record<string, unknown>, folderName: string, problems: ValidationProblem[]): void {
  const { id, kind } = manifest;
  if (typeof id === 'string' && id !== folderName) problems.push({ path: '/id', message: `must equal the plugin folder name "${folderName}"` });
  if (typeof kind !== 'string' || !(kind in KIND_BLOCKS)) return;
  if (typeof id === 'string' && !id.startsWith(`${kind}-`)) problems.push({ path: '/id', message: `must start with "${kind}-" (the plugin kind)` });
  for (const [blockKind, block] of Object.entries(KIND_BLOCKS)) {
    if (blockKind === kind && manifest[block] === undefined) problems.push({ path: `/${block}`, message: `is required for kind ${kind}` });
    if (blockKind !== kind && manifest[block] !== undefined) problems.push({ path: `/${block}`, message: `is only allowed for kind ${blockKind}` });
  }
}

function checkVersions(manifest: Record<string, unknown>, problems: ValidationProblem[]): void {
  const { version, engine } = manifest;
  if (typeof version === 'string' && semver.valid(version) === null) problems.push({ path: '/version', message: 'must be a semver version' });
  if (typeof engine === 'string' && semver.validRange(engine) === null) problems.push({ path: '/engine', message: 'must be a valid semver range, for example ^1.0.0' });
}

function checkDependencies(manifest: Record<string, unknown>, problems: ValidationProblem[]): void {
  if (!Array.isArray(manifest.dependencies)) return;
  const seen = new Set<unknown>();
  manifest.dependencies.forEach((dependency: unknown, index) => {
    const at = joinPointer('/dependencies', index);
    if (typeof dependency !== 'string') return;
    if (!PLUGIN_ID.test(dependency)) problems.push({ path: at, message: 'must be a plugin id such as provider-openai' });
    else if (dependency === manifest.id) problems.push({ path: at, message: 'a plugin cannot depend on itself' });
    else if (seen.has(dependency)) problems.push({ path: at, message: `duplicate dependency "${dependency}"` });
    seen.add(dependency);
  });
}

function checkMain(manifest: Record<string, unknown>, dir: string, problems: ValidationProblem[]): void {
  const { main } = manifest;
  if (typeof main !== 'string') return;
  if (!isInsideFolder(dir, main)) problems.push({ path: '/main', message: 'must name a file inside the plugin folder' });
  else if (!/\.m?js$/.test(main)) problems.push({ path: '/main', message: 'must name an ESM file ending in .js or .mjs' });
}

function checkConfigSchema(manifest: Record<string, unknown>, problems: ValidationProblem[]): void {
  const { configSchema } = manifest;
  if (!isRecord(configSchema)) return;
  if (configSchema.type !== undefined && configSchema.type !== 'object') problems.push({ path: '/configSchema/type', message: 'must be "object": plugin options are an object' });
  try {
    Compile(configSchema);
  } catch (error) {
    problems.push({ path: '/configSchema', message: `is not a usable JSON Schema: ${error instanceof Error ? error.message : String(error)}` });
  }
}

function checkProviderNames(manifest: Record<string, unknown>, problems: ValidationProblem[]): void {
  const block = manifest.provider;
  if (!isRecord(block) || !Array.isArray(block.providers)) return;
  const seen = new Set<string>();
  block.providers.forEach((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry.name !== 'string') return;
    if (seen.has(entry.name)) problems.push({ path: `/provider/providers/${index}/name`, message: `duplicate provider name "${entry.name}"` });
    seen.add(entry.name);
  });
}

/**
 * The rules JSON Schema cannot express: id equals the folder name and starts with the kind, the
 * kind block matches the kind, `version` and `engine` are semver, dependencies are other plugin ids,
 * `main` stays inside the folder, `configSchema` compiles, provider names are unique.
 * Tolerates values of the wrong type (the schema reports those).
 */
export function checkManifestSemantics(manifest: unknown, dir: string): ValidationProblem[] {
  if (!isRecord(manifest)) return [];
  const problems: ValidationProblem[] = [];
  checkKind(manifest, path.basename(path.resolve(dir)), problems);
  checkVersions(manifest, problems);
  checkDependencies(manifest, problems);
  checkMain(manifest, dir, problems);
  checkConfigSchema(manifest, problems);
  checkProviderNames(manifest, problems);
  return problems;
}
