import { SwitchyardError } from './switchyard-error.js';

/** A client request that is malformed or names an invalid field. */
export class InvalidRequestError extends SwitchyardError {
  constructor(options: { message: string; param?: string; code?: 'REQUEST_INVALID' | 'REQUEST_PARAMETER_UNSUPPORTED' | 'REQUEST_BODY_MALFORMED' }) {
    super(options.code ?? 'REQUEST_INVALID', { message: options.message, param: options.param, details: { param: options.param } });
    this.name = 'InvalidRequestError';
  }
}
