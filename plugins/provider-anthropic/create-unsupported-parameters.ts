import { InvalidRequestError, type CallWarning } from '../../sdk/index.js';

/** Collects what one call could not honour: warnings, or a 400 when the caller sent `drop_params: false`. */
export interface UnsupportedParameters {
  /** Reports that `parameter` was dropped or changed; throws REQUEST_PARAMETER_UNSUPPORTED when dropping is not allowed. */
  drop(parameter: string, message: string): void;
  readonly warnings: readonly CallWarning[];
}

/**
 * Creates the collector for one call. `dropUnsupportedParams === false` (the client's
 * `drop_params: false`) turns the first unsupported parameter into an InvalidRequestError.
 */
export function createUnsupportedParameters(dropUnsupportedParams: boolean | undefined): UnsupportedParameters {
  const warnings: CallWarning[] = [];
  return {
    warnings,
    drop(parameter, message) {
      if (dropUnsupportedParams === false) {
        throw new InvalidRequestError({ code: 'REQUEST_PARAMETER_UNSUPPORTED', param: parameter, message: `Unsupported parameter '${parameter}' for anthropic: ${message}` });
      }
      // One warning per parameter and message: a long history must not repeat the same line.
      if (!warnings.some((warning) => warning.parameter === parameter && warning.message === message)) warnings.push({ parameter, message });
    },
  };
}
