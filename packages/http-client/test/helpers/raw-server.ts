import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP server on 127.0.0.1:0 speaking raw bytes, for responses node:http would never send. */
export interface RawServer {
  readonly url: string;
  /** Connections accepted so far. */
  connections: number;
  /** Requests seen so far (one per `\r\n\r\n`-terminated head; the tests send no bodies). */
  requests: number;
  close(): Promise<void>;
}

/**
 * Starts a server that calls `respond(socket, index)` for each request head it receives, with
 * the request's number across the server (0-based).
 */
export async function startRawServer(respond: (socket: net.Socket, index: number, head: string) => void): Promise<RawServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\r\n\r\n')) !== -1) {
        const head = pending.slice(0, end);
        pending = pending.slice(end + 4);
        respond(socket, state.requests++, head);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const state: RawServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: 0,
    requests: 0,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return state;
}
