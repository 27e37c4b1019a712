import type { SwitchyardError } from '../../sdk/index.js';
import type { ClientSignal } from './client-signal.js';

/** Node timers overflow past 2^31-1 ms (and then fire at once); longer timeouts are clamped. */
export function clampTimerMs(ms: number): number {
  return Math.min(Math.max(0, ms), 2_147_483_647);
}

/**
 * The abort signal of one upstream attempt: fires when the client goes away, when the attempt's
 * deadline passes (`timeout`, or `stream_timeout` until the first streamed part), or when the
 * router aborts it (a stream gone idle). The provider sees one signal; the router knows which
 * one fired, so a deadline becomes PROVIDER_TIMEOUT and a client abort stays a client abort.
 */
export class AttemptController {
  private readonly controller = new AbortController();
  /** Pass this to the provider (read once: Node's `controller.signal` getter is not free). */
  readonly signal = this.controller.signal;
  private timer: NodeJS.Timeout | undefined;
  private expired: SwitchyardError | undefined;
  private readonly onClientAbort = (): void => this.controller.abort(this.clientSignal.reason);

  constructor(
    private readonly clientSignal: ClientSignal,
    timeoutMs: number,
    timeoutError: () => SwitchyardError,
  ) {
    if (clientSignal.aborted) {
      this.controller.abort(clientSignal.reason);
      return;
    }
    clientSignal.addEventListener('abort', this.onClientAbort, { once: true });
    this.timer = setTimeout(() => {
      this.expired = timeoutError();
      this.controller.abort(this.expired);
    }, clampTimerMs(timeoutMs));
    // The request holds the process open, not this timer; it is cleared on every path anyway.
    this.timer.unref();
  }

  /** The timeout error when the deadline (not the client) ended the attempt. */
  get timedOut(): SwitchyardError | undefined {
    return this.clientSignal.aborted ? undefined : this.expired;
  }

  /** Stops the deadline (the stream's first part arrived); client aborts still propagate. */
  disarm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Cancels the upstream call. */
  abort(reason: unknown): void {
    this.controller.abort(reason);
  }

  /** Drops the timer and the listener on the client's signal; call once the attempt is over. */
  release(): void {
    this.disarm();
    this.clientSignal.removeEventListener('abort', this.onClientAbort);
  }
}
