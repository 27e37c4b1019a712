import { InvalidRequestError, type CallWarning } from '../../sdk/index.js';

/**
 * Collects the parameters a call cannot honour. By default each becomes a {@link CallWarning}
 * and the call goes on without it; when the client sent `drop_params: false`
 * (`dropUnsupportedParams === false`) the first one fails the call with a 400 naming it.
 */
export class CallWarningCollector {
  readonly #warnings: CallWarning[] = [];
  readonly #drop: boolean;

  constructor(dropUnsupportedParams: boolean | undefined) {
    this.#drop = dropUnsupportedParams !== false;
  }

  /** Records that `parameter` is not honoured, or throws REQUEST_PARAMETER_UNSUPPORTED. */
  unsupported(parameter: string, message: string): void {
    if (!this.#drop) throw new InvalidRequestError({ code: 'REQUEST_PARAMETER_UNSUPPORTED', param: parameter, message });
    this.#warnings.push({ parameter, message });
  }

  /** The warnings so far. */
  get warnings(): readonly CallWarning[] {
    return this.#warnings;
  }
}
