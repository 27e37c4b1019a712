import { InvalidRequestError, type CallWarning } from '../../sdk/index.js';

/**
 * Collects what a call could not honour. With `drop_params: false`
 * (`dropUnsupportedParams === false`) the first one rejects the call instead: a 400
 * REQUEST_PARAMETER_UNSUPPORTED naming the parameter, before anything goes upstream.
 */
export class CallWarnings {
  readonly #warnings: CallWarning[] = [];
  readonly #strict: boolean;

  constructor(dropUnsupportedParams: boolean | undefined) {
    this.#strict = dropUnsupportedParams === false;
  }

  /** Records that `parameter` was dropped or changed, or throws when the caller asked for strictness. */
  add(parameter: string, message: string): void {
    if (this.#strict) throw new InvalidRequestError({ code: 'REQUEST_PARAMETER_UNSUPPORTED', param: parameter, message: `${message} (rejected because drop_params is false)` });
    this.#warnings.push({ parameter, message });
  }

  /** Everything recorded so far. */
  get list(): readonly CallWarning[] {
    return this.#warnings;
  }
}
