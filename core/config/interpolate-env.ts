/** What {@link interpolateEnv} made of one string. */
export interface EnvInterpolation {
  /** The string with every reference replaced; references to missing variables become ''. */
  readonly value: string;
  /** Names of variables referenced without a default and not set. */
  readonly missing: readonly string[];
  /** Malformed references, quoted as written. */
  readonly invalid: readonly string[];
  /** True when the string referenced at least one variable. */
  readonly referencesEnv: boolean;
}

const LITELLM_REFERENCE = /^os\.environ\/(.*)$/s;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// `$${...}` is an escape for a literal `${...}`, so a value can contain the sequence itself.
const BRACED_REFERENCE = /\$(\$?)\{([^}]*)\}/g;

/**
 * Resolves environment references in one config string. Two forms are accepted: LiteLLM's
 * whole-value `os.environ/NAME`, and `${NAME}` / `${NAME:-default}` anywhere in the string
 * (the default applies when the variable is unset or empty, as in POSIX shells).
 */
export function interpolateEnv(text: string, env: Readonly<Record<string, string | undefined>>): EnvInterpolation {
  const whole = LITELLM_REFERENCE.exec(text);
  if (whole) {
    const name = whole[1]!;
    if (!VARIABLE_NAME.test(name)) return { value: '', missing: [], invalid: [text], referencesEnv: true };
    const found = env[name];
    return { value: found ?? '', missing: found === undefined ? [name] : [], invalid: [], referencesEnv: true };
  }
  if (!text.includes('${')) return { value: text, missing: [], invalid: [], referencesEnv: false };

  const missing: string[] = [];
  const invalid: string[] = [];
  let referencesEnv = false;
  const value = text.replace(BRACED_REFERENCE, (match: string, escape: string, inner: string) => {
    if (escape) return match.slice(1);
    referencesEnv = true;
    const split = inner.indexOf(':-');
    const name = split < 0 ? inner : inner.slice(0, split);
    if (!VARIABLE_NAME.test(name)) {
      invalid.push(match);
      return '';
    }
    const found = env[name];
    if (split >= 0) return found === undefined || found === '' ? inner.slice(split + 2) : found;
    if (found === undefined) {
      missing.push(name);
      return '';
    }
    return found;
  });
  return { value, missing, invalid, referencesEnv };
}

/** True when the string contains an environment reference of either form. */
export function hasEnvReference(text: string): boolean {
  return LITELLM_REFERENCE.test(text) || /(^|[^$])\$\{/.test(text);
}
