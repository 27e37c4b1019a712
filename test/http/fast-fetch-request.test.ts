import t from 'tap';
import zlib from 'node:zlib';
import { createFastFetch } from '../../core/http/create-fast-fetch.js';
import { readBody, sendJson, startTestServer, type TestServer } from './start-test-server.js';

type BodyInit = NonNullable<RequestInit['body']>;

interface Echo {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let server: TestServer;
const fast = createFastFetch();

t.before(async () => {
  server = await startTestServer(async (request, response) => {
    const body = await readBody(request);
    const url = new URL(request.url!, 'http://x');
    if (url.pathname === '/status') {
      response.writeHead(201, 'Made It', [
        ['content-type', 'text/plain'],
        ['x-multi', 'a'],
        ['x-multi', 'b'],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ]);
      response.end('created');
    } else if (url.pathname === '/error') {
      sendJson(response, 422, { error: { message: 'bad field', type: 'invalid_request_error', param: 'messages', code: null } });
    } else if (url.pathname === '/empty') {
      response.writeHead(204);
      response.end();
    } else if (url.pathname === '/gzip') {
      const packed = zlib.gzipSync('squeezed text');
      response.writeHead(200, { 'content-encoding': 'gzip', 'content-length': packed.length });
      response.end(packed);
    } else {
      sendJson(response, 200, { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body } satisfies Echo);
    }
  });
});
t.teardown(async () => {
  await fast.close();
  await server.close();
});

async function echo(input: string | URL | Request, init?: RequestInit): Promise<Echo> {
  const response = await fast.fetch(input, init);
  return (await response.json()) as Echo;
}

t.test('status, status text, headers and url of a real Response', async (t) => {
  const response = await fast.fetch(`${server.origin}/status?x=1#frag`);
  t.ok(response instanceof Response);
  t.equal(response.status, 201);
  t.equal(response.statusText, 'Made It');
  t.equal(response.ok, true);
  t.equal(response.url, `${server.origin}/status?x=1#frag`);
  t.equal(response.redirected, false);
  t.equal(response.headers.get('content-type'), 'text/plain');
  t.equal(response.headers.get('x-multi'), 'a, b');
  t.same(response.headers.getSetCookie(), ['a=1', 'b=2']);
  t.equal(await response.text(), 'created');
});

t.test('a 4xx with a JSON error body is readable with json()', async (t) => {
  const response = await fast.fetch(`${server.origin}/error`, { method: 'POST', body: '{}' });
  t.equal(response.status, 422);
  t.equal(response.ok, false);
  t.same(await response.json(), { error: { message: 'bad field', type: 'invalid_request_error', param: 'messages', code: null } });
});

t.test('null-body responses: 204 and HEAD', async (t) => {
  const empty = await fast.fetch(`${server.origin}/empty`, { method: 'DELETE' });
  t.equal(empty.status, 204);
  t.equal(empty.body, null);
  t.equal(await empty.text(), '');
  const head = await fast.fetch(`${server.origin}/status`, { method: 'HEAD' });
  t.equal(head.status, 201);
  t.equal(head.body, null);
});

t.test('request headers as Headers, pairs and record; defaults like fetch', async (t) => {
  const url = `${server.origin}/echo`;
  const fromHeaders = await echo(url, { headers: new Headers({ 'X-One': '1', Authorization: 'Bearer k' }) });
  t.equal(fromHeaders.headers['x-one'], '1');
  t.equal(fromHeaders.headers.authorization, 'Bearer k');
  t.equal(fromHeaders.headers.accept, '*/*');
  t.equal(fromHeaders.headers['user-agent'], 'node');
  const fromPairs = await echo(url, { headers: [['X-Two', '2'], ['Accept', 'application/json']] });
  t.equal(fromPairs.headers['x-two'], '2');
  t.equal(fromPairs.headers.accept, 'application/json');
  const fromRecord = await echo(url, { headers: { 'X-Three': ' 3 ', 'User-Agent': 'sdk/1' } });
  t.equal(fromRecord.headers['x-three'], '3');
  t.equal(fromRecord.headers['user-agent'], 'sdk/1');
  t.equal(fromRecord.method, 'GET');
});

t.test('request body types', async (t) => {
  const url = `${server.origin}/echo`;
  const cases: { name: string; body: () => BodyInit; text: string; contentType: string | RegExp | undefined }[] = [
    { name: 'string', body: () => 'plain', text: 'plain', contentType: 'text/plain;charset=UTF-8' },
    { name: 'Uint8Array', body: () => new TextEncoder().encode('bytes'), text: 'bytes', contentType: undefined },
    { name: 'Buffer', body: () => Buffer.from('buffer'), text: 'buffer', contentType: undefined },
    { name: 'ArrayBuffer', body: () => new TextEncoder().encode('ab').buffer as ArrayBuffer, text: 'ab', contentType: undefined },
    { name: 'DataView', body: () => new DataView(Buffer.from('xxview').buffer, Buffer.from('xxview').byteOffset + 2, 4), text: 'view', contentType: undefined },
    { name: 'URLSearchParams', body: () => new URLSearchParams({ a: '1', b: 'two words' }), text: 'a=1&b=two+words', contentType: 'application/x-www-form-urlencoded;charset=UTF-8' },
    { name: 'Blob', body: () => new Blob(['blob'], { type: 'application/x-blob' }), text: 'blob', contentType: 'application/x-blob' },
    {
      name: 'ReadableStream',
      body: () => new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('str')), c.enqueue(new TextEncoder().encode('eam')), c.close()) }),
      text: 'stream',
      contentType: undefined,
    },
  ];
  for (const { name, body, text, contentType } of cases) {
    const echoed = await echo(url, { method: 'POST', body: body(), duplex: 'half' } as RequestInit);
    t.equal(echoed.body, text, `${name} body`);
    if (contentType instanceof RegExp) t.match(echoed.headers['content-type'], contentType, `${name} content-type`);
    else t.equal(echoed.headers['content-type'], contentType, `${name} content-type`);
  }

  const form = new FormData();
  form.append('field', 'value');
  form.append('file', new Blob(['file text'], { type: 'text/plain' }), 'a.txt');
  const multipart = await echo(url, { method: 'POST', body: form });
  t.match(multipart.headers['content-type'], /^multipart\/form-data; boundary=/);
  t.match(multipart.body, /name="field"\r\n\r\nvalue\r\n/);
  t.match(multipart.body, /filename="a.txt"\r\nContent-Type: text\/plain\r\n\r\nfile text\r\n/);

  async function* generate(): AsyncGenerator<Uint8Array> {
    yield new TextEncoder().encode('async ');
    yield new TextEncoder().encode('iterable');
  }
  const iterated = await echo(url, { method: 'PUT', body: generate() as unknown as BodyInit, duplex: 'half' } as RequestInit);
  t.equal(iterated.body, 'async iterable');
  t.equal(iterated.method, 'PUT');

  const typed = await echo(url, { method: 'post', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
  t.equal(typed.method, 'POST', 'standard methods are upper-cased');
  t.equal(typed.headers['content-type'], 'application/json', 'an explicit content-type wins');
});

t.test('Request and URL inputs; init overrides the Request', async (t) => {
  const request = new Request(`${server.origin}/echo?q=1`, { method: 'POST', body: 'from request', headers: { 'x-from': 'request' } });
  const fromRequest = await echo(request);
  t.same([fromRequest.method, fromRequest.url, fromRequest.body, fromRequest.headers['x-from']], ['POST', '/echo?q=1', 'from request', 'request']);
  const overridden = await echo(new Request(`${server.origin}/echo`, { method: 'POST', body: 'x' }), { method: 'PUT', body: 'init', headers: { 'x-from': 'init' } });
  t.same([overridden.method, overridden.body, overridden.headers['x-from']], ['PUT', 'init', 'init']);
  const fromUrl = await echo(new URL('/echo?u=1', server.origin));
  t.equal(fromUrl.url, '/echo?u=1');
});

t.test('rejects like fetch on bad input', async (t) => {
  await t.rejects(fast.fetch(`${server.origin}/echo`, { method: 'GET', body: 'x' }), TypeError);
  await t.rejects(fast.fetch('not a url'), TypeError);
  await t.rejects(fast.fetch(`http://user:pw@127.0.0.1:${server.port}/echo`), TypeError);
  await t.rejects(fast.fetch(`${server.origin}/echo`, { headers: { 'x-bad': 'a\r\nb' } }), { name: 'TypeError', message: 'fetch failed' });
});

t.test('gzip bodies are decoded like fetch does', async (t) => {
  const response = await fast.fetch(`${server.origin}/gzip`, { headers: { 'accept-encoding': 'gzip' } });
  t.equal(response.headers.get('content-encoding'), 'gzip');
  t.equal(await response.text(), 'squeezed text');
});
