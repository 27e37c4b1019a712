import { SwitchyardError } from '../../sdk/index.js';

/** The AWS modules the plugin runs on. */
export interface BedrockSdk {
  readonly runtime: typeof import('@aws-sdk/client-bedrock-runtime');
  readonly NodeHttpHandler: typeof import('@smithy/node-http-handler').NodeHttpHandler;
}

let loading: Promise<BedrockSdk> | undefined;

const importSdk = async (): Promise<BedrockSdk> => {
  const [runtime, http] = await Promise.all([import('@aws-sdk/client-bedrock-runtime'), import('@smithy/node-http-handler')]);
  return { runtime, NodeHttpHandler: http.NodeHttpHandler };
};

/**
 * Imports `@aws-sdk/client-bedrock-runtime` and `@smithy/node-http-handler` on first call and
 * shares that import afterwards, so loading the plugin stays cheap. A failed import is a gateway
 * fault (GATEWAY_INTERNAL), never a provider error.
 */
export async function loadBedrockSdk(): Promise<BedrockSdk> {
  try {
    return await (loading ??= importSdk());
  } catch (cause) {
    throw new SwitchyardError('GATEWAY_INTERNAL', { message: `Could not load the AWS SDK for Bedrock: ${cause instanceof Error ? cause.message : String(cause)}`, cause });
  }
}
