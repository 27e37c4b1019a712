import type { Logger, PluginContext, PluginManifest, SwitchyardPlugin } from '../../sdk/index.js';
import { disposePlugin } from './dispose-plugin.js';
import type { LoadedPlugin, PluginFactory, PluginKind } from './loaded-plugin.js';
import type { ValidatedPlugin } from './order-plugins.js';
import type { PluginFailure } from './plugin-failure.js';
import { describeReason, settleWithin } from './settle-within.js';

const FACTORY_METHOD: Record<PluginKind, string> = { provider: 'createProvider', sandbox: 'createSession', 'mcp-transport': 'createTransport' };

/** True when `value` is a factory for plugins of `kind` (has `createProvider`, `createSession` or `createTransport`). */
export function isFactoryOfKind(kind: PluginKind, value: unknown): value is PluginFactory {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[FACTORY_METHOD[kind]] === 'function';
}

/** What {@link initialisePlugin} needs from the loader options. */
export interface InitialiseOptions {
  readonly initTimeoutMs: number;
  readonly logger: Logger;
  createContext(manifest: PluginManifest, config: Record<string, unknown>): PluginContext;
}

/**
 * Init step: builds the plugin's context and runs `setup(context)` under `initTimeoutMs`.
 * A throw is `PLUGIN_INIT_FAILED`, so is a result that is not a factory of the plugin's kind; a
 * setup that does not settle in time is `PLUGIN_INIT_TIMEOUT` (and a factory it returns later is disposed).
 */
export async function initialisePlugin(
  plugin: ValidatedPlugin,
  definition: SwitchyardPlugin,
  config: Record<string, unknown>,
  options: InitialiseOptions,
): Promise<{ loaded: LoadedPlugin } | { failure: PluginFailure }> {
  const { id, kind, version } = plugin.manifest;
  const fail = (code: PluginFailure['code'], message: string): { failure: PluginFailure } => ({
    failure: { code, pluginDir: plugin.dir, pluginId: id, message, kind, version, source: plugin.source },
  });
  const outcome = await settleWithin(
    () => definition.setup(options.createContext(plugin.manifest, config)),
    options.initTimeoutMs,
    (late) => {
      if (late.status !== 'fulfilled' || !isFactoryOfKind(kind, late.value)) return;
      options.logger.warn('plugin setup finished after its timeout; disposing it', { pluginId: id });
      void disposePlugin({ ...plugin, factory: late.value }, { logger: options.logger });
    },
  );
  if (outcome.status === 'timeout') return fail('PLUGIN_INIT_TIMEOUT', `setup did not finish within ${options.initTimeoutMs} ms`);
  if (outcome.status === 'rejected') return fail('PLUGIN_INIT_FAILED', `setup failed: ${describeReason(outcome.reason)}`);
  if (!isFactoryOfKind(kind, outcome.value)) return fail('PLUGIN_INIT_FAILED', `setup must return a ${kind} factory with ${FACTORY_METHOD[kind]}()`);
  return { loaded: { manifest: plugin.manifest, dir: plugin.dir, source: plugin.source, factory: outcome.value } };
}
