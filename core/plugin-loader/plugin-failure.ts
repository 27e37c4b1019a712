import { PluginError, type PluginErrorCode } from '../../sdk/index.js';
import type { PluginSourceKind } from './plugin-source.js';

/** One validation problem: a JSON-pointer-ish `path` (`/provider/providers/0/name`, `/` for the root) and a message. */
export interface ValidationProblem {
  readonly path: string;
  readonly message: string;
}

/** A plugin (or plugin source) that could not be loaded. */
export interface PluginFailure {
  readonly code: PluginErrorCode;
  /** The plugin folder, or for source-level failures the source path or package name. */
  readonly pluginDir: string;
  readonly pluginId?: string;
  readonly message: string;
  /** Every validation problem, for manifest and config failures. */
  readonly errors?: readonly ValidationProblem[];
  /** The manifest's kind and version when the manifest was readable, for `plugins list`. */
  readonly kind?: string;
  readonly version?: string;
  readonly source?: PluginSourceKind;
}

/** Formats a failure as one readable line: `CODE plugin-id (dir): message`. */
export function formatPluginFailure(failure: PluginFailure): string {
  const who = failure.pluginId === undefined ? failure.pluginDir : `${failure.pluginId} (${failure.pluginDir})`;
  const problems = (failure.errors ?? []).map((problem) => `\n    ${problem.path}: ${problem.message}`).join('');
  return `${failure.code} ${who}: ${failure.message}${problems}`;
}

/** Builds the error thrown in strict mode: the first failure's code, listing every failure. */
export function toPluginError(failures: readonly PluginFailure[]): PluginError {
  const [first] = failures;
  if (first === undefined) throw new TypeError('toPluginError needs at least one failure');
  const lines = failures.map((failure) => `  - ${formatPluginFailure(failure)}`).join('\n');
  return new PluginError(first.code, {
    message: `${failures.length} plugin failure(s) in strict mode:\n${lines}`,
    pluginDir: first.pluginDir,
    pluginId: first.pluginId,
    errors: failures.map((failure) => ({ path: failure.pluginDir, message: `${failure.code}: ${failure.message}` })),
  });
}
