import type { Logger } from './plugin-context.js';

/** The logger shape vendor SDKs (`openai`, `@anthropic-ai/sdk`) accept: `(message, ...details)` per level. */
export interface VendorSdkLogger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** Forwards a vendor SDK's log calls to the plugin's logger, each message prefixed with `label` (`openai sdk: …`). */
export function toVendorSdkLogger(logger: Logger, label: string): VendorSdkLogger {
  const forward = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, ...details: unknown[]) =>
    logger[level](`${label}: ${message}`, details.length > 0 ? { details } : undefined);
  return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}
