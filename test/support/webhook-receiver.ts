// A webhook receiver as a shop would run one: a real HTTP server that verifies each request's
// signature with the `standardwebhooks` package and answers as the test tells it.
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  timestamp: string;
  body: string;
  payload: { type: string; timestamp: string; data: Record<string, any> };
  /** The signature verified with the endpoint's secret. */
  verified: boolean;
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** What to answer to the n-th request (from 1): a status (with a body of the test's), 'hang' (never answer) or 'hold' (answer when `release` is called). */
  answer: (request: Received, n: number) => number | { status: number; body: string } | 'hang' | 'hold';
  /** TCP connections accepted, requests or not. */
  connections: number;
  /** Requests received and neither answered nor given up by the sender. */
  open: number;
  /** Answers every request held so far with `status`, all at once. */
  release(status: number): void;
  /** The secret to verify with (given when the endpoint is created). */
  secret: string;
  close(): Promise<void>;
}

export async function startReceiver(path = '/hooks', host = '127.0.0.1'): Promise<Receiver> {
  const hanging = new Set<() => void>();
  const held: ((status: number) => void)[] = [];
  const receiver: Receiver = {
    url: '',
    received: [],
    answer: () => 200,
    connections: 0,
    open: 0,
    secret: '',
    release: (status) => held.splice(0).forEach((answer) => answer(status)),
    close: async () => undefined,
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      };
      let verified = false;
      try {
        new Webhook(receiver.secret).verify(body, headers);
        verified = true;
      } catch {
        verified = false;
      }
      const received: Received = {
        id: headers['webhook-id'],
        timestamp: headers['webhook-timestamp'],
        body,
        payload: JSON.parse(body),
        verified,
        at: performance.now(),
      };
      receiver.received.push(received);
      receiver.open += 1;
      response.once('close', () => (receiver.open -= 1));
      const answer = receiver.answer(received, receiver.received.length);
      if (answer === 'hang') {
        hanging.add(() => response.destroy());
        return;
      }
      const reply = (status: number, text = status < 300 ? 'ok' : 'not now') => response.writeHead(status, { 'content-type': 'text/plain' }).end(text);
      if (answer === 'hold') held.push(reply);
      else if (typeof answer === 'object') reply(answer.status, answer.body);
      else reply(answer);
    });
  });
  server.on('connection', () => (receiver.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as { port: number };
  receiver.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${path}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      for (const end of hanging) end();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
