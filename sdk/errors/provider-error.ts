import type { ErrorCode } from './error-codes.js';
import { SwitchyardError } from './switchyard-error.js';

/** Codes a provider plugin may raise for upstream failures. */
export type ProviderErrorCode = Extract<ErrorCode, `PROVIDER_${string}`>;

/** Options of a {@link ProviderError}. */
export interface ProviderErrorOptions {
  readonly message: string;
  readonly provider: string;
  /** HTTP status the upstream answered with, if any. */
  readonly upstreamStatus?: number;
  /** The upstream's own error code or type, kept for logs. */
  readonly upstreamCode?: string;
  /** Milliseconds the upstream asked us to wait (Retry-After), if any. */
  readonly retryAfterMs?: number;
  readonly param?: string;
  readonly cause?: unknown;
}

/** An upstream provider failure, already mapped to a catalogue code by the provider plugin. */
export class ProviderError extends SwitchyardError {
  readonly provider: string;
  readonly upstreamStatus: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: ProviderErrorCode, options: ProviderErrorOptions) {
    const keepUpstreamStatus = code === 'PROVIDER_SERVER_ERROR' && options.upstreamStatus !== undefined && options.upstreamStatus >= 500 && options.upstreamStatus <= 599;
    super(code, {
      message: options.message,
      cause: options.cause,
      param: options.param,
      status: keepUpstreamStatus ? options.upstreamStatus : undefined,
      details: {
        provider: options.provider,
        upstreamStatus: options.upstreamStatus,
        upstreamCode: options.upstreamCode,
        retryAfterMs: options.retryAfterMs,
      },
    });
    this.name = 'ProviderError';
    this.provider = options.provider;
    this.upstreamStatus = options.upstreamStatus;
    this.retryAfterMs = options.retryAfterMs;
  }
}
