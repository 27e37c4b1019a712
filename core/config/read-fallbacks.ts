import { childPath, describeValue, isConfigMap, type ConfigReader } from './config-reader.js';
import type { FallbackTable } from './router-config.js';
import { suggestKey } from './suggest-key.js';

/** The names a fallback may point at: model groups and deployment ids (`provider/model` handles are always accepted). */
export interface FallbackNames {
  readonly groups: ReadonlySet<string>;
  readonly deploymentIds: ReadonlySet<string>;
}

/** Checks one model name a fallback setting mentions; returns it, or `undefined` after recording a problem. */
function checkName(reader: ConfigReader, raw: unknown, path: string, names: FallbackNames, allowWildcard: boolean): string | undefined {
  const name = reader.string(raw, path, { expected: 'a model_name' });
  if (name === undefined) return undefined;
  if ((allowWildcard && name === '*') || names.groups.has(name) || names.deploymentIds.has(name) || name.includes('/')) return name;
  const hint = suggestKey(name, names.groups);
  const known = [...names.groups].join(', ') || 'none';
  reader.fail(path, hint ? `unknown model group '${name}'; did you mean '${hint}'?` : `unknown model group '${name}'; expected a model_name of model_list (${known}) or a provider/model handle`);
  return undefined;
}

/** Reads a list of model names (`default_fallbacks`, one fallback entry's targets). */
export function readModelNameList(reader: ConfigReader, raw: unknown, path: string, names: FallbackNames): string[] {
  const items = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(items)) {
    reader.fail(path, `expected a list of model names, got ${describeValue(raw)}`);
    return [];
  }
  const out: string[] = [];
  items.forEach((item, index) => {
    const name = checkName(reader, item, typeof raw === 'string' ? path : childPath(path, index), names, false);
    if (name !== undefined && !out.includes(name)) out.push(name);
  });
  return out;
}

/**
 * Reads a fallback table in LiteLLM's list-of-maps form (`[{"gpt-4o": ["claude"]}]`), or as one
 * mapping (`{gpt-4o: [claude]}`). Each name must be a model group, a deployment id or a handle.
 */
export function readFallbackTable(reader: ConfigReader, raw: unknown, path: string, names: FallbackNames): FallbackTable {
  const out: Record<string, readonly string[]> = {};
  const readEntry = (map: Record<string, unknown>, at: string): void => {
    for (const [key, targets] of Object.entries(map)) {
      const keyPath = childPath(at, key);
      const group = checkName(reader, key, keyPath, names, true);
      const list = readModelNameList(reader, targets, keyPath, names);
      if (group !== undefined) out[group] = [...(out[group] ?? []), ...list.filter((name) => !(out[group] ?? []).includes(name))];
    }
  };
  if (raw === null || raw === undefined) return out;
  if (isConfigMap(raw)) readEntry(raw, path);
  else if (Array.isArray(raw)) {
    raw.forEach((entry, index) => {
      const at = childPath(path, index);
      if (isConfigMap(entry)) readEntry(entry, at);
      else reader.fail(at, `expected a mapping of model_name to a list of fallback model names, got ${describeValue(entry)}`);
    });
  } else reader.fail(path, `expected a list of {model_name: [fallback, ...]} mappings, got ${describeValue(raw)}`);
  return out;
}
