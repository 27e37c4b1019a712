import { createHash, randomUUID } from 'node:crypto';

/**
 * Separates a tool call's own id from the Gemini thought signature carried inside it. The same
 * separator LiteLLM uses, so conversations move between the two gateways.
 */
export const THOUGHT_SIGNATURE_SEPARATOR = '__thought__';

/**
 * Gemini 2.5 and 3 sign function calls and reject a follow-up turn whose calls lost their
 * `thoughtSignature`. A plain OpenAI client keeps nothing of an assistant turn but its text and
 * its tool calls' ids, names and arguments, so the signature travels inside the id:
 * `call_<24 hex>__thought__<signature as base64url>`. Ids stay within `[A-Za-z0-9_-]`, which
 * every provider accepts back.
 */
export function encodeToolCallId(baseId: string, signature: string | undefined): string {
  if (signature === undefined || signature === '') return baseId;
  return `${baseId}${THOUGHT_SIGNATURE_SEPARATOR}${toBase64Url(signature)}`;
}

/** Splits an id made by {@link encodeToolCallId}; ids from elsewhere come back whole and unsigned. */
export function decodeToolCallId(id: string): { readonly baseId: string; readonly signature?: string } {
  const at = id.indexOf(THOUGHT_SIGNATURE_SEPARATOR);
  if (at < 0) return { baseId: id };
  const encoded = id.slice(at + THOUGHT_SIGNATURE_SEPARATOR.length);
  return encoded === '' ? { baseId: id.slice(0, at) } : { baseId: id.slice(0, at), signature: toBase64(encoded) };
}

/**
 * Stable ids for the function calls of one response: the same response id, candidate and
 * position always give the same id (Gemini sends none of its own on most models), and different
 * responses give different ids. Without a response id, a random seed stands in for it.
 */
export function createToolCallIds(responseId: string | undefined): (candidate: number, position: number) => string {
  const seed = responseId ?? randomUUID();
  return (candidate, position) => `call_${createHash('sha256').update(`${seed}:${candidate}:${position}`).digest('hex').slice(0, 24)}`;
}

function toBase64Url(signature: string): string {
  return signature.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Standard padded base64, the form Gemini sends; it accepts either form back. */
export function toBase64(signature: string): string {
  const standard = signature.replaceAll('-', '+').replaceAll('_', '/').replace(/=+$/, '');
  return standard + '='.repeat((4 - (standard.length % 4)) % 4);
}
