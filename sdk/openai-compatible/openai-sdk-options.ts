import type { PluginContext } from '../plugin-context.js';
import { toVendorSdkLogger, type VendorSdkLogger } from '../vendor-sdk-logger.js';

/** The `openai` SDK client options every gateway-built client shares. */
export interface OpenAISdkBaseOptions {
  readonly webhookSecret: null;
  readonly fetch: typeof fetch;
  readonly maxRetries: 0;
  readonly timeout?: number;
  readonly logger: VendorSdkLogger;
  readonly logLevel: 'warn';
}

/**
 * Options for an `openai` SDK client (`OpenAI`, `AzureOpenAI`): the gateway's pooled fetch, no
 * SDK retries (the router retries), the configured timeout, and SDK logs in the gateway's log.
 * Spread them next to the client's own `apiKey`, `baseURL`, `organization`, `project` and headers,
 * each set explicitly so the SDK never reads `OPENAI_*` variables behind the gateway's back.
 */
export function openAISdkBaseOptions(context: Pick<PluginContext, 'fetch' | 'logger'>, timeoutMs: number | undefined, label = 'openai sdk'): OpenAISdkBaseOptions {
  return {
    webhookSecret: null,
    fetch: context.fetch,
    maxRetries: 0,
    ...(timeoutMs !== undefined ? { timeout: timeoutMs } : {}),
    logger: toVendorSdkLogger(context.logger, label),
    logLevel: 'warn',
  };
}
