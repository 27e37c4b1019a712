/**
 * A scriptable fake OpenAI-compatible upstream for fault injection: a real HTTP server on
 * 127.0.0.1 whose answer to each request is chosen by a script (status, headers, delays,
 * stalls, connection resets, partial or malformed bodies, SSE frames split anywhere).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One scripted answer. */
export type Behaviour =
  /** A normal answer: a chat completion, a stream of `pieces` (when the request asked to stream), or embeddings. */
  | { readonly kind: 'ok'; readonly text?: string; readonly delayMs?: number }
  /** A JSON (or raw text) body with any status and headers. */
  | { readonly kind: 'json'; readonly status?: number; readonly headers?: Record<string, string>; readonly body: unknown; readonly delayMs?: number }
  /**
   * A stream written frame by frame: `headDelayMs` before the headers, `frameDelayMs` between
   * frames, then `end` (close normally), `stall` (keep the connection open, send nothing) or
   * `reset` (destroy the socket).
   */
  | {
      readonly kind: 'sse';
      readonly frames: readonly (string | Buffer)[];
      readonly status?: number;
      readonly headDelayMs?: number;
      readonly frameDelayMs?: number;
      readonly then?: 'end' | 'stall' | 'reset';
    }
  /** Accept the request and never answer. */
  | { readonly kind: 'stall' }
  /** Destroy the connection before sending anything. */
  | { readonly kind: 'reset' };

/** A request the upstream received. */
export interface ScriptedRequest {
  readonly url: string;
  readonly body: Record<string, unknown>;
}

/** Chooses the behaviour of the `index`-th request (0-based). */
export type Script = readonly Behaviour[] | ((index: number, request: ScriptedRequest) => Behaviour);

/** A running scripted upstream. */
export interface ScriptedUpstream {
  /** `http://127.0.0.1:<port>/v1`, for `api_base`. */
  readonly apiBase: string;
  readonly requests: ScriptedRequest[];
  /** Replaces the script; request numbering starts again at 0. */
  setScript(script: Script): void;
  /** Resolves when the `count`-th request (1-based) has arrived. */
  waitForRequests(count: number): Promise<void>;
  /** Closes the server, destroys open connections and clears pending timers. */
  close(): Promise<void>;
}

/** An OpenAI chat.completion.chunk SSE frame. */
export function chunkFrame(delta: Record<string, unknown>, finishReason: string | null = null, extra: Record<string, unknown> = {}): string {
  const chunk = { id: 'chatcmpl-fault', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'fake-model', choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** The frames of a complete streamed answer: role, one frame per piece, finish, usage, [DONE]. */
export function streamFrames(pieces: readonly string[]): string[] {
  return [
    chunkFrame({ role: 'assistant', content: '' }),
    ...pieces.map((piece) => chunkFrame({ content: piece })),
    chunkFrame({}, 'stop'),
    `data: ${JSON.stringify({ id: 'chatcmpl-fault', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'fake-model', choices: [], usage: { prompt_tokens: 3, completion_tokens: pieces.length, total_tokens: 3 + pieces.length } })}\n\n`,
    'data: [DONE]\n\n',
  ];
}

/** A chat.completion body. */
export function chatCompletion(text: string): Record<string, unknown> {
  return {
    id: 'chatcmpl-fault', object: 'chat.completion', created: 1_700_000_000, model: 'fake-model',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
  };
}

/** An OpenAI error answer. */
export function errorReply(status: number, message: string, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}): Behaviour {
  return { kind: 'json', status, headers, body: { error: { message, type: 'error', ...extra } } };
}

/** Embeddings for each input: `[position in this call, input length]`. */
function embeddings(body: Record<string, unknown>): Record<string, unknown> {
  const input = Array.isArray(body['input']) ? body['input'] : [body['input']];
  return {
    object: 'list', model: 'fake-embedding',
    data: input.map((item, index) => ({ object: 'embedding', index, embedding: [index, String(item).length] })),
    usage: { prompt_tokens: input.length, total_tokens: input.length },
  };
}

/** Starts a scripted upstream; requests past the end of an array script get `{ kind: 'ok' }`. */
export async function scriptedUpstream(initial: Script = []): Promise<ScriptedUpstream> {
  let script = initial;
  let served = 0;
  const requests: ScriptedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const behave = (behaviour: Behaviour, request: ScriptedRequest, response: http.ServerResponse): void => {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      if (response.destroyed) return;
      response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    switch (behaviour.kind) {
      case 'stall':
        return;
      case 'reset':
        return void response.socket?.destroy();
      case 'json':
        return later(behaviour.delayMs ?? 0, () => json(behaviour.status ?? 200, behaviour.body, behaviour.headers));
      case 'ok': {
        const text = behaviour.text ?? 'Hello there';
        if (request.url.endsWith('/embeddings')) return later(behaviour.delayMs ?? 0, () => json(200, embeddings(request.body)));
        if (request.body['stream'] !== true) return later(behaviour.delayMs ?? 0, () => json(200, chatCompletion(text)));
        return behave({ kind: 'sse', frames: streamFrames(text.split(/(?<= )/)), headDelayMs: behaviour.delayMs ?? 0 }, request, response);
      }
      case 'sse': {
        const frames = [...behaviour.frames];
        const next = (): void => {
          if (response.destroyed) return;
          const frame = frames.shift();
          if (frame !== undefined) {
            response.write(frame);
            return later(behaviour.frameDelayMs ?? 0, next);
          }
          if (behaviour.then === 'reset') response.socket?.destroy();
          else if (behaviour.then !== 'stall') response.end();
        };
        return later(behaviour.headDelayMs ?? 0, () => {
          if (response.destroyed) return;
          response.writeHead(behaviour.status ?? 200, { 'content-type': 'text/event-stream' });
          response.flushHeaders();
          next();
        });
      }
    }
  };

  const server = http.createServer((req, response) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        // Not JSON: the script sees an empty body.
      }
      const request: ScriptedRequest = { url: req.url ?? '/', body };
      requests.push(request);
      const index = served++;
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const behaviour = typeof script === 'function' ? script(index, request) : (script[index] ?? { kind: 'ok' });
      behave(behaviour, request, response);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBase: `http://127.0.0.1:${port}/v1`,
    requests,
    setScript(next) {
      script = next;
      served = 0;
    },
    waitForRequests(count) {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
