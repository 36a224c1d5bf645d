// Graceful shutdown of the HTTP listener: stop accepting, let every request in flight finish,
// then close. Node's own server.close() destroys every connection without a request in
// progress at once, which includes connections accepted a moment ago whose request has not
// been read yet: on the embedded database the event loop is often busy, so requests wait as
// connections, and those would be cut. Here, connections that already served a request and
// sit idle are closed at once, a response finished while stopping closes its connection, and
// connections yet to send their first request are closed only once nothing else is running
// and they still have not sent it.
import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

interface Connection {
  requests: number;
  busy: boolean;
}

export interface Drain {
  /** Stops accepting and resolves once every connection has ended (true), or after `timeoutMs`, the rest cut (false). */
  drain(timeoutMs: number): Promise<boolean>;
}

/** How long connections that never sent a request may stay once nothing else is in flight. */
const FIRST_REQUEST_GRACE_MS = 500;

export function trackConnections(server: Server): Drain {
  const connections = new Map<Socket, Connection>();
  let stopping = false;
  let busy = 0;
  let accepted = 0;
  let sweep: NodeJS.Timeout | null = null;

  const sweepLater = () => {
    if (sweep) clearTimeout(sweep);
    sweep = setTimeout(() => {
      if (busy > 0) return;
      for (const [socket, connection] of connections) if (connection.requests === 0) socket.destroy();
    }, FIRST_REQUEST_GRACE_MS);
    sweep.unref();
  };

  server.on('connection', (socket: Socket) => {
    accepted += 1;
    connections.set(socket, { requests: 0, busy: false });
    socket.once('close', () => connections.delete(socket));
  });
  server.on('request', (request, response) => {
    const connection = connections.get(request.socket);
    if (!connection) return;
    connection.requests += 1;
    connection.busy = true;
    busy += 1;
    if (stopping && !response.headersSent) response.setHeader('connection', 'close');
    response.once('close', () => {
      connection.busy = false;
      busy -= 1;
      if (!stopping) return;
      request.socket.end();
      if (busy === 0) sweepLater();
    });
  });

  return {
    drain: (timeoutMs) =>
      new Promise((resolve) => {
        stopping = true;
        const timer = setTimeout(() => {
          for (const socket of connections.keys()) socket.destroy();
          resolve(false);
        }, timeoutMs);
        timer.unref();
        // Connections already queued are accepted first: the listener closes (net.Server's
        // close, which leaves open connections alone) after a whole turn of the event loop,
        // its poll phase included, has accepted none.
        const closeWhenQueueEmpty = (seen: number, turns: number) =>
          setImmediate(() =>
            setImmediate(() => {
              if (accepted !== seen && turns < 100) return closeWhenQueueEmpty(accepted, turns + 1);
              NetServer.prototype.close.call(server, () => {
                clearTimeout(timer);
                if (sweep) clearTimeout(sweep);
                resolve(true);
              });
              for (const [socket, connection] of connections) if (!connection.busy && connection.requests > 0) socket.end();
              if (busy === 0) sweepLater();
            }),
          );
        closeWhenQueueEmpty(accepted, 0);
      }),
  };
}
