import type { ErrorCode } from './error-codes.js';
import { SwitchyardError } from './switchyard-error.js';

/** Codes of plugin loading failures. */
export type PluginErrorCode = Extract<ErrorCode, `PLUGIN_${string}`>;

/** A plugin that could not be loaded; `details.pluginDir` names its folder. */
export class PluginError extends SwitchyardError {
  readonly pluginDir: string;
  readonly pluginId: string | undefined;

  constructor(code: PluginErrorCode, options: { message: string; pluginDir: string; pluginId?: string; cause?: unknown; errors?: readonly { path: string; message: string }[] }) {
    super(code, { message: options.message, cause: options.cause, details: { pluginDir: options.pluginDir, pluginId: options.pluginId, errors: options.errors } });
    this.name = 'PluginError';
    this.pluginDir = options.pluginDir;
    this.pluginId = options.pluginId;
  }
}
