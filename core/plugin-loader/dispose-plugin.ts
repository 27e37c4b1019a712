import type { Logger } from '../../sdk/index.js';
import type { LoadedPlugin } from './loaded-plugin.js';
import { describeReason, settleWithin } from './settle-within.js';

/** Default bound on one plugin's `dispose()`. */
export const DEFAULT_DISPOSE_TIMEOUT_MS = 5000;

/** Anything with an optional `dispose()`, as every plugin factory has. */
export interface Disposable {
  dispose?(): Promise<void>;
}

/** Calls a plugin factory's `dispose()` under a timeout; errors and timeouts are logged, never thrown. */
export async function disposePlugin(plugin: LoadedPlugin<Disposable>, options: { readonly logger: Logger; readonly timeoutMs?: number }): Promise<void> {
  const { factory } = plugin;
  if (typeof factory.dispose !== 'function') return;
  const timeoutMs = options.timeoutMs ?? DEFAULT_DISPOSE_TIMEOUT_MS;
  const fields = { pluginId: plugin.manifest.id, pluginDir: plugin.dir };
  const outcome = await settleWithin(() => factory.dispose!(), timeoutMs);
  if (outcome.status === 'timeout') options.logger.error('plugin dispose timed out', { ...fields, timeoutMs });
  else if (outcome.status === 'rejected') options.logger.error('plugin dispose failed', { ...fields, error: describeReason(outcome.reason) });
  else options.logger.debug('plugin disposed', fields);
}

/** Disposes plugins one by one in reverse order (dependents before their dependencies). */
export async function disposeInReverse(plugins: readonly LoadedPlugin<Disposable>[], options: { readonly logger: Logger; readonly timeoutMs?: number }): Promise<void> {
  for (const plugin of [...plugins].reverse()) await disposePlugin(plugin, options);
}
