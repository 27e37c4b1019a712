/** A signal that fires when the caller aborts or the call runs past its deadline. */
export interface CallDeadline {
  /** Pass this upstream instead of the caller's signal; undefined when there is neither. */
  readonly signal: AbortSignal | undefined;
  /** True when the deadline, not the caller, fired. */
  timedOut(): boolean;
  /** Stops the deadline timer (the caller's abort still propagates). */
  clear(): void;
}

/**
 * Bounds one upstream call by `timeoutMs` while still honouring the caller's signal, so a
 * server that accepts the connection and then stalls cannot hold a request forever.
 */
export function createCallDeadline(callerSignal: AbortSignal | undefined, timeoutMs: number | undefined): CallDeadline {
  if (timeoutMs === undefined || timeoutMs <= 0) return { signal: callerSignal, timedOut: () => false, clear: () => undefined };
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`Upstream call exceeded ${timeoutMs} ms.`, 'TimeoutError'));
  }, timeoutMs);
  if (callerSignal?.aborted === true) controller.abort(callerSignal.reason);
  else callerSignal?.addEventListener('abort', () => controller.abort(callerSignal.reason), { once: true });
  return { signal: controller.signal, timedOut: () => expired && callerSignal?.aborted !== true, clear: () => clearTimeout(timer) };
}
