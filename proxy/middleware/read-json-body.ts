import type { IncomingMessage } from 'node:http';
import { InvalidRequestError, SwitchyardError } from '../../sdk/index.js';

/** Default request body limit: 20 MiB leaves room for images sent as data URLs. */
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

function tooLarge(limit: number): SwitchyardError {
  return new SwitchyardError('REQUEST_TOO_LARGE', { message: `Request body is larger than the limit of ${limit} bytes.`, details: { limit } });
}

/**
 * Reads and parses a JSON request body, refusing more than `limit` bytes (413) before
 * buffering it when Content-Length says so, and naming the position of a syntax error (400).
 */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    throw tooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      request.resume();
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
  if (text.trim() === '') throw new InvalidRequestError({ code: 'REQUEST_BODY_MALFORMED', message: 'The request body is empty; send a JSON object.' });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestError({ code: 'REQUEST_BODY_MALFORMED', message: `The request body is not valid JSON: ${(error as Error).message}.` });
  }
}
