import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SunkRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface HttpSink {
  url: string;
  requests: SunkRequest[];
  /** What the next requests are answered with (default 200 `{ "id": "crm-1" }`). */
  answer: { status: number; body: unknown };
  /** While true, requests are received but not answered until `release()`: holds executions running. */
  holding: boolean;
  /** Answers the held requests and stops holding. */
  release(): void;
  close(): Promise<void>;
}

/** A real HTTP server on an ephemeral 127.0.0.1 port standing in for a CRM or mailing-list API. */
export async function startHttpSink(): Promise<HttpSink> {
  const requests: SunkRequest[] = [];
  const held: Array<() => void> = [];
  const sink = {
    answer: { status: 200, body: { id: 'crm-1' } as unknown },
    holding: false,
    release() {
      sink.holding = false;
      for (const answer of held.splice(0)) answer();
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined });
      const answer = () => res.writeHead(sink.answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(sink.answer.body));
      if (sink.holding) held.push(answer);
      else answer();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return Object.assign(sink, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
