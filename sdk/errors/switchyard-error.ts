import { describeErrorCode, type ErrorCode } from './error-codes.js';

const BRAND = Symbol.for('switchyard.error');

/** Structured fields that travel with an error; never secrets. */
export type ErrorDetails = Record<string, unknown>;

/** Options accepted by every Switchyard error. */
export interface SwitchyardErrorOptions {
  readonly message?: string;
  readonly details?: ErrorDetails;
  readonly cause?: unknown;
  /** Overrides the catalogue status (for example an upstream 503 kept as 503). */
  readonly status?: number;
  /** The request parameter at fault, written as the OpenAI `param` field. */
  readonly param?: string;
}

/**
 * Base class of every error Switchyard raises. Carries a catalogue `code`, structured
 * `details` and a `cause`. Use {@link SwitchyardError.isInstance} rather than `instanceof`:
 * it works across duplicate copies of the SDK.
 */
export class SwitchyardError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  readonly status: number;
  readonly param: string | undefined;
  readonly [BRAND] = true;

  constructor(code: ErrorCode, options: SwitchyardErrorOptions = {}) {
    super(options.message ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SwitchyardError';
    this.code = code;
    this.details = options.details ?? {};
    this.status = options.status ?? describeErrorCode(code).status;
    this.param = options.param;
  }

  /** True for any Switchyard error, whichever copy of the SDK created it. */
  static isInstance(value: unknown): value is SwitchyardError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
