import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import jsonata from 'jsonata';
import { readBenchExpression, webhookPath } from './bench-flow.js';
import { announceReady, serveBenchControl } from './child-control.js';

/**
 * The baseline Hookflow is measured against: what a developer would write by hand for the bench
 * flow. A bare Express 5 app on Express's default path (`express.json()`, `res.json()` with its
 * ETag), evaluating the flow's own expression, compiled once, over an input shaped like
 * Hookflow's `$trigger`, so that both targets do the same work and only Hookflow's overhead
 * (engine, execution record) differs.
 */
async function startBaseline(): Promise<void> {
  const expression = jsonata(readBenchExpression());
  const app = express();
  app.use(express.json());
  app.post(webhookPath, async (req, res) => {
    const trigger = { method: req.method, path: req.path, headers: req.headers, query: req.query, params: req.params, body: req.body as unknown };
    res.json(await expression.evaluate(trigger, { trigger, nodes: {} }));
  });

  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  // An orderly exit on SIGTERM, like Hookflow's, so that `--cpu-prof` gets to write its profile.
  process.on('SIGTERM', () => process.exit(0));
  serveBenchControl(() => process.exit(0));
  announceReady((server.address() as AddressInfo).port);
}

startBaseline().catch((error: unknown) => {
  process.stderr.write(`baseline server could not start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
