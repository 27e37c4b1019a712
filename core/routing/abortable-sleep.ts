import { clampTimerMs } from './attempt-controller.js';
import type { ClientSignal } from './client-signal.js';

/**
 * Waits `ms`, or rejects with the signal's reason the moment it aborts (a client that goes
 * away during a retry wait ends the wait at once). The timer and the listener never outlive it.
 */
export function abortableSleep(ms: number, signal: ClientSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, clampTimerMs(ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
