/**
 * The client's side of cancellation, as the router and the services use it. An `AbortSignal`
 * fits; so does {@link ClientAbort}, which the proxy makes per request instead of an
 * `AbortController` (on Node 20 a controller, its signal and an `abort` listener cost ~3% of a
 * chat request's CPU, and almost every request ends without being aborted).
 */
export interface ClientSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * A client-abort source: listeners in a plain array, and a real `AbortSignal` only when someone
 * asks for {@link ClientAbort.signal}. Listeners run once, in order, when it aborts; a listener
 * added after the abort never runs (as with `AbortSignal`), so check `aborted` first.
 */
export class ClientAbort implements ClientSignal {
  #aborted = false;
  #reason: unknown = undefined;
  #listeners: (() => void)[] | undefined;
  #controller: AbortController | undefined;

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  /** An `AbortSignal` that follows this source (made on first use). */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.#aborted) return;
    (this.#listeners ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const listeners = this.#listeners;
    if (listeners === undefined) return;
    const index = listeners.indexOf(listener);
    if (index >= 0) listeners.splice(index, 1);
  }

  /** Aborts with `reason` (only the first call counts) and runs the listeners. */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    const listeners = this.#listeners;
    this.#listeners = undefined;
    this.#controller?.abort(reason);
    if (listeners === undefined) return;
    for (const listener of listeners) {
      try {
        listener();
      } catch (error) {
        // As an AbortSignal does: the other listeners still run, and the error is not swallowed.
        process.nextTick(() => {
          throw error;
        });
      }
    }
  }
}

/** An `AbortSignal` for code that needs a real one: the source's own, or one linked to it. */
export function toAbortSignal(signal: ClientSignal): AbortSignal {
  if (signal instanceof AbortSignal) return signal;
  if (signal instanceof ClientAbort) return signal.signal;
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}
