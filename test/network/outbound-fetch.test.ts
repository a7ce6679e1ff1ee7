import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resolver } from '../../server/network/guarded-socket.js';
import { createOutboundFetch, type OutboundFetch } from '../../server/network/outbound-fetch.js';
import { createOutboundPolicy } from '../../server/network/outbound-policy.js';

/** A local server that counts connections and answers `/redirect?to=…` with a 302 there, `/hops/<n>` with n more redirects, anything else 200 "ok". */
interface Target {
  port: number;
  connections: number;
  paths: string[];
  server: Server;
}

async function startTarget(host: string): Promise<Target> {
  const target = { port: 0, connections: 0, paths: [] as string[] } as Target;
  target.server = createServer((req, res) => {
    target.paths.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const hops = /^\/hops\/(\d+)$/.exec(url.pathname);
    if (url.pathname === '/redirect') res.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
    else if (hops && Number(hops[1]) > 0) res.writeHead(302, { location: `/hops/${Number(hops[1]) - 1}` }).end();
    else res.writeHead(200, { connection: 'close' }).end('ok');
  });
  target.server.on('connection', () => (target.connections += 1));
  target.server.listen(0, host);
  await once(target.server, 'listening');
  target.port = (target.server.address() as AddressInfo).port;
  return target;
}

/** The code of the refusal a fetch rejected with (undici wraps it as `cause`). */
async function refusal(request: Promise<Response>): Promise<{ code: string; message: string }> {
  const error = (await request.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { cause?: { code: string; message: string } } | undefined;
  if (!error?.cause) throw new Error('the request was not refused');
  return error.cause;
}

let local: Target;
let other: Target;
const clients: OutboundFetch[] = [];
const client = (allow: string[], resolve?: Resolver) => {
  const created = createOutboundFetch(createOutboundPolicy(allow), { resolve });
  clients.push(created);
  return created.fetch;
};

beforeAll(async () => {
  local = await startTarget('127.0.0.1');
  other = await startTarget('127.0.0.2');
});
afterAll(async () => {
  await Promise.all(clients.map((created) => created.close()));
  for (const target of [local, other]) target.server.close();
});

describe('outbound fetch, default policy', () => {
  const refused = () => [
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    `http://127.0.0.1:${local.port}/`,
    `http://[::1]:${local.port}/`,
    `http://[::ffff:127.0.0.1]:${local.port}/`,
    `http://2130706433:${local.port}/`,
    `http://0x7f.1:${local.port}/`,
    `http://localhost:${local.port}/`,
    `https://127.0.0.1:${local.port}/`,
    'http://metadata.google.internal/computeMetadata/v1/',
  ];

  it('refuses private, loopback, metadata and odd spellings of them without connecting', async () => {
    const fetch = client([]);
    for (const url of refused()) {
      const cause = await refusal(fetch(url));
      expect(cause.code, url).toBe('OUTBOUND_BLOCKED');
      expect(cause.message, url).toMatch(/^Refused to connect to .+; allow it with HOOKFLOW_OUTBOUND_ALLOW\.$/);
    }
    expect(local.connections).toBe(0);
  });

  it('says what a name resolved to', async () => {
    const cause = await refusal(client([])(`http://localhost:${local.port}/`));
    expect(cause.message).toMatch(/^Refused to connect to localhost: it resolves to (127\.0\.0\.1|::1), a loopback address;/);
  });
});

describe('outbound fetch, with an allowlist', () => {
  it('admits the allowed address, by IP and by a name resolving to it', async () => {
    const fetch = client(['127.0.0.1']);
    expect(await (await fetch(`http://127.0.0.1:${local.port}/a`)).text()).toBe('ok');
    expect(await (await fetch(`http://localhost:${local.port}/b`)).text()).toBe('ok');
    expect(local.paths).toEqual(expect.arrayContaining(['/a', '/b']));
  });

  it('checks every redirect: a hop to a metadata or private address is refused after an allowed first hop', async () => {
    const fetch = client(['127.0.0.1']);
    for (const to of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/', `http://127.0.0.2:${other.port}/`]) {
      const before = local.paths.length;
      expect((await refusal(fetch(`http://127.0.0.1:${local.port}/redirect?to=${encodeURIComponent(to)}`))).code).toBe('OUTBOUND_BLOCKED');
      expect(local.paths.length).toBe(before + 1);
    }
    expect(other.connections).toBe(0);
  });

  it('checks the address a redirect target name resolves to, not the name', async () => {
    const resolve: Resolver = async (hostname) => (hostname === 'public.test' ? [{ address: '127.0.0.2', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    const fetch = client(['127.0.0.1'], resolve);
    const cause = await refusal(fetch(`http://127.0.0.1:${local.port}/redirect?to=${encodeURIComponent(`http://public.test:${other.port}/`)}`));
    expect(cause.message).toBe('Refused to connect to public.test: it resolves to 127.0.0.2, a loopback address; allow it with HOOKFLOW_OUTBOUND_ALLOW.');
    expect(other.connections).toBe(0);
  });

  it('connects to the very address it checked: a name re-resolving to a refused address (DNS rebinding) is refused on the new connection', async () => {
    const answers = ['127.0.0.1', '127.0.0.2'];
    const resolve: Resolver = async () => [{ address: answers.shift() ?? '127.0.0.2', family: 4 }];
    const fetch = client(['127.0.0.1'], resolve);
    expect(await (await fetch(`http://rebind.test:${local.port}/first`)).text()).toBe('ok');
    expect((await refusal(fetch(`http://rebind.test:${local.port}/second`))).code).toBe('OUTBOUND_BLOCKED');
    expect(local.paths).toContain('/first');
    expect(local.paths).not.toContain('/second');
    expect(other.connections).toBe(0);
  });

  it('uses only the admitted addresses of a name that resolves to several', async () => {
    const resolve: Resolver = async () => [
      { address: '127.0.0.2', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const fetch = client(['127.0.0.1'], resolve);
    expect(await (await fetch(`http://mixed.test:${local.port}/mixed`)).text()).toBe('ok');
    expect(other.connections).toBe(0);
  });

  it('follows at most 5 redirects', async () => {
    const fetch = client(['127.0.0.1']);
    expect(await (await fetch(`http://127.0.0.1:${local.port}/hops/5`)).text()).toBe('ok');
    const cause = await refusal(fetch(`http://127.0.0.1:${local.port}/hops/6`));
    expect(cause).toMatchObject({ code: 'TOO_MANY_REDIRECTS', message: 'The request was redirected more than 5 times.' });
  });

  it('admits a host name on the allowlist whatever it resolves to', async () => {
    const resolve: Resolver = async () => [{ address: '127.0.0.2', family: 4 }];
    const fetch = client(['internal.test'], resolve);
    expect(await (await fetch(`http://internal.test:${other.port}/named`)).text()).toBe('ok');
    expect(other.paths).toContain('/named');
  });
});
