import { ConfigError, SwitchyardError } from '../../sdk/index.js';
import { parseConfigText } from '../../core/config/index.js';
import type { HostConfig } from '../../core/config/index.js';

/** Folder the test configs pretend to live in. */
export const BASE_DIR = '/srv/gateway';

/** Parses YAML text as `switchyard.yaml` with the given environment. */
export function parseYaml(text: string, env: Record<string, string | undefined> = {}): HostConfig {
  return parseConfigText(text, { file: 'switchyard.yaml', format: 'yaml', env, baseDir: BASE_DIR });
}

/** Runs `fn` and returns the ConfigError it throws; fails loudly when it throws nothing or something else. */
export function catchConfigError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (SwitchyardError.isInstance(error) && error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

/** Same as {@link catchConfigError} for promises. */
export async function rejectConfigError(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    if (SwitchyardError.isInstance(error) && error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but the promise resolved');
}
