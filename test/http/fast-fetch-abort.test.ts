import t from 'tap';
import { getEventListeners } from 'node:events';
import type { Socket } from 'node:net';
import { createFastFetch } from '../../core/http/create-fast-fetch.js';
import { readBody, sendJson, startTestServer } from './start-test-server.js';

/** A server that answers `/hang` never, `/drip` with one chunk and then nothing, anything else with JSON. */
async function startHangingServer() {
  const requests: Socket[] = [];
  let notify: (() => void) | null = null;
  const server = await startTestServer(async (request, response) => {
    await readBody(request);
    if (request.url === '/drip') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: {"first":true}\n\n');
    } else if (request.url === '/cut') {
      response.writeHead(200, { 'content-length': '100' });
      response.write('partial');
      setImmediate(() => request.socket.destroy());
    } else if (request.url !== '/hang') {
      sendJson(response, 200, { ok: true });
    }
    requests.push(request.socket);
    notify?.();
  });
  const nextRequest = async (): Promise<Socket> => {
    const seen = requests.length;
    while (requests.length === seen) await new Promise<void>((resolve) => (notify = resolve));
    return requests[requests.length - 1]!;
  };
  return { server, nextRequest };
}

t.test('abort before the response rejects with AbortError and closes the socket', async (t) => {
  const { server, nextRequest } = await startHangingServer();
  const fast = createFastFetch();
  t.teardown(async () => {
    await server.close();
    await fast.close();
  });
  const controller = new AbortController();
  const pending = fast.fetch(`${server.origin}/hang`, { method: 'POST', body: '{}', signal: controller.signal });
  const socket = await nextRequest();
  controller.abort();
  const error = await pending.then(() => null, (caught: unknown) => caught);
  t.ok(error instanceof DOMException, 'a DOMException');
  t.equal((error as DOMException).name, 'AbortError');
  await server.socketClosed(socket);
  t.pass('the server saw the socket close');
  t.equal(getEventListeners(controller.signal, 'abort').length, 0, 'no abort listener left behind');
});

t.test('an already aborted signal rejects with its reason without connecting', async (t) => {
  const { server } = await startHangingServer();
  const fast = createFastFetch();
  t.teardown(async () => {
    await server.close();
    await fast.close();
  });
  await t.rejects(fast.fetch(`${server.origin}/json`, { signal: AbortSignal.abort() }), { name: 'AbortError' });
  const reason = new Error('custom reason');
  await t.rejects(fast.fetch(`${server.origin}/json`, { signal: AbortSignal.abort(reason) }), reason);
  t.equal(server.connectionCount(), 0);
});

t.test('abort mid-stream errors the body with AbortError and closes the socket', async (t) => {
  const { server, nextRequest } = await startHangingServer();
  const fast = createFastFetch();
  t.teardown(async () => {
    await server.close();
    await fast.close();
  });
  const controller = new AbortController();
  const responsePromise = fast.fetch(`${server.origin}/drip`, { signal: controller.signal });
  const socket = await nextRequest();
  const response = await responsePromise;
  const reader = response.body!.getReader();
  const first = await reader.read();
  t.equal(new TextDecoder().decode(first.value), 'data: {"first":true}\n\n', 'the first chunk arrived before the end');
  controller.abort();
  await t.rejects(reader.read(), { name: 'AbortError' });
  await server.socketClosed(socket);
  t.pass('the server saw the socket close');
});

t.test('cancelling the body closes the upstream socket', async (t) => {
  const { server, nextRequest } = await startHangingServer();
  const fast = createFastFetch();
  t.teardown(async () => {
    await server.close();
    await fast.close();
  });
  const responsePromise = fast.fetch(`${server.origin}/drip`);
  const socket = await nextRequest();
  const response = await responsePromise;
  await response.body!.cancel();
  await server.socketClosed(socket);
  t.pass('the server saw the socket close');
});

t.test('network failures reject with TypeError("fetch failed") carrying undici’s error', async (t) => {
  const closed = await startTestServer(() => undefined);
  await closed.close();
  const fast = createFastFetch({ headersTimeoutMs: 50 });
  const { server } = await startHangingServer();
  t.teardown(async () => {
    await server.close();
    await fast.close();
  });

  const refused = await fast.fetch(`${closed.origin}/x`).then(() => null, (caught: unknown) => caught);
  t.ok(refused instanceof TypeError);
  t.equal((refused as TypeError).message, 'fetch failed');
  t.equal(((refused as TypeError).cause as { code?: string }).code, 'ECONNREFUSED');

  const timedOut = await fast.fetch(`${server.origin}/hang`).then(() => null, (caught: unknown) => caught);
  t.equal((timedOut as TypeError).message, 'fetch failed');
  t.equal(((timedOut as TypeError).cause as { code?: string }).code, 'UND_ERR_HEADERS_TIMEOUT');
});

t.test('a connection cut mid-body errors the body with TypeError("terminated")', async (t) => {
  const { server } = await startHangingServer();
  const fast = createFastFetch();
  t.teardown(async () => {
    await server.close();
    await fast.close();
  });
  const response = await fast.fetch(`${server.origin}/cut`);
  const error = await response.text().then(() => null, (caught: unknown) => caught);
  t.ok(error instanceof TypeError);
  t.equal((error as TypeError).message, 'terminated');
  t.ok((error as TypeError).cause instanceof Error, 'with the undici error as cause');
});

t.test('concurrent requests reuse pooled keep-alive connections', async (t) => {
  const { server } = await startHangingServer();
  const fast = createFastFetch({ connections: 4 });
  t.teardown(async () => {
    await server.close();
    await fast.close();
  });
  const signal = new AbortController().signal;
  for (let round = 0; round < 3; round++) {
    const responses = await Promise.all(
      Array.from({ length: 40 }, () => fast.fetch(`${server.origin}/json`, { method: 'POST', body: '{}', signal }).then((r) => r.json())),
    );
    t.equal(responses.length, 40);
  }
  t.ok(server.connectionCount() <= 4, `120 requests over ${server.connectionCount()} connections`);
  t.equal(getEventListeners(signal, 'abort').length, 0, 'a shared signal keeps no listeners');

  const unbounded = createFastFetch();
  t.teardown(() => unbounded.close());
  const before = server.connectionCount();
  for (let i = 0; i < 20; i++) await (await unbounded.fetch(`${server.origin}/json`)).json();
  // undici marks a client free a microtask after the response ends, so a request sent straight from
  // the previous one's continuation may open a second connection (undici's request() and fetch too).
  t.ok(server.connectionCount() - before <= 2, `20 sequential requests over ${server.connectionCount() - before} connections`);
});
