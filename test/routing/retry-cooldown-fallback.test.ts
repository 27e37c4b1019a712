import t from 'tap';
import { ProviderError, SwitchyardError } from '../../sdk/index.js';
import { abortableSleep } from '../../core/routing/abortable-sleep.js';
import { CooldownPolicy, MAX_RETRY_AFTER_COOLDOWN_MS } from '../../core/routing/cooldown-policy.js';
import { classifyError, ERROR_CLASS_RULES, retryAfterOf } from '../../core/routing/error-class.js';
import { estimatePromptTokens } from '../../core/routing/estimate-prompt-tokens.js';
import { fallbackPlan } from '../../core/routing/fallback-plan.js';
import { retryDelayMs } from '../../core/routing/retry-backoff.js';
import { deployment, routerConfig } from './routing-fixtures.js';

const NOW = 1_800_000_000_000;
const provider = (code: ConstructorParameters<typeof ProviderError>[0], retryAfterMs?: number) => new ProviderError(code, { message: code, provider: 'p', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });

t.test('errors are classified by code only', async (t) => {
  t.equal(classifyError(provider('PROVIDER_RATE_LIMITED')), 'rate_limit');
  t.equal(classifyError(provider('PROVIDER_CONTEXT_LENGTH_EXCEEDED')), 'context_window');
  t.equal(classifyError(new SwitchyardError('ROUTER_NO_DEPLOYMENT_AVAILABLE')), 'no_deployment');
  t.equal(classifyError(new SwitchyardError('REQUEST_INVALID')), 'fatal', 'our own validation errors never retry or fall back');
  t.equal(classifyError(new Error('boom')), 'fatal');
  t.equal(retryAfterOf(provider('PROVIDER_RATE_LIMITED', 1500)), 1500);
  const never = Object.entries(ERROR_CLASS_RULES).filter(([, rule]) => rule.retry === 'never').map(([name]) => name);
  t.same(never, ['bad_request', 'context_window', 'content_policy', 'no_deployment', 'fatal'], 'the request itself is the problem');
  const failover = Object.entries(ERROR_CLASS_RULES).filter(([, rule]) => rule.retry === 'failover').map(([name]) => name);
  t.same(failover, ['authentication', 'permission', 'not_found'], 'never the same deployment again');
});

t.test('cooldowns: at once on 429, 401 and 404; after allowed_fails for the rest; never for request errors', async (t) => {
  const policy = new CooldownPolicy(routerConfig({ allowedFails: 2, cooldownTimeMs: 5000 }));
  for (const code of ['PROVIDER_RATE_LIMITED', 'PROVIDER_AUTHENTICATION', 'PROVIDER_NOT_FOUND'] as const) {
    const d = deployment('d');
    t.ok(policy.onFailure(d, classifyError(provider(code)), code, undefined, NOW), code);
    t.equal(d.state.cooldownUntil, NOW + 5000);
    t.equal(d.state.cooldownReason, code);
  }
  const d = deployment('d');
  t.notOk(policy.onFailure(d, 'server', 'PROVIDER_SERVER_ERROR', undefined, NOW));
  t.notOk(policy.onFailure(d, 'timeout', 'PROVIDER_TIMEOUT', undefined, NOW + 1));
  t.ok(policy.onFailure(d, 'overloaded', 'PROVIDER_OVERLOADED', undefined, NOW + 2), 'the third failure within a minute is more than allowed_fails (2)');
  t.equal(d.state.recentFailures(NOW + 3), 0, 'the failures that caused the cooldown are forgotten');
  const spread = deployment('spread');
  policy.onFailure(spread, 'server', 'x', undefined, NOW);
  policy.onFailure(spread, 'server', 'x', undefined, NOW + 30_000);
  t.notOk(policy.onFailure(spread, 'server', 'x', undefined, NOW + 61_000), 'the window is one minute');
  for (const errorClass of ['bad_request', 'context_window', 'content_policy', 'permission'] as const) {
    t.notOk(policy.onFailure(deployment('r'), errorClass, 'x', undefined, NOW), `${errorClass} is not the deployment's fault`);
  }
});

t.test('cooldown length: cooldown_time, per-deployment override, Retry-After, never shortened', async (t) => {
  const policy = new CooldownPolicy(routerConfig({ cooldownTimeMs: 5000 }));
  const asked = deployment('asked');
  policy.onFailure(asked, 'rate_limit', 'x', 60_000, NOW);
  t.equal(asked.state.cooldownUntil, NOW + 60_000, 'Retry-After longer than cooldown_time wins');
  policy.onFailure(asked, 'rate_limit', 'x', undefined, NOW + 1000);
  t.equal(asked.state.cooldownUntil, NOW + 60_000, 'a later, shorter cooldown does not shorten the running one');
  const capped = deployment('capped');
  policy.onFailure(capped, 'rate_limit', 'x', 10 * MAX_RETRY_AFTER_COOLDOWN_MS, NOW);
  t.equal(capped.state.cooldownUntil, NOW + MAX_RETRY_AFTER_COOLDOWN_MS);
  const own = deployment('own', { cooldownTimeMs: 0 });
  t.notOk(policy.onFailure(own, 'rate_limit', 'x', undefined, NOW), 'cooldown_time 0 on the deployment disables its cooldowns');
  t.notOk(new CooldownPolicy(routerConfig({ disableCooldowns: true })).onFailure(deployment('off'), 'rate_limit', 'x', undefined, NOW), 'disable_cooldowns');
});

t.test('allowed_fails_policy replaces the rule for the classes it names', async (t) => {
  const policy = new CooldownPolicy(routerConfig({ allowedFailsPolicy: { RateLimitError: 2, InternalServerError: 0 } }));
  const d = deployment('d');
  t.notOk(policy.onFailure(d, 'rate_limit', 'x', undefined, NOW));
  t.notOk(policy.onFailure(d, 'rate_limit', 'x', undefined, NOW));
  t.ok(policy.onFailure(d, 'rate_limit', 'x', undefined, NOW), 'the third 429');
  t.ok(policy.onFailure(deployment('e'), 'server', 'x', undefined, NOW), 'InternalServerErrorAllowedFails: 0 cools down on the first 500');
});

t.test('retry delay: exponential backoff with full jitter, at least retry_after and the Retry-After', async (t) => {
  const config = routerConfig({ retryBackoffBaseMs: 100, retryBackoffMaxMs: 1000, retryAfterMs: 0, maxRetryAfterMs: 30_000 });
  t.equal(retryDelayMs(0, config, undefined, () => 0.999), 100);
  t.equal(retryDelayMs(2, config, undefined, () => 0.999), 400);
  t.equal(retryDelayMs(10, config, undefined, () => 1), 1000, 'capped at retry_backoff_max');
  t.equal(retryDelayMs(0, config, undefined, () => 0.5), 50, 'jittered');
  t.equal(retryDelayMs(0, config, 2500, () => 0.5), 2500, 'the upstream Retry-After is honoured');
  t.equal(retryDelayMs(0, config, 31_000), undefined, 'longer than max_retry_after: do not wait');
  t.equal(retryDelayMs(0, routerConfig({ ...config, retryAfterMs: 700 }), undefined, () => 0), 700, 'retry_after is the minimum');
});

t.test('an abortable sleep ends at once when the client goes away', async (t) => {
  const controller = new AbortController();
  const reason = new SwitchyardError('REQUEST_CLIENT_DISCONNECTED');
  const sleeping = abortableSleep(60_000, controller.signal);
  controller.abort(reason);
  await t.rejects(sleeping, reason);
  await t.rejects(abortableSleep(10, controller.signal), reason, 'an aborted signal never waits');
  await abortableSleep(1, new AbortController().signal);
});

t.test('fallback plans follow the error class, then the generic list, then default_fallbacks', async (t) => {
  const config = routerConfig({
    fallbacks: { a: ['b', 'c', 'a', 'b'], '*': ['z'] },
    contextWindowFallbacks: { a: ['big'] },
    contentPolicyFallbacks: {},
    defaultFallbacks: ['d'],
    maxFallbacks: 5,
  });
  t.same(fallbackPlan('a', 'server', {}, config), ['b', 'c'], 'the failed group and repeats are dropped');
  t.same(fallbackPlan('a', 'context_window', {}, config), ['big']);
  t.same(fallbackPlan('a', 'content_policy', {}, config), ['b', 'c'], 'no content-policy list: the generic list');
  t.same(fallbackPlan('x', 'rate_limit', {}, config), ['z'], "'*' matches every group");
  t.same(fallbackPlan('x', 'rate_limit', {}, routerConfig({ defaultFallbacks: ['d'] })), ['d']);
  t.same(fallbackPlan('a', 'server', { fallbacks: ['q'] }, config), ['q'], 'the request body wins');
  t.same(fallbackPlan('a', 'fatal', {}, config), []);
  t.same(fallbackPlan('a', 'server', {}, routerConfig({ ...config, maxFallbacks: 1 })), ['b'], 'max_fallbacks');
});

t.test('prompt size estimate', async (t) => {
  t.equal(estimatePromptTokens([{ role: 'user', content: [{ type: 'text', text: 'x'.repeat(400) }] }]), 104);
  t.equal(estimatePromptTokens([{ role: 'system', content: 'abcd' }, { role: 'user', content: [{ type: 'image', url: 'https://x' }] }]), 4 + 4 + 85 + 1);
});
