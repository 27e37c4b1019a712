import { ConfigError, type ConfigProblem } from '../../sdk/index.js';
import { hasEnvReference, interpolateEnv } from './interpolate-env.js';
import { KEY_ALIASES, litellmKeyNames, lookupLitellmKey, type KeySupport, type LitellmSection } from './litellm-keys.js';
import { suggestKey } from './suggest-key.js';

/** A plain mapping read from YAML or JSON. */
export type ConfigMap = Record<string, unknown>;

/** How a key of a mapping was classified by {@link ConfigReader.classifyKey}. */
export type KeyClass = KeySupport | 'unknown';

/** Appends a key or index to a path: `a.b`, `a["odd key"]`, `a[3]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const segment = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
  if (!path) return segment;
  return segment.startsWith('"') ? `${path}[${segment}]` : `${path}.${segment}`;
}

/** Describes a value for "got ..." in a message; secrets are described by type only. */
export function describeValue(value: unknown, secret = false): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    if (secret) return 'a string';
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (secret) return `a ${typeof value}`;
  return String(value);
}

/** True for a YAML/JSON mapping (not a list, not null). */
export function isConfigMap(value: unknown): value is ConfigMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Collects problems and warnings while the sections of a config file are read, so one
 * {@link ConfigError} can list everything wrong at once. Also owns environment interpolation.
 */
export class ConfigReader {
  private readonly problems: ConfigProblem[] = [];
  private invalidCount = 0;
  private readonly warningLines: string[] = [];

  constructor(
    readonly displayName: string,
    public env: Readonly<Record<string, string | undefined>>,
  ) {}

  /** Records a problem that makes the file invalid. */
  fail(path: string, message: string): void {
    this.problems.push({ path, message });
    this.invalidCount += 1;
  }

  /** Records a "LiteLLM key we do not support yet" warning. */
  warnUnsupported(path: string, key: string): void {
    this.warningLines.push(`${this.displayName}: ${path}: '${key}' is a LiteLLM setting that Switchyard does not support yet; it is ignored`);
  }

  get warnings(): readonly string[] {
    return this.warningLines;
  }

  /** Throws one {@link ConfigError} listing every problem, if there were any. */
  throwIfProblems(): void {
    if (this.problems.length === 0) return;
    const code = this.invalidCount > 0 ? 'CONFIG_INVALID' : 'CONFIG_ENV_MISSING';
    throw new ConfigError({ file: this.displayName, code, problems: this.problems });
  }

  /**
   * Replaces environment references in every string inside `value`. Strict mode records a
   * problem per missing variable; lenient mode (for settings that are ignored anyway) drops the
   * value instead, so an unused LiteLLM setting never blocks start-up. Returns `undefined` when
   * the value could not be resolved.
   */
  resolve(value: unknown, path: string, lenient = false): unknown {
    let failed = false;
    const walk = (node: unknown, at: string): unknown => {
      if (typeof node === 'string') {
        const result = interpolateEnv(node, this.env);
        if (result.missing.length === 0 && result.invalid.length === 0) return result.value;
        failed = true;
        if (!lenient) {
          for (const name of result.missing) this.problems.push({ path: at, message: `environment variable ${name} is not set` });
          for (const reference of result.invalid) {
            this.fail(at, `${JSON.stringify(reference)} is not a valid environment reference; expected os.environ/NAME or \${NAME}`);
          }
        }
        return undefined;
      }
      if (Array.isArray(node)) return node.map((item, index) => walk(item, childPath(at, index)));
      if (isConfigMap(node)) {
        const out: ConfigMap = {};
        for (const [key, item] of Object.entries(node)) out[key] = walk(item, childPath(at, key));
        return out;
      }
      return node;
    };
    const resolved = walk(value, path);
    return failed ? undefined : resolved;
  }

  /**
   * Classifies a key of a LiteLLM section: Switchyard's own keys (`extra`) and supported LiteLLM
   * keys pass; unsupported ones are warned about; anything else is recorded as an unknown key.
   */
  classifyKey(section: LitellmSection | undefined, key: string, path: string, extra: readonly string[] = []): KeyClass {
    const at = childPath(path, key);
    if (extra.includes(key)) return 'supported';
    const support = section ? lookupLitellmKey(section, key) : undefined;
    if (support === 'unsupported') this.warnUnsupported(at, key);
    if (support) return support;
    const candidates = [...extra, ...(section ? litellmKeyNames(section) : [])];
    const alias = section ? KEY_ALIASES[section]?.[key] : undefined;
    const hint = alias ?? suggestKey(key, candidates);
    const expected = hint ? `did you mean '${hint}'?` : `expected one of: ${this.listForMessage(candidates, section)}`;
    this.fail(at, `unknown key '${key}'; ${expected}`);
    return 'unknown';
  }

  private listForMessage(candidates: readonly string[], section: LitellmSection | undefined): string {
    if (candidates.length <= 12) return candidates.join(', ');
    const supported = candidates.filter((key) => !section || lookupLitellmKey(section, key) !== 'unsupported');
    return `${supported.join(', ')} (or another LiteLLM setting)`;
  }

  /** Reads an optional mapping; `null` (an empty YAML section) counts as empty. */
  map(value: unknown, path: string, expected = 'a mapping'): ConfigMap | undefined {
    if (value === undefined || value === null) return {};
    if (isConfigMap(value)) return value;
    this.fail(path, `expected ${expected}, got ${describeValue(value)}`);
    return undefined;
  }

  /** Reads a string after interpolation. */
  string(raw: unknown, path: string, options: { secret?: boolean; expected?: string } = {}): string | undefined {
    const expected = options.expected ?? 'a string';
    if (typeof raw !== 'string') {
      this.fail(path, `expected ${expected}, got ${describeValue(raw, options.secret)}`);
      return undefined;
    }
    const value = this.resolve(raw, path);
    if (typeof value !== 'string') return undefined;
    if (value === '') {
      const source = hasEnvReference(raw) ? ` (${raw} is empty)` : '';
      this.fail(path, `expected ${expected}, got an empty string${source}`);
      return undefined;
    }
    return value;
  }

  /**
   * Reads a number. A string is accepted only when it came from the environment (where
   * everything is a string), such as `timeout: os.environ/UPSTREAM_TIMEOUT`.
   */
  number(raw: unknown, path: string, expected: string, check: (n: number) => boolean = Number.isFinite): number | undefined {
    let value = raw;
    if (typeof raw === 'string' && hasEnvReference(raw)) {
      const resolved = this.resolve(raw, path);
      if (typeof resolved !== 'string') return undefined;
      const parsed = resolved.trim() === '' ? Number.NaN : Number(resolved);
      value = Number.isNaN(parsed) ? resolved : parsed;
    }
    if (typeof value === 'number' && Number.isFinite(value) && check(value)) return value;
    this.fail(path, `expected ${expected}, got ${describeValue(value)}`);
    return undefined;
  }

  /** Reads an http(s) URL. */
  url(raw: unknown, path: string): string | undefined {
    const expected = 'an http:// or https:// URL';
    const value = this.string(raw, path, { expected });
    if (value === undefined) return undefined;
    let protocol: string | undefined;
    try {
      protocol = new URL(value).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol === 'http:' || protocol === 'https:') return value;
    this.fail(path, `expected ${expected}, got ${describeValue(value)}`);
    return undefined;
  }

  /** Reads a mapping of name → string; numbers and booleans are written as strings. */
  stringMap(raw: unknown, path: string, expected: string): Record<string, string> | undefined {
    const map = this.map(raw, path, expected);
    if (!map) return undefined;
    const out: Record<string, string> = {};
    for (const [key, item] of Object.entries(map)) {
      const at = childPath(path, key);
      if (typeof item === 'number' || typeof item === 'boolean') out[key] = String(item);
      else {
        const value = this.string(item, at);
        if (value !== undefined) out[key] = value;
      }
    }
    return out;
  }

  /** Reads a list of strings, each checked by `check` (which returns a problem or `undefined`). */
  stringList(raw: unknown, path: string, expected: string, check?: (value: string) => string | undefined): string[] {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) {
      this.fail(path, `expected ${expected}, got ${describeValue(raw)}`);
      return [];
    }
    const out: string[] = [];
    raw.forEach((item, index) => {
      const at = childPath(path, index);
      const value = this.string(item, at);
      if (value === undefined) return;
      const problem = check?.(value);
      if (problem) this.fail(at, problem);
      else out.push(value);
    });
    return out;
  }
}
