/**
 * Checks that a scenario leaves the process healthy: no unhandled rejections, and every timer
 * and TCP handle created while it ran is gone once everything is closed. Unref'd timers do not
 * show in `process.getActiveResourcesInfo()`, so handles are followed with async_hooks too.
 */
import { createHook } from 'node:async_hooks';
import type { Test } from 'tap';

const TRACKED = new Set(['Timeout', 'TCPWRAP', 'TCPSERVERWRAP']);
const COUNTED = new Set(['Timeout', 'TCPSocketWrap', 'TCPServerWrap']);

function activeCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) if (COUNTED.has(type)) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** What {@link trackProcessHealth} returns. */
export interface ProcessHealthProbe {
  /** Call after the gateway and upstreams are closed: asserts nothing leaked and nothing was rejected unhandled. */
  assertClean(t: Test): Promise<void>;
}

/** Starts watching; call before the gateway and upstreams start. */
export function trackProcessHealth(): ProcessHealthProbe {
  const live = new Map<number, string>();
  const hook = createHook({
    init(asyncId, type) {
      if (TRACKED.has(type)) live.set(asyncId, type);
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  });
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  const before = activeCounts();
  process.on('unhandledRejection', onRejection);
  hook.enable();
  return {
    async assertClean(t) {
      // Closing sockets and clearing timers settle over a few turns of the event loop.
      const deadline = performance.now() + 3000;
      while (live.size > 0 && performance.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
      hook.disable();
      process.off('unhandledRejection', onRejection);
      t.same([...live.values()], [], 'no timer or socket created by the scenario is still alive');
      t.same(activeCounts(), before, 'active handle counts are back to where they were');
      t.same(rejections.map(String), [], 'no unhandled rejections');
    },
  };
}
