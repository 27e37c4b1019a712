const MINUTE_MS = 60_000;
/** Weight of the newest latency sample in the moving average. */
const LATENCY_ALPHA = 0.3;

/**
 * The live, in-memory state of one deployment: in-flight requests, cooldown, failures in the
 * last minute, recent latency and this minute's usage. Every update is O(1) and allocation-free;
 * nothing here waits on anything. Single-instance: each gateway process keeps its own.
 */
export class DeploymentState {
  /** Requests currently being served (a stream counts until it ends). */
  inFlight = 0;
  /** Epoch milliseconds until which the deployment is skipped; 0 when healthy. */
  cooldownUntil = 0;
  /** Error code that caused the current or last cooldown. */
  cooldownReason: string | undefined;
  /** Moving average of attempt latency (time to the answer, or to the first streamed part), in ms. */
  latencyMs = 0;
  /** When the last latency sample was taken (epoch ms); 0 when none. */
  latencyAt = 0;
  /** Requests started and tokens used in the current minute (usage-based routing). */
  requestsThisMinute = 0;
  tokensThisMinute = 0;
  /** Outcome of the last background health check. */
  lastHealthCheck: { readonly at: number; readonly ok: boolean; readonly errorCode?: string } | undefined;

  private failureWindowStart = 0;
  private failures = 0;
  /** Failures per policy class in the window; only allocated when an `allowed_fails_policy` is used. */
  private classFailures: Map<string, number> | undefined;
  private usageMinute = 0;

  /** True while the deployment is cooling down. */
  isCoolingDown(now: number): boolean {
    return this.cooldownUntil > now;
  }

  /** Failures in the current one-minute window. */
  recentFailures(now: number): number {
    return now - this.failureWindowStart < MINUTE_MS ? this.failures : 0;
  }

  /** Counts a failure; returns the failures in the window, in total and of `policyClass`. */
  countFailure(now: number, policyClass: string | undefined, trackClass: boolean): { total: number; ofClass: number } {
    if (now - this.failureWindowStart >= MINUTE_MS) {
      this.failureWindowStart = now;
      this.failures = 0;
      this.classFailures?.clear();
    }
    this.failures += 1;
    let ofClass = 0;
    if (trackClass && policyClass !== undefined) {
      this.classFailures ??= new Map();
      ofClass = (this.classFailures.get(policyClass) ?? 0) + 1;
      this.classFailures.set(policyClass, ofClass);
    }
    return { total: this.failures, ofClass };
  }

  /** Starts a cooldown (never shortens one already running) and forgets the failures that caused it. */
  coolDown(now: number, durationMs: number, reason: string): void {
    this.cooldownUntil = Math.max(this.cooldownUntil, now + durationMs);
    this.cooldownReason = reason;
    this.failures = 0;
    this.classFailures?.clear();
  }

  /** Adds a latency sample; samples older than `ttlMs` are forgotten rather than averaged in. */
  observeLatency(now: number, latencyMs: number, ttlMs: number): void {
    this.latencyMs = this.latencyAt === 0 || now - this.latencyAt > ttlMs ? latencyMs : this.latencyMs + LATENCY_ALPHA * (latencyMs - this.latencyMs);
    this.latencyAt = now;
  }

  /** The latency to route by, or 0 when there is no recent sample (an untried deployment is explored first). */
  recentLatency(now: number, ttlMs: number): number {
    return this.latencyAt === 0 || now - this.latencyAt > ttlMs ? 0 : this.latencyMs;
  }

  /** Counts a request against this minute. */
  countRequest(now: number): void {
    this.rollMinute(now);
    this.requestsThisMinute += 1;
  }

  /** Counts tokens against this minute. */
  countTokens(now: number, tokens: number): void {
    this.rollMinute(now);
    this.tokensThisMinute += tokens;
  }

  /** Resets the per-minute usage when a new minute began; called before reading it. */
  rollMinute(now: number): void {
    const minute = Math.floor(now / MINUTE_MS);
    if (minute === this.usageMinute) return;
    this.usageMinute = minute;
    this.requestsThisMinute = 0;
    this.tokensThisMinute = 0;
  }
}
