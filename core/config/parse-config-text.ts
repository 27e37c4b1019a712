import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError, type ConfigProblem } from '../../sdk/index.js';
import { buildHostConfig } from './build-host-config.js';
import type { HostConfig, ParseConfigOptions } from './host-config.js';
import { locateJsonError } from './locate-json-error.js';

const at = (line: number, column: number): string => `line ${line}, column ${column}`;

/** Parses YAML; `merge` keeps LiteLLM configs that reuse blocks with `<<: *anchor` working. */
function parseYaml(text: string): { value?: unknown; problems: ConfigProblem[] } {
  const document = parseDocument(text, { merge: true, prettyErrors: true });
  if (document.errors.length > 0) {
    // yaml appends " at line L, column C:" and a source excerpt; the path carries the location instead.
    const problems = document.errors.map((error) => {
      const position = error.linePos?.[0];
      const message = error.message.split(/ at line \d+, column \d+/)[0]!.trim();
      return { path: position ? at(position.line, position.col) : '', message: `YAML syntax error: ${message}` };
    });
    return { problems };
  }
  return { value: document.toJS({ maxAliasCount: 1000 }), problems: [] };
}

function parseJson(text: string): { value?: unknown; problems: ConfigProblem[] } {
  if (text.trim() === '') return { value: undefined, problems: [] };
  try {
    return { value: JSON.parse(text), problems: [] };
  } catch {
    const location = locateJsonError(text);
    const path = location ? at(location.line, location.column) : '';
    return { problems: [{ path, message: `JSON syntax error: ${location?.message ?? 'the file is not valid JSON'}` }] };
  }
}

/**
 * Parses and validates the text of a config file. Syntax errors are a `ConfigError`
 * (`CONFIG_INVALID`) whose problems carry the line and column; see `buildHostConfig` for the rest.
 */
export function parseConfigText(text: string, options: ParseConfigOptions): HostConfig {
  const displayName = options.displayName ?? options.file;
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const parsed = options.format === 'json' ? parseJson(body) : parseYaml(body);
  if (parsed.problems.length > 0) throw new ConfigError({ file: displayName, code: 'CONFIG_INVALID', problems: parsed.problems });
  return buildHostConfig(parsed.value, { file: resolve(options.baseDir, options.file), displayName, env: options.env, baseDir: options.baseDir });
}
