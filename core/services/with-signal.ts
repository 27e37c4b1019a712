/**
 * A copy of call options with the attempt's signal. Made with `Object.assign`, not object
 * spread: on Node 20's V8, objects built by `{ ...options, signal }` get maps that property
 * inline caches cannot keep, so every later read of an absent optional field (providers probe
 * a dozen) went through the runtime. Translating one chat request took ~3.5 µs that way and
 * ~0.2 µs on a copy made like this.
 */
export function withSignal<T extends object>(options: T, signal: AbortSignal): T & { signal: AbortSignal } {
  const copy = Object.assign({}, options) as T & { signal: AbortSignal };
  copy.signal = signal;
  return copy;
}
