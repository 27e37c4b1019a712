import { randomBytes } from 'node:crypto';

const SERVICE_TIERS = new Set(['auto', 'default', 'flex', 'scale', 'priority']);

/** Fields every chat completion object and chunk shares. */
export interface ResponseIdentity {
  id: string;
  created: number;
  model: string;
  systemFingerprint?: string;
  serviceTier?: string;
}

/** A fresh `chatcmpl-…` id for responses whose upstream gave none. */
export function createCompletionId(): string {
  return `chatcmpl-${randomBytes(12).toString('base64url')}`;
}

/**
 * Builds the identity of a response from what the upstream reported, keeping only
 * spec-valid values (Groq's `service_tier: "on_demand"` and null fingerprints are left out).
 */
export function toResponseIdentity(reported: { id?: string; created?: number; model?: string; systemFingerprint?: string | null; serviceTier?: string | null }, requestedModel: string): ResponseIdentity {
  const identity: ResponseIdentity = {
    id: reported.id || createCompletionId(),
    created: reported.created ?? Math.floor(Date.now() / 1000),
    model: reported.model || requestedModel,
  };
  if (typeof reported.systemFingerprint === 'string') identity.systemFingerprint = reported.systemFingerprint;
  if (reported.serviceTier && SERVICE_TIERS.has(reported.serviceTier)) identity.serviceTier = reported.serviceTier;
  return identity;
}
