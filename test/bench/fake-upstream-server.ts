/**
 * Child process: a fake OpenAI-compatible upstream on 127.0.0.1 for `npm run bench`.
 *
 * `POST /v1/chat/completions` answers a fixed chat completion JSON, or with `"stream": true` an SSE
 * stream of a few chunks `BENCH_SSE_GAP_MS` apart (so time to first byte shows whether a proxy
 * streams or buffers) and `data: [DONE]`. Sends `{ port }` to the parent over IPC once listening;
 * exits when the parent goes away.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const sseGapMs = Number(process.env['BENCH_SSE_GAP_MS'] ?? '2');
const STREAM_WORDS = ['Hello', ' from', ' the', ' bench', ' upstream', '.'];

function completionJson(model: string): string {
  return JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1_770_000_000,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Hello from the bench upstream. This is a short, fixed answer.', refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 12, completion_tokens: 14, total_tokens: 26 },
    system_fingerprint: 'fp_bench',
  });
}

function chunkFrame(model: string, delta: Record<string, unknown>, finishReason: string | null): string {
  const chunk = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 1_770_000_000,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

async function streamCompletion(response: http.ServerResponse, model: string): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.write(chunkFrame(model, { role: 'assistant', content: '' }, null));
  for (const word of STREAM_WORDS) {
    if (sseGapMs > 0) await sleep(sseGapMs);
    if (response.destroyed) return;
    response.write(chunkFrame(model, { content: word }, null));
  }
  response.write(chunkFrame(model, {}, 'stop'));
  response.end('data: [DONE]\n\n');
}

const cachedJson = new Map<string, Buffer>();

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: `no route ${request.method} ${request.url}`, type: 'invalid_request_error', param: null, code: null } }));
      return;
    }
    let parsed: { model?: unknown; stream?: unknown };
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof parsed;
    } catch {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: 'body is not JSON', type: 'invalid_request_error', param: null, code: null } }));
      return;
    }
    const model = typeof parsed.model === 'string' ? parsed.model : 'bench-model';
    if (parsed.stream === true) {
      void streamCompletion(response, model);
      return;
    }
    let body = cachedJson.get(model);
    if (body === undefined) cachedJson.set(model, (body = Buffer.from(completionJson(model))));
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    response.end(body);
  });
});
// Longer than any client's idle keep-alive, so clients never race a server-side close.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => process.exit(0));
