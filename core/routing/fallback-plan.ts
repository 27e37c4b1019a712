import type { FallbackTable, RouterConfig } from '../config/router-config.js';
import { ERROR_CLASS_RULES, type ErrorClass } from './error-class.js';

/** Per-request fallback lists (request body); each replaces the configured list of its kind. */
export interface RequestFallbacks {
  readonly fallbacks?: readonly string[];
  readonly contextWindowFallbacks?: readonly string[];
  readonly contentPolicyFallbacks?: readonly string[];
}

const lookup = (table: FallbackTable, group: string): readonly string[] | undefined => table[group] ?? table['*'];

/**
 * The model groups to try, in order, after `group` failed with `errorClass`: the context-window
 * or content-policy list for those classes when one applies to the group, else the generic
 * `fallbacks` list, else `default_fallbacks`. The failed group and repeats are dropped and the
 * list is cut to `max_fallbacks`.
 */
export function fallbackPlan(group: string, errorClass: ErrorClass, request: RequestFallbacks, config: RouterConfig): string[] {
  const kind = ERROR_CLASS_RULES[errorClass].fallback;
  if (kind === 'none') return [];
  let list: readonly string[] | undefined;
  if (kind === 'context_window') list = request.contextWindowFallbacks ?? lookup(config.contextWindowFallbacks, group);
  else if (kind === 'content_policy') list = request.contentPolicyFallbacks ?? lookup(config.contentPolicyFallbacks, group);
  list ??= request.fallbacks ?? lookup(config.fallbacks, group) ?? config.defaultFallbacks;
  const plan: string[] = [];
  for (const name of list) if (name !== group && !plan.includes(name)) plan.push(name);
  return plan.slice(0, config.maxFallbacks);
}
