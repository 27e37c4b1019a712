import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../middleware/request-context.js';

/**
 * A model route (chat completions, embeddings), free of any HTTP framework so that the plain
 * handler in front of Koa and the Koa router serve it the same way. It reads the request and
 * either returns the JSON answer for the caller to send (status 200), or writes the response
 * itself (an SSE stream) and returns `undefined`. It sets extra headers on `response` directly;
 * errors are thrown, and the caller turns them into OpenAI error bodies.
 */
export type ModelRoute = (request: IncomingMessage, response: ServerResponse, context: RequestContext) => Promise<string | undefined>;
