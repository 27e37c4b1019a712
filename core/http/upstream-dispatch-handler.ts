import type { Dispatcher } from 'undici';

/** Buffered body bytes per response before undici stops reading the socket. */
export const BODY_HIGH_WATER_MARK = 64 * 1024;

/** What an aborted signal rejects with, as fetch does. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Statuses whose response never has a body. */
export function isNullBodyStatus(status: number): boolean {
  return status === 101 || status === 103 || status === 204 || status === 205 || status === 304;
}

/**
 * The lifecycle both pooled upstream calls share (the WHATWG `fetch` and the lean `httpRequest`):
 * the caller's abort signal, settling the call's promise once, cancelling from the body side, and
 * fetch's failures (`fetch failed` before the response, `terminated` during the body). Subclasses
 * build the response and feed its body; `failBody` errors a body already handed out.
 */
export abstract class UpstreamDispatchHandler<R> implements Dispatcher.DispatchHandler {
  protected controller: Dispatcher.DispatchController | null = null;
  /** The call's promise has been resolved or rejected. */
  protected settled = false;
  /** The exchange is over for us: body ended, errored or cancelled, or the call rejected. */
  protected finished = false;
  /** Why we aborted, to hand to a controller that shows up late. */
  #abortReason: Error | null = null;

  constructor(
    private readonly signal: AbortSignal | null,
    private readonly resolveCall: (response: R) => void,
    private readonly rejectCall: (error: unknown) => void,
  ) {
    signal?.addEventListener('abort', this.#onAbort);
  }

  abstract onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>, statusMessage?: string): void;
  abstract onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void;
  abstract onResponseEnd(controller: Dispatcher.DispatchController, trailers: Record<string, string | string[] | undefined>): void;
  /** Errors the body handed out with the response, if any. */
  protected abstract failBody(error: unknown): void;

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.#abortReason !== null) controller.abort(this.#abortReason);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.finished) return;
    this.fail(new TypeError(this.settled ? 'terminated' : 'fetch failed', { cause: error }));
  }

  /** Resolves the call with its response. */
  protected settle(response: R): void {
    this.settled = true;
    this.resolveCall(response);
  }

  readonly #onAbort = (): void => {
    const reason = abortReason(this.signal!);
    this.#abortReason = reason instanceof Error ? reason : new DOMException(String(reason), 'AbortError');
    this.fail(reason);
    this.controller?.abort(this.#abortReason);
  };

  /** The reader gave up on the body: drop the connection. */
  protected cancel(reason: unknown): void {
    if (this.finished) return;
    this.finish();
    this.#abortReason = reason instanceof Error ? reason : new DOMException('The body was cancelled', 'AbortError');
    this.controller?.abort(this.#abortReason);
  }

  /** Rejects the call if still pending, else errors its body. */
  protected fail(error: unknown): void {
    if (!this.settled) {
      this.settled = true;
      this.rejectCall(error);
    }
    if (!this.finished) {
      this.finish();
      this.failBody(error);
    }
  }

  protected finish(): void {
    this.finished = true;
    this.signal?.removeEventListener('abort', this.#onAbort);
  }
}
