import { lazyModule } from '../../sdk/index.js';

/** The AWS modules the plugin runs on. */
export interface BedrockSdk {
  readonly runtime: typeof import('@aws-sdk/client-bedrock-runtime');
  readonly NodeHttpHandler: typeof import('@smithy/node-http-handler').NodeHttpHandler;
}

/** Imports `@aws-sdk/client-bedrock-runtime` and `@smithy/node-http-handler` on first call (see `lazyModule`). */
export const loadBedrockSdk = lazyModule<BedrockSdk>('the AWS SDK for Bedrock', async () => {
  const [runtime, http] = await Promise.all([import('@aws-sdk/client-bedrock-runtime'), import('@smithy/node-http-handler')]);
  return { runtime, NodeHttpHandler: http.NodeHttpHandler };
});
