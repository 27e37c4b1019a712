import type { PluginContext } from '../plugin-context.js';
import type { SandboxSession } from './sandbox-session.js';

/** Options for a new sandbox session. */
export interface SandboxSessionOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** What a sandbox plugin's setup returns. */
export interface SandboxFactory {
  createSession(options?: SandboxSessionOptions): Promise<SandboxSession>;
  dispose?(): Promise<void>;
}

/** A sandbox plugin module's default export. */
export interface SandboxPlugin {
  readonly kind: 'sandbox';
  setup(context: PluginContext): SandboxFactory | Promise<SandboxFactory>;
}
