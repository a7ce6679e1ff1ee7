import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { webhookPathOf } from './routes/flow-view.js';
import { loadExampleFlows } from './runtime/example-flows.js';
import { acquireServerLock } from './runtime/server-lock.js';
import { openStore } from './store/open-store.js';

/**
 * Starts Hookflow: validates the configuration, opens the store in the data directory, loads
 * the example flows on first start, listens, and shuts down cleanly on SIGTERM/SIGINT.
 */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel);
  const store = await openStore({ dataDir: config.dataDir, retention: config.retention, fsync: false, logger: (message) => logger.warn(message) });
  const { listener, runtime, executor, close } = createApp({ config, store, logger });
  await runtime.warm();
  if (config.loadExamples) await loadExampleFlows(runtime, config.dataDir, logger);

  const server = createServer(listener).listen(config.port, config.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const base = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const lock = await acquireServerLock(config.dataDir, base);
  logger.info({ url: base, dataDir: config.dataDir }, `Hookflow is listening on ${base}`);
  for (const stored of await store.flows.list()) {
    logger.info({ flowId: stored.flow.id, active: stored.flow.active }, `flow "${stored.flow.name}": ${base}/webhook/${webhookPathOf(stored)}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing running executions');
    server.close();
    const deadline = Date.now() + 10_000;
    while (executor.inFlightCount > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    server.closeAllConnections();
    close();
    await store.close();
    await lock.release();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startServer().catch((error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : `Hookflow could not start: ${(error as Error).stack ?? String(error)}`}\n`);
    process.exit(1);
  });
}
