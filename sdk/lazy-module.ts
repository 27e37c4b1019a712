import { SwitchyardError } from './errors/switchyard-error.js';

/**
 * Wraps a dynamic `import()` of a heavy module (a vendor SDK) so a plugin loads it on first use
 * instead of at start-up: the first call imports, later calls share that import. The thunk keeps
 * the `import()` in the plugin's own file, so the package resolves from the plugin. A failed
 * import is a gateway fault (GATEWAY_INTERNAL, never retried as a provider error), and is remembered.
 */
export function lazyModule<T>(description: string, load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return async () => {
    try {
      return await (loading ??= load());
    } catch (cause) {
      throw new SwitchyardError('GATEWAY_INTERNAL', { message: `Could not load ${description}: ${cause instanceof Error ? cause.message : String(cause)}`, cause });
    }
  };
}
