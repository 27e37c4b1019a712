import t from 'tap';
import type { ProviderFactory } from '../sdk/index.js';
import { startTestGateway } from './helpers/start-test-gateway.js';

t.test('preloadProviders runs preload() of the plugins the gateway is set up for, and only those', async (t) => {
  const gateway = await startTestGateway({
    env: { OPENAI_API_KEY: 'sk-test' },
    config: { model_list: [{ model_name: 'claude', litellm_params: { model: 'anthropic/claude-x', api_key: 'k' } }] },
  });
  t.teardown(() => gateway.close());
  const { providerRegistry, modelResolver } = gateway.gateway.cradle;
  const inUse = modelResolver.pluginsInUse().map((plugin) => plugin.manifest.id).sort();
  // openai from the environment, anthropic from model_list; nothing else is set up.
  t.same(inUse, ['provider-anthropic', 'provider-openai']);

  const called: string[] = [];
  for (const plugin of providerRegistry.list()) {
    const factory = plugin.factory as { preload?: ProviderFactory['preload'] };
    factory.preload = async () => {
      called.push(plugin.manifest.id);
      if (plugin.manifest.id === 'provider-anthropic') throw new Error('broken preload');
    };
  }
  await t.resolves(gateway.gateway.preloadProviders(), 'a failing preload is logged, not thrown');
  t.same(called.sort(), inUse, 'providers nobody set up never load their SDKs ahead of use');
});
