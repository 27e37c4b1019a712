/** One piece of code to run. */
export interface SandboxRunOptions {
  readonly language: string;
  readonly code: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** The outcome of a run. A tool that throws is `status: "error"`, not an exception. */
export interface SandboxRunResult {
  readonly status: 'ok' | 'error';
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly returnValue?: unknown;
  readonly durationMs: number;
  readonly timedOut: boolean;
}

/** A place to run code, kept until disposed. A sandbox that breaks rejects with a SANDBOX_* error. */
export interface SandboxSession {
  readonly id: string;
  run(options: SandboxRunOptions): Promise<SandboxRunResult>;
  dispose(): Promise<void>;
}
