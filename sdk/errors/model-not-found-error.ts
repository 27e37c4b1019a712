import { SwitchyardError } from './switchyard-error.js';

/** The requested model is neither a configured alias nor a `provider/model` handle of a known provider. */
export class ModelNotFoundError extends SwitchyardError {
  constructor(options: { model: string; reason?: string; available?: readonly string[] }) {
    const hint = options.reason ? ` ${options.reason}` : '';
    super('MODEL_NOT_FOUND', {
      message: `The model '${options.model}' does not exist or is not available.${hint}`,
      param: 'model',
      details: { model: options.model, available: options.available ?? [] },
    });
    this.name = 'ModelNotFoundError';
  }
}
