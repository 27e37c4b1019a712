import t from 'tap';
import { getEventListeners } from 'node:events';
import type { Socket } from 'node:net';
import zlib from 'node:zlib';
import { createFastFetch } from '../../core/http/create-fast-fetch.js';
import { httpRequestFromFetch, type HttpRequestFunction } from '../../sdk/index.js';
import { readBody, sendJson, startTestServer, type TestServer } from './start-test-server.js';

const BIG = 'x'.repeat(300_000);
let server: TestServer;
const sockets: Socket[] = [];
let onRequest: (() => void) | null = null;
const pool = createFastFetch();

t.before(async () => {
  server = await startTestServer(async (request, response) => {
    const body = await readBody(request);
    const url = new URL(request.url!, 'http://x');
    sockets.push(request.socket);
    onRequest?.();
    switch (url.pathname) {
      case '/echo':
        sendJson(response, 200, { method: request.method, body, authorization: request.headers.authorization ?? null, custom: request.headers['x-custom'] ?? null });
        return;
      case '/multi':
        response.writeHead(429, [['retry-after', '3'], ['x-multi', 'a'], ['x-multi', 'b'], ['content-type', 'application/json']]);
        response.end('{"error":{"message":"slow down"}}');
        return;
      case '/gzip': {
        const packed = zlib.gzipSync('squeezed text');
        response.writeHead(200, { 'content-encoding': 'gzip', 'content-length': packed.length });
        response.end(packed);
        return;
      }
      case '/br': {
        const packed = zlib.brotliCompressSync('brotli text');
        response.writeHead(200, { 'content-encoding': 'br' });
        response.end(packed);
        return;
      }
      case '/big':
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(BIG);
        return;
      case '/sse':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: 1\n\n');
        setTimeout(() => response.end('data: 2\n\n'), 20);
        return;
      case '/drip':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: first\n\n');
        return;
      case '/cut':
        response.writeHead(200, { 'content-length': '100' });
        response.write('partial');
        setImmediate(() => request.socket.destroy());
        return;
      case '/hang':
        return;
      case '/redirect-307':
        response.writeHead(307, { location: '/echo' }).end();
        return;
      case '/redirect-303':
        response.writeHead(303, { location: '/echo' }).end();
        return;
      case '/loop':
        response.writeHead(302, { location: '/loop' }).end();
        return;
      case '/no-content':
        response.writeHead(204).end();
        return;
      default:
        sendJson(response, 404, { error: 'not found' });
    }
  });
});
t.teardown(async () => {
  await server.close();
  await pool.close();
});

const nextSocket = (): Promise<Socket> => new Promise((resolve) => (onRequest = () => resolve(sockets[sockets.length - 1]!)));
const decode = (chunks: Uint8Array[]): string => Buffer.concat(chunks).toString('utf8');

/** Both implementations of the contract: the gateway's lean call, and the fetch adapter. */
const implementations: [string, HttpRequestFunction][] = [
  ['lean dispatch', pool.httpRequest],
  ['fetch adapter', httpRequestFromFetch(pool.fetch)],
];

for (const [name, httpRequest] of implementations) {
  t.test(`${name}: sends method, headers and body; reads status, headers and text`, async (t) => {
    const response = await httpRequest(`${server.origin}/echo`, { method: 'POST', headers: { authorization: 'Bearer k', 'X-Custom': 'v', 'content-type': 'application/json' }, body: '{"a":1}' });
    t.equal(response.status, 200);
    t.equal(response.headers.get('Content-Type'), 'application/json');
    t.same(JSON.parse(await response.body.text()), { method: 'POST', body: '{"a":1}', authorization: 'Bearer k', custom: 'v' });
    await t.rejects(response.body.text(), TypeError, 'a body reads once');
  });

  t.test(`${name}: error statuses resolve; repeated headers are joined`, async (t) => {
    const response = await httpRequest(`${server.origin}/multi`, { method: 'GET', headers: {} });
    t.equal(response.status, 429);
    t.equal(response.headers.get('retry-after'), '3');
    t.equal(response.headers.get('x-multi'), 'a, b');
    t.equal(response.headers.get('x-absent'), null);
    t.equal(await response.body.text(), '{"error":{"message":"slow down"}}');
  });

  t.test(`${name}: gzip and br bodies are decoded`, async (t) => {
    t.equal(await (await httpRequest(`${server.origin}/gzip`, { method: 'GET', headers: {} })).body.text(), 'squeezed text');
    const br = await httpRequest(`${server.origin}/br`, { method: 'GET', headers: {} });
    const chunks: Uint8Array[] = [];
    for await (const chunk of br.body) chunks.push(chunk);
    t.equal(decode(chunks), 'brotli text');
  });

  t.test(`${name}: a large body arrives whole, read whole or chunk by chunk`, async (t) => {
    t.equal((await (await httpRequest(`${server.origin}/big`, { method: 'GET', headers: {} })).body.text()).length, BIG.length);
    const streamed = await httpRequest(`${server.origin}/big`, { method: 'GET', headers: {} });
    const chunks: Uint8Array[] = [];
    for await (const chunk of streamed.body) {
      chunks.push(chunk);
      // A slow reader: the body must pause and resume without losing bytes.
      await new Promise((resolve) => setImmediate(resolve));
    }
    t.equal(decode(chunks), BIG);
  });

  t.test(`${name}: a streamed body yields chunks as they arrive`, async (t) => {
    const response = await httpRequest(`${server.origin}/sse`, { method: 'GET', headers: {} });
    const chunks: string[] = [];
    for await (const chunk of response.body) chunks.push(Buffer.from(chunk).toString('utf8'));
    t.equal(chunks.join(''), 'data: 1\n\ndata: 2\n\n');
    t.ok(chunks.length >= 2, 'the two writes arrive separately');
  });

  t.test(`${name}: redirects are followed like fetch (307 keeps the body, 303 turns into GET)`, async (t) => {
    const kept = await httpRequest(`${server.origin}/redirect-307`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'again' });
    t.same(JSON.parse(await kept.body.text()), { method: 'POST', body: 'again', authorization: null, custom: null });
    const changed = await httpRequest(`${server.origin}/redirect-303`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'gone' });
    t.same(JSON.parse(await changed.body.text()), { method: 'GET', body: '', authorization: null, custom: null });
    await t.rejects(httpRequest(`${server.origin}/loop`, { method: 'GET', headers: {} }), { name: 'TypeError', message: 'fetch failed' }, 'a redirect loop fails');
  });

  t.test(`${name}: a 204 has an empty body`, async (t) => {
    const response = await httpRequest(`${server.origin}/no-content`, { method: 'GET', headers: {} });
    t.equal(response.status, 204);
    t.equal(await response.body.text(), '');
  });

  t.test(`${name}: a refused connection rejects with TypeError('fetch failed') carrying the cause`, async (t) => {
    const closed = await startTestServer(() => undefined);
    await closed.close();
    const error = (await httpRequest(`${closed.origin}/x`, { method: 'GET', headers: {} }).catch((caught: unknown) => caught)) as TypeError & { cause?: { code?: string } };
    t.ok(error instanceof TypeError);
    t.equal(error.message, 'fetch failed');
    t.equal(error.cause?.code, 'ECONNREFUSED');
  });

  t.test(`${name}: a body cut off mid-way fails reading with TypeError('terminated')`, async (t) => {
    const response = await httpRequest(`${server.origin}/cut`, { method: 'GET', headers: {} });
    await t.rejects(response.body.text(), { name: 'TypeError', message: 'terminated' });
  });

  t.test(`${name}: abort before the response rejects with the signal's reason and closes the socket`, async (t) => {
    const controller = new AbortController();
    const socket = nextSocket();
    const pending = httpRequest(`${server.origin}/hang`, { method: 'POST', headers: {}, body: '{}', signal: controller.signal });
    const reason = new Error('client went away');
    const hung = await socket;
    controller.abort(reason);
    t.equal(await pending.then(() => null, (caught: unknown) => caught), reason);
    await server.socketClosed(hung);
    t.equal(getEventListeners(controller.signal, 'abort').length, 0, 'no abort listener left behind');
    await t.rejects(httpRequest(`${server.origin}/echo`, { method: 'GET', headers: {}, signal: AbortSignal.abort() }), { name: 'AbortError' }, 'an aborted signal never connects');
  });

  t.test(`${name}: abort while reading the body fails the read; cancel ends it quietly`, async (t) => {
    const controller = new AbortController();
    const response = await httpRequest(`${server.origin}/drip`, { method: 'GET', headers: {}, signal: controller.signal });
    const chunks = response.body[Symbol.asyncIterator]();
    t.equal(Buffer.from((await chunks.next()).value as Uint8Array).toString(), 'data: first\n\n');
    const waiting = chunks.next();
    controller.abort(new Error('stop'));
    await t.rejects(waiting, { message: 'stop' });
    t.equal(getEventListeners(controller.signal, 'abort').length, 0);

    const socket = nextSocket();
    const second = await httpRequest(`${server.origin}/drip`, { method: 'GET', headers: {} });
    const opened = await socket;
    second.body.cancel();
    second.body.cancel();
    await server.socketClosed(opened);
    t.pass('cancelling drops the connection');
  });
}

t.test('lean dispatch: an unsupported URL scheme fails like fetch', async (t) => {
  await t.rejects(pool.httpRequest('ftp://127.0.0.1/file', { method: 'GET', headers: {} }), { name: 'TypeError', message: 'fetch failed' });
});
