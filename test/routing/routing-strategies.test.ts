import t from 'tap';
import { RouteScope } from '../../core/routing/route-scope.js';
import { createCostBasedStrategy } from '../../core/routing/strategies/cost-based-strategy.js';
import { createLatencyBasedStrategy } from '../../core/routing/strategies/latency-based-strategy.js';
import { createLeastBusyStrategy } from '../../core/routing/strategies/least-busy-strategy.js';
import { createSimpleShuffleStrategy } from '../../core/routing/strategies/simple-shuffle-strategy.js';
import { createUsageBasedStrategy } from '../../core/routing/strategies/usage-based-strategy.js';
import { deployment, group, routerConfig, sequence, tally } from './routing-fixtures.js';

const NOW = 1_800_000_000_000;
const pickWith = (strategy: Parameters<RouteScope['pick']>[1], target: ReturnType<typeof group>, scope = new RouteScope(undefined)) => () => scope.pick(target, strategy, NOW);

t.test('simple-shuffle weighs by weight, else rpm, else tpm', async (t) => {
  const draws = Array.from({ length: 100 }, (_, i) => (i + 0.5) / 100);
  const byWeight = group(deployment('a', { weight: 3 }), deployment('b', { weight: 1, rpm: 1000 }));
  t.same(tally(100, pickWith(createSimpleShuffleStrategy(sequence(...draws)), byWeight)), { a: 75, b: 25 });
  const byRpm = group(deployment('a', { rpm: 100 }), deployment('b', { rpm: 300 }));
  t.same(tally(100, pickWith(createSimpleShuffleStrategy(sequence(...draws)), byRpm)), { a: 25, b: 75 });
  const byTpm = group(deployment('a', { tpm: 1000 }), deployment('b', { tpm: 1000 }), deployment('c'));
  t.same(tally(99, pickWith(createSimpleShuffleStrategy(sequence(...Array.from({ length: 99 }, (_, i) => (i + 0.5) / 99))), byTpm)), { a: 33, b: 33, c: 33 }, 'a deployment without the field gets the group average');
  const even = group(deployment('a'), deployment('b'));
  t.same(tally(100, pickWith(createSimpleShuffleStrategy(sequence(...draws)), even)), { a: 50, b: 50 }, 'no weights: even');
});

t.test('cooled-down and busy deployments are skipped; an empty pick is explained', async (t) => {
  const a = deployment('a');
  const b = deployment('b', { maxParallelRequests: 1 });
  const c = deployment('c');
  const target = group(a, b, c);
  a.state.coolDown(NOW, 5000, 'PROVIDER_RATE_LIMITED');
  b.state.inFlight = 1;
  t.same(tally(20, pickWith(createSimpleShuffleStrategy(), target)), { c: 20 });
  c.state.coolDown(NOW, 2000, 'PROVIDER_AUTHENTICATION');
  const scope = new RouteScope(undefined);
  t.equal(scope.pick(target, createSimpleShuffleStrategy(), NOW), undefined);
  t.same(scope.explain(target, NOW), { total: 3, coolingDown: 2, busy: 1, tooSmall: 0, excluded: 0, retryAfterMs: 2000 });
  t.equal(scope.pick(target, createSimpleShuffleStrategy(), NOW + 2001)?.id, 'c', 'cooldowns end by themselves');
});

t.test('order tiers: a lower tier is used only when the whole tier above is unavailable', async (t) => {
  const a = deployment('a', { order: 1 });
  const b = deployment('b', { order: 1 });
  const c = deployment('c', { order: 2 });
  const d = deployment('d');
  const target = group(d, c, b, a);
  t.same(target.tiers.map((tier) => tier.map((x) => x.id)), [['b', 'a'], ['c'], ['d']], 'deployments without order come last');
  const shuffle = createSimpleShuffleStrategy();
  t.same(Object.keys(tally(50, pickWith(shuffle, target))).sort(), ['a', 'b']);
  a.state.coolDown(NOW, 1000, 'x');
  t.same(tally(10, pickWith(shuffle, target)), { b: 10 });
  b.state.coolDown(NOW, 1000, 'x');
  t.same(tally(10, pickWith(shuffle, target)), { c: 10 });
  c.state.inFlight = 1;
  t.same(tally(10, pickWith(shuffle, target)), { c: 10 }, 'no max_parallel_requests: a busy deployment still takes requests');
});

t.test('a retry prefers a deployment that has not failed in this request, even in a lower tier', async (t) => {
  const a = deployment('a', { order: 1 });
  const b = deployment('b', { order: 2 });
  const scope = new RouteScope(undefined);
  const target = group(a, b);
  const shuffle = createSimpleShuffleStrategy();
  t.equal(scope.pick(target, shuffle, NOW)?.id, 'a');
  scope.markTried(a);
  t.equal(scope.pick(target, shuffle, NOW)?.id, 'b');
  scope.markTried(b);
  t.equal(scope.pick(target, shuffle, NOW)?.id, 'a', 'when every one failed, the highest tier is retried');
  scope.exclude(a);
  t.equal(scope.pick(target, shuffle, NOW)?.id, 'b', 'an excluded deployment (bad key) is never retried');
});

t.test('least-busy picks the fewest requests in flight, ties at random', async (t) => {
  const [a, b, c] = [deployment('a'), deployment('b'), deployment('c')];
  a.state.inFlight = 3;
  b.state.inFlight = 1;
  c.state.inFlight = 2;
  t.same(tally(10, pickWith(createLeastBusyStrategy(), group(a, b, c))), { b: 10 });
  c.state.inFlight = 1;
  t.same(Object.keys(tally(100, pickWith(createLeastBusyStrategy(), group(a, b, c)))).sort(), ['b', 'c']);
});

t.test('latency-based routing prefers the fastest, shares among near-equals, explores untried ones', async (t) => {
  const strategy = createLatencyBasedStrategy({ buffer: 0.1, ttlMs: 60_000 });
  const [fast, near, slow] = [deployment('fast'), deployment('near'), deployment('slow')];
  fast.state.observeLatency(NOW, 100, 60_000);
  near.state.observeLatency(NOW, 105, 60_000);
  slow.state.observeLatency(NOW, 400, 60_000);
  t.same(Object.keys(tally(200, pickWith(strategy, group(fast, near, slow)))).sort(), ['fast', 'near'], 'within 10% of the fastest');
  const fresh = deployment('fresh');
  t.same(tally(10, pickWith(strategy, group(fast, slow, fresh))), { fresh: 10 }, 'no sample yet: measured first');
  const stale = createLatencyBasedStrategy({ buffer: 0, ttlMs: 60_000 });
  slow.state.observeLatency(NOW - 120_000, 400, 60_000);
  fast.state.observeLatency(NOW, 100, 60_000);
  t.same(tally(10, () => new RouteScope(undefined).pick(group(fast, slow), stale, NOW)), { slow: 10 }, 'a sample older than ttl is forgotten');
  slow.state.observeLatency(NOW, 300, 60_000);
  slow.state.observeLatency(NOW, 100, 60_000);
  t.ok(slow.state.latencyMs > 100 && slow.state.latencyMs < 300, 'a moving average, not the last sample');
});

t.test('usage-based routing balances the minute against rpm/tpm and skips full deployments', async (t) => {
  const a = deployment('a', { rpm: 10 });
  const b = deployment('b', { rpm: 100 });
  const strategy = createUsageBasedStrategy();
  for (let i = 0; i < 5; i++) a.state.countRequest(NOW);
  for (let i = 0; i < 20; i++) b.state.countRequest(NOW);
  t.equal(new RouteScope(undefined).pick(group(a, b), strategy, NOW)?.id, 'b', '20% of b is less than 50% of a');
  for (let i = 0; i < 5; i++) a.state.countRequest(NOW);
  b.state.countTokens(NOW, 0);
  const c = deployment('c', { tpm: 1000 });
  c.state.countTokens(NOW, 1000);
  t.equal(new RouteScope(undefined).pick(group(a, c), strategy, NOW), undefined, 'a at its rpm and c at its tpm');
  t.equal(new RouteScope(undefined).pick(group(a, c), strategy, NOW + 60_000)?.id !== undefined, true, 'a new minute starts afresh');
});

t.test('cost-based routing picks the cheapest; unpriced deployments count as $1 a token', async (t) => {
  const cheap = deployment('cheap', { inputCostPerToken: 0.000001, outputCostPerToken: 0.000002 });
  const info = deployment('info', {}, { input_cost_per_token: 0.00001, output_cost_per_token: 0.00003 });
  const unpriced = deployment('unpriced');
  const strategy = createCostBasedStrategy();
  t.same(tally(10, pickWith(strategy, group(unpriced, info, cheap))), { cheap: 10 });
  cheap.state.coolDown(NOW, 1000, 'x');
  t.same(tally(10, pickWith(strategy, group(unpriced, info, cheap))), { info: 10 }, 'prices from model_info count too');
});

t.test('pre-call checks skip deployments whose context window cannot hold the prompt', async (t) => {
  const small = deployment('small', {}, { max_input_tokens: 1000 });
  const large = deployment('large', {}, { max_input_tokens: 100_000 });
  const unknown = deployment('unknown', {}, { max_tokens: 500 });
  const scope = new RouteScope(5000);
  t.same(tally(20, () => scope.pick(group(small, large), createSimpleShuffleStrategy(), NOW)), { large: 20 });
  t.equal(scope.pick(group(small, unknown), createSimpleShuffleStrategy(), NOW), undefined, 'model_info.max_tokens is used when nothing better is known');
  t.match(scope.explain(group(small), NOW), { tooSmall: 1, coolingDown: 0 });
  t.equal(routerConfig().enablePreCallChecks, false, 'off by default');
});
