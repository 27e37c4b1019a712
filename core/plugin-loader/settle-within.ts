/** How a bounded piece of work ended. */
export type TimedOutcome<T> =
  | { readonly status: 'fulfilled'; readonly value: T }
  | { readonly status: 'rejected'; readonly reason: unknown }
  | { readonly status: 'timeout' };

/**
 * Runs `work` and settles with its outcome, or with `timeout` after `timeoutMs`. Never rejects, never
 * waits past the timeout, and clears its timer as soon as the work settles. When the work settles
 * after the timeout, `onLate` receives that late outcome (for example to dispose a late factory).
 */
export function settleWithin<T>(
  work: () => T | PromiseLike<T>,
  timeoutMs: number,
  onLate?: (outcome: Exclude<TimedOutcome<T>, { status: 'timeout' }>) => void,
): Promise<TimedOutcome<T>> {
  return new Promise((resolve) => {
    let timedOut = false;
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      timedOut = true;
      resolve({ status: 'timeout' });
    }, timeoutMs);
    const finish = (outcome: Exclude<TimedOutcome<T>, { status: 'timeout' }>): void => {
      settled = true;
      clearTimeout(timer);
      if (!timedOut) resolve(outcome);
      else onLate?.(outcome);
    };
    let pending: PromiseLike<T>;
    try {
      pending = Promise.resolve(work());
    } catch (reason) {
      finish({ status: 'rejected', reason });
      return;
    }
    pending.then(
      (value) => finish({ status: 'fulfilled', value }),
      (reason) => finish({ status: 'rejected', reason }),
    );
  });
}

/** A short readable description of a thrown value. */
export function describeReason(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return typeof reason === 'string' ? reason : JSON.stringify(reason) ?? String(reason);
}
