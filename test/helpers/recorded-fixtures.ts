/**
 * Replays recorded provider traffic from `../shared/fixtures` (see its README) through a real
 * local HTTP server, so provider plugins and the proxy are tested against real wire bytes.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared fixtures folder: `$SWITCHYARD_FIXTURES_DIR`, else `<repo>/../shared/fixtures`. */
export function fixturesDir(): string {
  return process.env['SWITCHYARD_FIXTURES_DIR'] ?? path.resolve(repoRoot, '..', 'shared', 'fixtures');
}

/** Absolute path of a fixture; relative names are read under `<fixtures>/recorded`. */
export function recordedPath(file: string): string {
  return path.isAbsolute(file) ? file : path.join(fixturesDir(), 'recorded', file);
}

/** The text of a recorded file (`*.json`, `*.sse.txt`, ...). */
export function readRecorded(file: string): string {
  return fs.readFileSync(recordedPath(file), 'utf8');
}

/** A recorded `*.json` body, parsed. */
export function recordedJson<T = unknown>(file: string): T {
  return JSON.parse(readRecorded(file)) as T;
}

/** `*.chunks.txt` → wire frames for the provider's dialect (README: "Rebuilding the wire format"). */
export function sseFrames(file: string, dialect: 'openai' | 'anthropic' | 'gemini'): string[] {
  const lines = readRecorded(file).split('\n').filter((line) => line.trim() !== '');
  if (dialect === 'anthropic') return lines.map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`);
  if (dialect === 'gemini') return lines.map((line) => `data: ${line}\r\n\r\n`);
  return [...lines.map((line) => `data: ${line}\n\n`), 'data: [DONE]\n\n'];
}

/** One recorded HTTP exchange's response, plus what the recorded client sent. */
export interface RecordedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string | Buffer;
  readonly request: { readonly uri: string; readonly method: string; readonly body: unknown };
}

interface CassetteDocument {
  interactions: {
    request: { uri: string; method: string; body?: unknown; parsed_body?: unknown };
    response: { status: { code: number }; headers?: Record<string, string[]>; body?: { string?: string | Uint8Array }; parsed_body?: unknown };
  }[];
}

/** `*.cassette.yaml` → its responses in order (bedrock `!!binary` bodies become Buffers). */
export function cassette(file: string): RecordedResponse[] {
  const document = YAML.parse(readRecorded(file), { customTags: ['binary'] }) as CassetteDocument;
  return document.interactions.map(({ request, response }) => {
    const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, values]) => [name.toLowerCase(), values[0]]));
    const raw = response.parsed_body !== undefined ? JSON.stringify(response.parsed_body) : (response.body?.string ?? '');
    return {
      status: response.status.code,
      contentType: headers['content-type'] ?? 'application/json',
      body: typeof raw === 'string' ? raw : Buffer.from(raw),
      request: { uri: request.uri, method: request.method, body: request.parsed_body ?? requestBody(request.body) },
    };
  });
}

/** Cassettes store request bodies as JSON text, as `{ string }`, or (one Together file) as the mapping itself. */
function requestBody(body: unknown): unknown {
  if (typeof body === 'string') return parseMaybeJson(body);
  if (typeof body === 'object' && body !== null && 'string' in body) return parseMaybeJson(String((body as { string: unknown }).string));
  return body ?? undefined;
}

function parseMaybeJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A reply written one frame at a time, like a real stream. */
export interface FramesReply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly contentType: string;
  readonly frames: readonly (string | Buffer)[];
  /** Wait this long before answering. */
  readonly delayMs?: number;
}

/** A whole-body reply (a recorded response fits). */
export interface BodyReply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly contentType: string;
  readonly body: string | Buffer;
  readonly delayMs?: number;
}

/** Custom behaviour: hang, destroy the socket, watch for the client going away... */
export type HandlerReply = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/** One answer of the fake upstream. */
export type FakeReply = BodyReply | FramesReply | HandlerReply;

/** A request the fake upstream received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  /** The raw body text. */
  readonly body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
}

/** A running fake upstream. */
export interface FakeUpstream {
  /** `http://127.0.0.1:<port>` (no path). */
  readonly baseURL: string;
  readonly requests: ReceivedRequest[];
  /** Stops the server and destroys open sockets, so a hanging reply never keeps a test alive. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 (ephemeral port) that answers each request with the next
 * reply and records what it received. When replies run out it answers 500.
 */
export async function fakeUpstream(replies: readonly FakeReply[]): Promise<FakeUpstream> {
  const queue = [...replies];
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body, json: parseJson(body) });
      const reply = queue.shift();
      if (reply === undefined) {
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'fake upstream: no recorded reply left' } }));
        return;
      }
      if (typeof reply === 'function') return reply(request, response);
      void answer(reply, response);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function answer(reply: BodyReply | FramesReply, response: http.ServerResponse): Promise<void> {
  if (reply.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
  if (response.destroyed) return;
  response.writeHead(reply.status ?? 200, { ...reply.headers, 'content-type': reply.contentType });
  if ('body' in reply) return void response.end(reply.body);
  for (const frame of reply.frames) {
    if (response.destroyed) return;
    response.write(frame);
    // Yield between frames so each tends to reach the client as its own chunk.
    await new Promise((resolve) => setImmediate(resolve));
  }
  response.end();
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
