import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A `node:http` server on 127.0.0.1 with an ephemeral port, counting the connections it accepts. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  /** Connections accepted so far. */
  connectionCount(): number;
  /** Resolves when the next socket closes (or at once if `socket` is already closed). */
  socketClosed(socket: Socket): Promise<void>;
  close(): Promise<void>;
}

/** Starts `handler` on 127.0.0.1:0; `close()` also destroys open keep-alive sockets. */
export async function startTestServer(handler: http.RequestListener): Promise<TestServer> {
  const server = http.createServer(handler);
  const sockets = new Set<Socket>();
  let connections = 0;
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    connectionCount: () => connections,
    socketClosed: (socket) =>
      new Promise((resolve) => {
        if (socket.destroyed) resolve();
        else socket.once('close', () => resolve());
      }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Reads a request body as text. */
export async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Sends a JSON body with the given status. */
export function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}
