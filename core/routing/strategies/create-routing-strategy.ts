import type { RouterConfig } from '../../config/router-config.js';
import { createCostBasedStrategy } from './cost-based-strategy.js';
import { createLatencyBasedStrategy } from './latency-based-strategy.js';
import { createLeastBusyStrategy } from './least-busy-strategy.js';
import type { RoutingStrategy } from './routing-strategy.js';
import { createSimpleShuffleStrategy } from './simple-shuffle-strategy.js';
import { createUsageBasedStrategy } from './usage-based-strategy.js';

/** The strategy `router_settings.routing_strategy` names. */
export function createRoutingStrategy(config: RouterConfig, random: () => number = Math.random): RoutingStrategy {
  switch (config.routingStrategy) {
    case 'simple-shuffle':
      return createSimpleShuffleStrategy(random);
    case 'least-busy':
      return createLeastBusyStrategy(random);
    case 'latency-based-routing':
      return createLatencyBasedStrategy({ buffer: config.latencyBuffer, ttlMs: config.latencyTtlMs, random });
    case 'usage-based-routing':
      return createUsageBasedStrategy(random);
    case 'cost-based-routing':
      return createCostBasedStrategy(random);
  }
}
