import type { Logger } from '../../sdk/index.js';
import type { OpenAIChatRequestDialect } from '../../sdk/openai-compatible/index.js';

/** The per-provider knobs this plugin reads from `settings.options` (presets set them in the manifest's `defaults.options`). */
export interface CompatibleOptions {
  readonly dialect: OpenAIChatRequestDialect;
  /** Move a leading `<think>…</think>` block in answers to reasoning (default true). */
  readonly extractThinkTags: boolean;
  /** A path the base URL must end with, appended when missing (Ollama: `/v1`). */
  readonly baseURLPath: string | undefined;
}

/**
 * Reads and checks the knobs: `maxTokensField`, `developerRole`, `reasoningField`,
 * `dropParameters`, `renameParameters`, `extractThinkTags`, `baseURLPath`. A value of the wrong
 * type is ignored with a warning rather than failing every call.
 */
export function readCompatibleOptions(options: Readonly<Record<string, unknown>>, logger: Logger, provider: string): CompatibleOptions {
  const ignore = (key: string, expected: string): undefined => {
    logger.warn('ignoring provider option of the wrong type', { provider, option: key, expected });
    return undefined;
  };
  const pick = <T>(key: string, expected: string, accept: (value: unknown) => T | undefined): T | undefined => {
    const value = options[key];
    if (value === undefined) return undefined;
    return accept(value) ?? ignore(key, expected);
  };
  const oneOf = <T extends string>(allowed: readonly T[]) => (value: unknown) => (allowed.includes(value as T) ? (value as T) : undefined);
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  // Options set from environment variables arrive as strings: accept "a,b" lists and "true"/"false".
  const list = (value: unknown) =>
    Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : undefined;
  const flag = (value: unknown) => (typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined);
  const mapping = (value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string') ? (value as Record<string, string>) : undefined;

  const maxTokensField = pick('maxTokensField', "'max_tokens' or 'max_completion_tokens'", oneOf(['max_tokens', 'max_completion_tokens'] as const));
  const developerRole = pick('developerRole', "'system' or 'developer'", oneOf(['system', 'developer'] as const));
  const reasoningField = pick('reasoningField', 'a field name', text);
  const dropParameters = pick('dropParameters', 'a list of field names', list);
  const renameParameters = pick('renameParameters', 'a mapping of field names', mapping);
  return {
    dialect: {
      // Most compatible servers know only the older spellings.
      maxTokensField: maxTokensField ?? 'max_tokens',
      developerRole: developerRole ?? 'system',
      ...(reasoningField !== undefined ? { reasoningField } : {}),
      ...(dropParameters !== undefined ? { dropParameters } : {}),
      ...(renameParameters !== undefined ? { renameParameters } : {}),
    },
    extractThinkTags: pick('extractThinkTags', 'true or false', flag) ?? true,
    baseURLPath: pick('baseURLPath', 'a path such as /v1', text),
  };
}
