/**
 * Child process: the reference for what Node can do as a proxy, for `npm run bench`. A bare
 * `node:http` server that reads the `POST /v1/chat/completions` body, forwards it to
 * `BENCH_UPSTREAM_URL` with undici's `request()` on one pooled keep-alive `Agent` and pipes the
 * response back (SSE streams through chunk by chunk). No JSON parsing, routing, logging or auth:
 * the floor any gateway adds to. (Reading the small body first and sending it with a length measured
 * ~35% faster than streaming the request into undici, which then has to use chunked encoding.)
 * Sends `{ port }` to the parent over IPC once listening; exits when the parent goes away.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

const upstream = process.env['BENCH_UPSTREAM_URL'];
if (upstream === undefined) throw new Error('BENCH_UPSTREAM_URL is not set');
const dispatcher = new Agent({ keepAliveTimeout: 60_000 });
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

const server = http.createServer((incoming, outgoing) => {
  if (incoming.method !== 'POST' || incoming.url !== '/v1/chat/completions') {
    outgoing.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
  incoming.on('end', () => forward(incoming, outgoing, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
});

/** Sends one buffered request upstream and pipes the answer back; a client that leaves aborts it. */
function forward(incoming: http.IncomingMessage, outgoing: http.ServerResponse, requestBody: Buffer): void {
  const abort = new AbortController();
  outgoing.on('close', () => {
    if (!outgoing.writableFinished) abort.abort();
  });
  request(`${upstream}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': incoming.headers['content-type'] ?? 'application/json',
      ...(incoming.headers.authorization !== undefined && { authorization: incoming.headers.authorization }),
    },
    body: requestBody,
    dispatcher,
    signal: abort.signal,
  }).then(
    ({ statusCode, headers, body }) => {
      const forwarded: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name)) forwarded[name] = value;
      outgoing.writeHead(statusCode, forwarded);
      body.pipe(outgoing);
      body.on('error', () => outgoing.destroy());
    },
    (error: Error) => {
      if (outgoing.headersSent || outgoing.destroyed) return;
      outgoing.writeHead(502, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ error: { message: `upstream failed: ${error.message}`, type: 'api_error', param: null, code: null } }));
    },
  );
}

server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => process.exit(0));
