import type { ServerResponse } from 'node:http';
import type { RouteTrace } from '../../core/routing/route-types.js';
import type { ServedBy } from '../../core/services/chat-service.js';
import type { RequestContext } from '../middleware/request-context.js';

/** Response headers that say where a request went. */
export const ROUTING_HEADERS = {
  deployment: 'x-switchyard-deployment',
  attempts: 'x-switchyard-attempts',
  modelGroup: 'x-switchyard-model-group',
} as const;

/** Ids and group names come from the config file: anything outside printable ASCII would make the header invalid. */
const UNSAFE_HEADER_CHARACTERS = /[^\x20-\x7e]/;
const headerSafe = (value: string): string => (UNSAFE_HEADER_CHARACTERS.test(value) ? value.replace(/[^\x20-\x7e]/g, '?') : value);

/** The routing headers for a served request (also written into an SSE response's head). */
export function routingHeaders(trace: RouteTrace, served: ServedBy | undefined): Record<string, string> {
  const headers: Record<string, string> = { [ROUTING_HEADERS.attempts]: String(trace.attempts.length) };
  if (served?.deploymentId !== undefined) headers[ROUTING_HEADERS.deployment] = headerSafe(served.deploymentId);
  if (served?.modelGroup !== undefined) headers[ROUTING_HEADERS.modelGroup] = headerSafe(served.modelGroup);
  return headers;
}

/**
 * Copies what the router did into the request-log row and the request's upstream time: every
 * attempt, and who answered (or, for a failed request, where the last attempt went). Called
 * once per request, success or failure.
 */
export function recordRouting(context: RequestContext, trace: RouteTrace, served: ServedBy | undefined): void {
  context.upstreamMs += trace.upstreamMs;
  context.log.attempts = trace.attempts;
  const last = trace.attempts.at(-1);
  if (served) {
    context.log.provider = served.provider;
    context.log.upstreamModel = served.modelId;
    context.log.deployment = served.deploymentId ?? null;
  } else if (last) {
    context.log.provider = last.provider;
    context.log.upstreamModel = last.model;
    context.log.deployment = last.deployment;
  }
}

/** Sets the routing headers on a JSON response (success or error). */
export function setRoutingHeaders(res: ServerResponse, trace: RouteTrace, served: ServedBy | undefined): void {
  if (res.headersSent) return;
  res.setHeader(ROUTING_HEADERS.attempts, String(trace.attempts.length));
  if (served?.deploymentId !== undefined) res.setHeader(ROUTING_HEADERS.deployment, headerSafe(served.deploymentId));
  if (served?.modelGroup !== undefined) res.setHeader(ROUTING_HEADERS.modelGroup, headerSafe(served.modelGroup));
}
