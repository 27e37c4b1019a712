import t from 'tap';
import { createFastFetch } from '../../core/http/create-fast-fetch.js';
import { readBody, sendJson, startTestServer, type TestServer } from './start-test-server.js';

let server: TestServer;
let other: TestServer;
const fast = createFastFetch();

/** `/to/<status>?location=...` redirects; `/loop/<n>?stop=<m>` redirects to `/loop/<n+1>` until m; anything else echoes. */
async function redirecting(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse): Promise<void> {
  const body = await readBody(request);
  const url = new URL(request.url!, 'http://x');
  const [, kind, arg] = url.pathname.split('/');
  if (kind === 'to') {
    response.writeHead(Number(arg), { location: url.searchParams.get('location')! });
    response.end('moved');
  } else if (kind === 'loop' && Number(arg) < Number(url.searchParams.get('stop'))) {
    response.writeHead(302, { location: `/loop/${Number(arg) + 1}${url.search}` });
    response.end();
  } else {
    sendJson(response, 200, { method: request.method, path: url.pathname, authorization: request.headers.authorization ?? null, contentType: request.headers['content-type'] ?? null, body });
  }
}

t.before(async () => {
  server = await startTestServer(redirecting);
  other = await startTestServer(redirecting);
});
t.teardown(async () => {
  await fast.close();
  await server.close();
  await other.close();
});

const to = (status: number, location: string): string => `${server.origin}/to/${status}?location=${encodeURIComponent(location)}`;

t.test('302 and 303 turn a POST into a GET without body', async (t) => {
  for (const status of [301, 302, 303]) {
    const response = await fast.fetch(to(status, '/echo'), { method: 'POST', body: 'payload', headers: { authorization: 'Bearer k' } });
    t.equal(response.redirected, true);
    t.equal(response.url, `${server.origin}/echo`);
    t.same(await response.json(), { method: 'GET', path: '/echo', authorization: 'Bearer k', contentType: null, body: '' }, `${status}`);
  }
});

t.test('307 and 308 keep the method and a replayable body', async (t) => {
  for (const status of [307, 308]) {
    const response = await fast.fetch(to(status, '/echo'), { method: 'POST', body: 'payload' });
    t.same(await response.json(), { method: 'POST', path: '/echo', authorization: null, contentType: 'text/plain;charset=UTF-8', body: 'payload' }, `${status}`);
  }
  const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('once')), c.close()) });
  await t.rejects(fast.fetch(to(307, '/echo'), { method: 'POST', body: stream, duplex: 'half' } as RequestInit), { name: 'TypeError', message: 'fetch failed' });
});

t.test('a cross-origin redirect drops the Authorization header', async (t) => {
  const response = await fast.fetch(to(302, `${other.origin}/echo`), { headers: { authorization: 'Bearer k' } });
  t.equal(response.url, `${other.origin}/echo`);
  t.same(await response.json(), { method: 'GET', path: '/echo', authorization: null, contentType: null, body: '' });
});

t.test('redirect modes manual and error; more than 20 redirects fail', async (t) => {
  const manual = await fast.fetch(to(302, '/echo'), { redirect: 'manual' });
  t.equal(manual.status, 302);
  t.equal(manual.headers.get('location'), '/echo');
  t.equal(await manual.text(), 'moved');
  await t.rejects(fast.fetch(to(302, '/echo'), { redirect: 'error' }), { name: 'TypeError', message: 'fetch failed' });
  const twenty = await fast.fetch(`${server.origin}/loop/0?stop=20`);
  t.equal(((await twenty.json()) as { path: string }).path, '/loop/20', '20 redirects are followed');
  await t.rejects(fast.fetch(`${server.origin}/loop/0?stop=21`), { name: 'TypeError', message: 'fetch failed' });
});
