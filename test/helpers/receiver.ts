// A local HTTP server standing in for a service no test can reach from here (a chat webhook, a paging gateway):
// it records each request and answers as the test says. Used by server tests and e2e specs alike.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a local receiver was sent. */
export interface Received { path: string; headers: IncomingHttpHeaders; body: string }
/** How the receiver answers a request: a status and body, or never (the sender's timeout has to end it). */
export type ReceiverAnswer = { status: number; body?: string; contentType?: string; headers?: Record<string, string> } | 'never';
export interface Receiver {
  /** http://127.0.0.1:<port> */
  base: string;
  /** Every request so far, in arrival order. */
  received: Received[];
  close(): Promise<void>;
}

/**
 * A local HTTP server standing in for a chat service, webhook or paging gateway (none is reachable from here):
 * it records each request and answers as `answer` says (200 "ok" unless told otherwise).
 */
export async function startReceiver(answer: (r: Received) => ReceiverAnswer = () => ({ status: 200 })): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += String(d)));
    req.on('end', () => {
      const r = { path: req.url ?? '', headers: req.headers, body };
      received.push(r);
      const a = answer(r);
      if (a === 'never') return;
      res.writeHead(a.status, { 'content-type': a.contentType ?? 'text/plain', ...(a.headers ?? {}) }).end(a.body ?? 'ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections(); // a request left unanswered on purpose must not hold the test open
      server.close(() => r());
    }),
  };
}
