import type { PluginContext } from '../plugin-context.js';
import type { Provider, ProviderSettings } from './provider.js';

/** What a provider plugin's setup returns. */
export interface ProviderFactory {
  /** Creates a provider instance for one set of settings; core caches instances by settings. */
  createProvider(settings: ProviderSettings): Provider;
  /**
   * Loads heavy modules (vendor SDKs) ahead of the first request; the gateway calls it once, in the
   * background, after it starts listening. Must not throw for missing credentials.
   */
  preload?(): Promise<void>;
  dispose?(): Promise<void>;
}

/** A provider plugin module's default export. */
export interface ProviderPlugin {
  readonly kind: 'provider';
  setup(context: PluginContext): ProviderFactory | Promise<ProviderFactory>;
}
